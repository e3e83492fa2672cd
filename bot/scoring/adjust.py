"""Admin score corrections: an append-only, audited row (who, when, why) whose points join
the totals like an answer's. Nothing is edited in place; undoing is another adjustment."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.errors import UserFacingError
from bot.scoring.models import ScoreAdjustment
from bot.scoring.periods import aware, week_of
from bot.scoring.record import lock_player
from bot.scoring.seasons import current_season, guild_zone
from bot.scoring.totals import add_to_totals
from bot.store.models import utcnow

MAX_POINTS = 1000
REASON_MIN, REASON_MAX = 3, 300


def check_adjustment(points: int, reason: str) -> str:
    reason = " ".join((reason or "").split())
    if points == 0:
        raise UserFacingError("An adjustment of 0 points changes nothing; give a positive or "
                              "negative number.")
    if abs(points) > MAX_POINTS:
        raise UserFacingError(f"An adjustment is at most ±{MAX_POINTS} points at a time.")
    if len(reason) < REASON_MIN:
        raise UserFacingError("Say why in a few words: the reason is kept with the adjustment.")
    if len(reason) > REASON_MAX:
        raise UserFacingError(f"Keep the reason under {REASON_MAX} characters.")
    return reason


async def adjust_score(session: AsyncSession, *, guild_id: int, user_id: int, admin_id: int,
                       points: int, reason: str, now: dt.datetime | None = None
                       ) -> ScoreAdjustment:
    """Write the adjustment and add it to this week's, this season's and all-time totals.
    Both users and the guild must exist. Does not commit."""
    reason = check_adjustment(points, reason)
    now = aware(now or utcnow())
    await lock_player(session, user_id)
    season = await current_season(session, guild_id=guild_id, now=now)
    week = week_of(now, await guild_zone(session, guild_id))
    row = ScoreAdjustment(guild_id=guild_id, user_id=user_id, admin_id=admin_id, points=points,
                          reason=reason, season_id=season.id, week_key=week.key, created_at=now)
    session.add(row)
    await session.flush()
    await add_to_totals(session, guild_id=guild_id, user_id=user_id, week_key=week.key,
                        season_id=season.id, points=points, answers=0, now=now)
    return row


async def adjustments(session: AsyncSession, *, guild_id: int, user_id: int, offset: int = 0,
                      limit: int = 10) -> tuple[list[ScoreAdjustment], int]:
    """A player's adjustments in a server, newest first, and how many there are."""
    where = (ScoreAdjustment.guild_id == guild_id, ScoreAdjustment.user_id == user_id)
    total = (await session.exec(select(func.count()).select_from(ScoreAdjustment)
                                .where(*where))).one()
    rows = (await session.exec(select(ScoreAdjustment).where(*where).order_by(
        col(ScoreAdjustment.created_at).desc(), col(ScoreAdjustment.id).desc())
        .offset(offset).limit(limit))).all()
    return list(rows), total
