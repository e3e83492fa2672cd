"""The summary totals, changed only by adding: one upsert per change (``INSERT ... ON CONFLICT
DO UPDATE SET points = points + excluded.points``), atomic on SQLite and PostgreSQL, in the
caller's transaction. Concurrent answers never lose points."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import case
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.scoring.models import ScoreTotal

KEY = ("guild_id", "period", "period_key", "section", "user_id")


def dialect_insert(session: AsyncSession, table):
    """``INSERT`` with the dialect's ``ON CONFLICT`` support."""
    name = session.sync_session.get_bind().dialect.name
    module = postgresql if name == "postgresql" else sqlite
    return module.insert(table)


def period_keys(*, week_key: str, season_id: int | None) -> list[tuple[str, str]]:
    keys = [("week", week_key), ("all", "")]
    if season_id is not None:
        keys.insert(1, ("season", str(season_id)))
    return keys


async def add_to_totals(session: AsyncSession, *, guild_id: int, user_id: int, week_key: str,
                        season_id: int | None, points: int, answers: int, now: dt.datetime,
                        section: str | None = None) -> None:
    """Add ``points`` and ``answers`` to every board the change belongs to (week, season, all
    time; all sections and ``section``). ``reached_at`` moves only when the points do."""
    sections = [""] + ([section] if section else [])
    rows = [dict(guild_id=guild_id, period=period, period_key=key, section=s, user_id=user_id,
                 points=points, answers=answers, reached_at=now)
            for period, key in period_keys(week_key=week_key, season_id=season_id)
            for s in sections]
    table = ScoreTotal.__table__
    stmt = dialect_insert(session, table).values(rows)
    stmt = stmt.on_conflict_do_update(index_elements=list(KEY), set_={
        "points": table.c.points + stmt.excluded.points,
        "answers": table.c.answers + stmt.excluded.answers,
        "reached_at": case((stmt.excluded.points != 0, stmt.excluded.reached_at),
                           else_=table.c.reached_at),
    })
    await session.exec(stmt)
