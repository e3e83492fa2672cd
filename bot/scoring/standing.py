"""One player's standing in a server: points and rank (all time, this season, this week),
streak and answered count — what ``/score`` and the profile show. Four round trips: the
season, the player's three totals, the ranks and the board size in one statement, and the
streak's days."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import and_, or_
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.scoring.boards import ahead_count, players_count, scope_of
from bot.scoring.models import ScoreTotal
from bot.scoring.streaks import streak

PERIODS = ("all", "season", "week")


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


async def standing(session: AsyncSession, *, guild_id: int, user_id: int,
                   now: dt.datetime, ranks: tuple[str, ...] = ("all", "season")) -> Standing:
    """``ranks``: the boards whose rank to compute (each is an index count); the points of
    all three are always read. ``week_rank`` is None unless "week" is asked for."""
    scopes = {p: await scope_of(session, guild_id=guild_id, period=p, now=now) for p in PERIODS}
    live = [s for s in scopes.values() if s.key is not None]
    mine = {row.period: row for row in (await session.exec(select(ScoreTotal).where(
        ScoreTotal.guild_id == guild_id, ScoreTotal.user_id == user_id,
        ScoreTotal.section == "",
        or_(*[and_(ScoreTotal.period == s.period, ScoreTotal.period_key == s.key)
              for s in live])))).all()}
    counts = [players_count(guild_id, scopes["all"]).scalar_subquery()]
    ranked = [p for p in mine if p in ranks]
    counts += [ahead_count(guild_id, scopes[p], "", mine[p]) for p in ranked]
    found = (await session.exec(select(*counts))).one()
    players, *ahead = tuple(found) if len(counts) > 1 else (found,)
    rank = {p: n + 1 for p, n in zip(ranked, ahead, strict=True)}

    def points(period: str) -> int:
        return mine[period].points if period in mine else 0

    return Standing(points=points("all"), rank=rank.get("all"), players=players,
                    season_points=points("season"), season_rank=rank.get("season"),
                    week_points=points("week"), week_rank=rank.get("week"),
                    streak=await streak(session, guild_id=guild_id, user_id=user_id, now=now),
                    answered=mine["all"].answers if "all" in mine else 0)
