"""One player's standing in a server: points and rank (all time, this season, this week),
streak and answered count — what ``/score`` and the profile show."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.scoring.boards import Scope, rank_of, scope_of
from bot.scoring.models import ScoreTotal
from bot.scoring.streaks import streak


@dataclass(frozen=True)
class Standing:
    points: int  # all time
    rank: int | None  # all time; None before the first answer
    players: int  # players on the all-time board
    season_points: int
    season_rank: int | None
    week_points: int
    week_rank: int | None
    streak: int
    answered: int  # graded answers in this server


async def _players(session: AsyncSession, guild_id: int, scope: Scope) -> int:
    return (await session.exec(select(func.count()).select_from(ScoreTotal).where(
        ScoreTotal.guild_id == guild_id, ScoreTotal.period == scope.period,
        ScoreTotal.period_key == scope.key, ScoreTotal.section == ""))).one()


async def standing(session: AsyncSession, *, guild_id: int, user_id: int,
                   now: dt.datetime) -> Standing:
    placed = {}
    players = 0
    for period in ("all", "season", "week"):
        scope = await scope_of(session, guild_id=guild_id, period=period, now=now)
        placed[period] = await rank_of(session, guild_id=guild_id, scope=scope, user_id=user_id)
        if period == "all":
            players = await _players(session, guild_id, scope)
    every = placed["all"] or (None, 0, 0)
    season = placed["season"] or (None, 0, 0)
    week = placed["week"] or (None, 0, 0)
    return Standing(points=every[1], rank=every[0], players=players, season_points=season[1],
                    season_rank=season[0], week_points=week[1], week_rank=week[0],
                    streak=await streak(session, guild_id=guild_id, user_id=user_id, now=now),
                    answered=every[2])
