"""What nobody else may learn while a daily question is open. A member's profile lists the
key points their latest answers missed; shown to someone else before the reveal, those of
today's daily question would hand them its rubric. The profile adapters drop them."""

from __future__ import annotations

from sqlmodel import select

from bot.daily.models import DailyPost
from bot.daily.select import question_for
from bot.errors import UserFacingError

OPEN = ("pending", "claimed")  # posted, reveal not yet done


async def open_daily_titles(app) -> set[str]:
    """Titles of the daily questions still taking answers (or being revealed), anywhere."""
    async with app.sessions() as s:
        rows = (await s.exec(select(DailyPost.question_id, DailyPost.guild_id).where(
            DailyPost.status == "posted", DailyPost.reveal_state.in_(OPEN)))).all()
    titles = set()
    for question_id, guild_id in rows:
        try:
            titles.add((await question_for(app, question_id, guild_id)).title)
        except UserFacingError:  # removed meanwhile
            continue
    return titles
