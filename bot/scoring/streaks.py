"""Streaks: days in a row, in the server's time zone, with at least one graded answer there.

Grace rule: today is not over, so a streak that reached yesterday still stands; and one
missed day is forgiven (it keeps the streak but does not add to it) at most once in any
``STREAK_GRACE_DAYS`` days. Two missed days in a row always end a streak."""

from __future__ import annotations

import datetime as dt

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.scoring.periods import aware, local_date
from bot.scoring.rules import STREAK_GRACE_DAYS
from bot.scoring.seasons import guild_zone
from bot.store.models import Attempt

LOOKBACK_DAYS = 400
ONE = dt.timedelta(days=1)


def count_streak(days: set[dt.date], today: dt.date, *,
                 grace_every: int = STREAK_GRACE_DAYS) -> int:
    """The streak ending today (or yesterday, since today is not over) over active ``days``."""
    day = today if today in days else today - ONE
    count = 0
    last_grace: dt.date | None = None
    while True:
        if day in days:
            count += 1
            day -= ONE
        elif day - ONE in days and (last_grace is None
                                    or (last_grace - day).days >= grace_every):
            last_grace = day
            day -= ONE
        else:
            return count


async def streak(session: AsyncSession, *, guild_id: int, user_id: int,
                 now: dt.datetime) -> int:
    now = aware(now)
    tz = await guild_zone(session, guild_id)
    times = (await session.exec(select(Attempt.created_at).where(
        Attempt.guild_id == guild_id, Attempt.user_id == user_id,
        Attempt.created_at >= now - dt.timedelta(days=LOOKBACK_DAYS),
        Attempt.created_at <= now))).all()
    return count_streak({local_date(t, tz) for t in times}, local_date(now, tz))
