"""Leaderboards per server: this week, this season or all time, optionally one section.

Ties are broken deterministically: more points first; on equal points, whoever reached that
total first (``reached_at``, the last time their points changed); then the lower user id.
Ranks are therefore distinct (1, 2, 3, ...), and a player's rank is the same on every page.
Reads only ``score_totals`` (one index range), so a board of 10,000 players stays fast."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import and_, func, or_
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.bank import section_key
from bot.errors import UserFacingError
from bot.scoring.models import ScoreTotal
from bot.scoring.periods import aware, week_of
from bot.scoring.seasons import guild_zone, planned_bounds, season_at
from bot.store.models import User

PERIODS = ("week", "season", "all")
MAX_LIMIT = 50


@dataclass(frozen=True)
class BoardRow:
    rank: int
    user_id: int
    name: str
    points: int


@dataclass(frozen=True)
class Board:
    rows: list[BoardRow]
    total_players: int
    viewer: BoardRow | None
    period_start: dt.datetime | None
    period_end: dt.datetime | None
    period: str = "week"
    section: str | None = None
    offset: int = 0
    limit: int = 10
    season_number: int | None = None


@dataclass(frozen=True)
class Scope:
    period: str
    key: str | None  # None: the period has no row yet (an unopened season): an empty board
    start: dt.datetime | None
    end: dt.datetime | None
    season_number: int | None = None


def check_period(period: str) -> str:
    value = (period or "week").strip().lower()
    if value not in PERIODS:
        raise UserFacingError(f"A leaderboard period is week, season or all, not {period[:20]!r}.")
    return value


async def scope_of(session: AsyncSession, *, guild_id: int, period: str,
                   now: dt.datetime) -> Scope:
    """Which totals a board reads. Reading never opens a season (a write)."""
    now = aware(now)
    if period == "week":
        week = week_of(now, await guild_zone(session, guild_id))
        return Scope(period, week.key, week.start, week.end)
    if period == "season":
        season = await season_at(session, guild_id=guild_id, now=now)
        if season is None:
            start, end = await planned_bounds(session, guild_id=guild_id, now=now)
            return Scope(period, None, start, end)
        return Scope(period, str(season.id), aware(season.starts_at), aware(season.ends_at),
                     season.number)
    return Scope(period, "", None, None)


def _on_board(guild_id: int, scope: Scope, section: str) -> tuple:
    return (ScoreTotal.guild_id == guild_id, ScoreTotal.period == scope.period,
            ScoreTotal.period_key == scope.key, ScoreTotal.section == section)


async def rank_of(session: AsyncSession, *, guild_id: int, scope: Scope, user_id: int,
                  section: str = "") -> tuple[int, int, int] | None:
    """(rank, points, answers) of one player on a board, or None when not on it."""
    if scope.key is None:
        return None
    mine = (await session.exec(select(ScoreTotal).where(
        *_on_board(guild_id, scope, section), ScoreTotal.user_id == user_id))).first()
    if mine is None:
        return None
    before = await _scalar(session, ahead_count(guild_id, scope, section, mine))
    return before + 1, mine.points, mine.answers


async def _scalar(session: AsyncSession, expression) -> int:
    return (await session.exec(select(expression))).one()


def ahead_count(guild_id: int, scope: Scope, section: str, mine: ScoreTotal):
    """The number of players ranked before ``mine`` on a board (the tie rule), as a scalar
    expression: more points (an index range), plus equal points reached earlier."""
    t = ScoreTotal
    on_board = _on_board(guild_id, scope, section)
    more = select(func.count()).select_from(t).where(*on_board, t.points > mine.points)
    tied = select(func.count()).select_from(t).where(*on_board, t.points == mine.points, or_(
        t.reached_at < mine.reached_at,
        and_(t.reached_at == mine.reached_at, t.user_id < mine.user_id)))
    return more.scalar_subquery() + tied.scalar_subquery()


def players_count(guild_id: int, scope: Scope, section: str = ""):
    return select(func.count()).select_from(ScoreTotal).where(
        *_on_board(guild_id, scope, section))


def _name(user_id: int, name: str | None) -> str:
    return name or f"user {user_id}"


async def leaderboard(session: AsyncSession, *, guild_id: int, period: str = "week",
                      section: str | None = None, now: dt.datetime, offset: int = 0,
                      limit: int = 10, viewer_id: int | None = None) -> Board:
    period = check_period(period)
    section = section_key(section) if section else None
    offset, limit = max(0, int(offset)), min(max(1, int(limit)), MAX_LIMIT)
    scope = await scope_of(session, guild_id=guild_id, period=period, now=now)
    rows: list[BoardRow] = []
    total = 0
    viewer = None
    if scope.key is not None:
        on_board = _on_board(guild_id, scope, section or "")
        total = (await session.exec(players_count(guild_id, scope, section or ""))).one()
        found = (await session.exec(
            select(ScoreTotal.user_id, ScoreTotal.points, User.name)
            .join(User, col(User.id) == ScoreTotal.user_id).where(*on_board)
            .order_by(col(ScoreTotal.points).desc(), ScoreTotal.reached_at, ScoreTotal.user_id)
            .offset(offset).limit(limit))).all()
        rows = [BoardRow(offset + i, uid, _name(uid, name), points)
                for i, (uid, points, name) in enumerate(found, start=1)]
        if viewer_id is not None:
            placed = await rank_of(session, guild_id=guild_id, scope=scope, user_id=viewer_id,
                                   section=section or "")
            if placed is not None:
                user = await session.get(User, viewer_id)
                viewer = BoardRow(placed[0], viewer_id, _name(viewer_id, user and user.name),
                                  placed[1])
    return Board(rows=rows, total_players=total, viewer=viewer, period_start=scope.start,
                 period_end=scope.end, period=period, section=section, offset=offset,
                 limit=limit, season_number=scope.season_number)
