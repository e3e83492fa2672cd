"""Console commands for spaced review, the profile and calibration:
/review [remind HOUR ZONE | remind off], /profile, /confidence N."""

from __future__ import annotations

import asyncio
import tempfile
from typing import TYPE_CHECKING

from bot.ask import card_for
from bot.console import render
from bot.console.commands import command
from bot.errors import UserFacingError
from bot.profile.chart import render_chart
from bot.profile.profile import build_profile, profile_sections
from bot.review.calibration import parse_confidence
from bot.review.reminders import clear_reminder, set_reminder
from bot.review.serve import pick_review, span
from bot.store.models import utcnow

if TYPE_CHECKING:
    from bot.console.session import Console

USAGE = "Usage: /review | /review remind HOUR TIMEZONE | /review remind off"


@command("review", "/review [remind H ZONE | remind off]",
         "your most-due question for spaced review; DM reminders (Discord only)")
async def review(console: Console, args: list[str]) -> str:
    if args:
        return await _remind(console, args)
    now = utcnow()
    pick = await pick_review(console.app, user_id=console.user_id, guild_id=console.guild_id,
                             now=now)
    console.state["drill"] = (pick.question.id, None)
    console.state["review_of"] = pick.question.id
    console.state["buffer"] = []
    head = (f"Review · due for {span(now - pick.due.due)} · last score "
            f"{pick.due.last_score} · {pick.due_total} due")
    lines = [head, render.question_card(card_for(pick.question))]
    if pick.others:
        lines.append("Also due: " + "; ".join(pick.others))
    lines.append("Answer it: type, then /send (/confidence 90 first to state your confidence).")
    return "\n".join(lines)


async def _remind(console: Console, args: list[str]) -> str:
    if args[0].lower() != "remind" or len(args) not in (2, 3):
        raise UserFacingError(USAGE)
    now = utcnow()
    async with console.app.sessions() as s:
        if len(args) == 2 and args[1].lower() == "off":
            was_on = await clear_reminder(s, user_id=console.user_id, now=now)
            await s.commit()
            return "Review reminders are off." if was_on else "Review reminders were not on."
        if len(args) != 3 or not args[1].isdigit():
            raise UserFacingError(USAGE)
        row = await set_reminder(s, user_id=console.user_id, hour=int(args[1]),
                                 timezone=args[2], now=now, user_name="console")
        await s.commit()
    return (f"Review reminders on: {row.hour:02d}:00 {row.timezone}, when something is due. "
            "(The console sends no DMs; the Discord bot does.)")


@command("profile", "/profile", "your points, mastery, weak points, due reviews, calibration")
async def profile(console: Console, args: list[str]) -> str:
    if args:
        raise UserFacingError("Usage: /profile (the console has one user: you).")
    built = await build_profile(console.app, user_id=console.user_id,
                                guild_id=console.guild_id, now=utcnow(), name="you")
    lines = [render.rule("Profile")]
    for heading, text in profile_sections(built):
        lines += [heading, *[f"  {line}" for line in text.splitlines()], ""]
    png = await asyncio.to_thread(render_chart, built)
    path = await asyncio.to_thread(_write_png, png)
    lines += [f"Chart: {path}", render.rule()]
    return "\n".join(lines)


def _write_png(png: bytes) -> str:
    with tempfile.NamedTemporaryFile(prefix="viva-profile-", suffix=".png",
                                     delete=False) as out:
        out.write(png)
    return out.name


@command("confidence", "/confidence 50|70|90|99|off",
         "how sure you are of your next answer (for calibration)")
async def confidence(console: Console, args: list[str]) -> str:
    if len(args) != 1:
        raise UserFacingError("Usage: /confidence 50|70|90|99 (percent), or /confidence off.")
    if args[0].lower() == "off":
        console.state.pop("confidence", None)
        return "No confidence for your next answer."
    value = parse_confidence(args[0])
    console.state["confidence"] = value
    return f"Confidence {value:.0%} noted for your next answer."
