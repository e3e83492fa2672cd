"""The points rules, and that /help scoring states the same numbers."""

from __future__ import annotations

import pytest

from bot.scoring import rules
from bot.scoring.rules import points_for


@pytest.mark.parametrize(("kind", "score", "band", "hints", "expected"), [
    ("question", 100, "strong", 0, 12),
    ("question", 74, "partial", 0, 7),
    ("question", 75, "strong", 0, 10),  # 7.5 rounds half up to 8, +2 strong
    ("question", 80, "strong", 1, 8),
    ("question", 30, "partial", 3, 0),  # never below 0
    ("interview", 55, "partial", 0, 6),
    ("review", 10, "weak", 0, 1),
    ("daily", 90, "strong", 0, 13),  # 9 + 2 strong + 2 daily
    ("daily", 0, "weak", 2, 2),  # the daily bonus survives hints
    ("probe", 100, "strong", 0, 5),
    ("probe", 49, "partial", 0, 2),
    ("question", 90, "invalid", 0, 0),
])
def test_points(kind, score, band, hints, expected):
    assert points_for(kind=kind, score=score, band=band, hints_used=hints,
                      probes_answered=1 if kind == "probe" else 0) == expected


def test_help_states_the_numbers_the_rules_use():
    text = rules.HELP
    assert f"+{rules.STRONG_BONUS} if it is strong" in text
    assert f"−{rules.HINT_COST} per hint" in text
    assert f"+{rules.DAILY_BONUS}, and only your first answer" in text
    assert f"at most {rules.MAX_COUNTED_PROBES} per question per season" in text
    assert f"every {rules.STREAK_GRACE_DAYS} days" in text
