"""The optional "How sure are you?" select in the Answer modals (a ``Label`` wrapping a
``Select``, which discord.py 2.6+ modals support), for calibration on the profile."""

from __future__ import annotations

import discord

from bot.review.calibration import CHOICES


def confidence_label() -> discord.ui.Label:
    options = [discord.SelectOption(label=f"{value:.0%}", value=str(value)) for value in CHOICES]
    return discord.ui.Label(
        text="How sure are you? (optional)",
        description="The chance this answer is graded strong; your profile shows calibration.",
        component=discord.ui.Select(custom_id="confidence", placeholder="Not saying",
                                    options=options, min_values=0, max_values=1,
                                    required=False))


def chosen_confidence(label: discord.ui.Label) -> float | None:
    """The picked probability, or None when left empty (only our own values can arrive)."""
    values = getattr(label.component, "values", None) or []
    try:
        value = float(values[0]) if values else None
    except ValueError:
        return None
    return value if value in CHOICES else None
