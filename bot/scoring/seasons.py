"""Seasons per server: found or opened on demand, closed and archived with their top three
once their end (a local midnight) has passed. Safe when several writers race: opening is an
``INSERT ... ON CONFLICT DO NOTHING`` and closing is claimed by one conditional ``UPDATE``."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.scoring.models import ScoreTotal, ScoringSettings, Season, SeasonWinner
from bot.scoring.periods import (
    aware,
    describe_length,
    local_date,
    local_midnight,
    natural_season,
    parse_length,
    zone,
)
from bot.scoring.totals import dialect_insert
from bot.store.models import Guild, utcnow

ARCHIVED_PLACES = 3


async def guild_zone(session: AsyncSession, guild_id: int):
    guild = await session.get(Guild, guild_id)
    return zone(guild.timezone if guild else None)


async def season_settings(session: AsyncSession, guild_id: int) -> ScoringSettings:
    found = await session.get(ScoringSettings, guild_id)
    return found or ScoringSettings(guild_id=guild_id)


async def season_at(session: AsyncSession, *, guild_id: int, now: dt.datetime) -> Season | None:
    query = select(Season).where(Season.guild_id == guild_id, Season.starts_at <= now,
                                 Season.ends_at > now)
    return (await session.exec(query)).first()


async def planned_bounds(session: AsyncSession, *, guild_id: int, now: dt.datetime
                         ) -> tuple[dt.datetime, dt.datetime]:
    """[start, end) of the season that would open at ``now``: the natural period of the
    server's season length (local midnights), clipped so seasons never overlap."""
    tz = await guild_zone(session, guild_id)
    conf = await season_settings(session, guild_id)
    first, last = natural_season(local_date(now, tz), conf.season_length, conf.season_weeks,
                                 conf.season_anchor)
    start, end = local_midnight(first, tz), local_midnight(last, tz)
    prev_end = (await session.exec(select(func.max(Season.ends_at)).where(
        Season.guild_id == guild_id, Season.ends_at <= now))).one()
    next_start = (await session.exec(select(func.min(Season.starts_at)).where(
        Season.guild_id == guild_id, Season.starts_at > now))).one()
    if prev_end is not None:
        start = max(start, aware(prev_end))
    if next_start is not None:
        end = min(end, aware(next_start))
    return start, end


async def current_season(session: AsyncSession, *, guild_id: int, now: dt.datetime) -> Season:
    """The season containing ``now``, opening it (and archiving ended ones) if needed."""
    now = aware(now)
    found = await season_at(session, guild_id=guild_id, now=now)
    if found is not None:
        return found
    await close_ended(session, now=now, guild_id=guild_id)
    start, end = await planned_bounds(session, guild_id=guild_id, now=now)
    number = (await session.exec(select(func.count()).select_from(Season).where(
        Season.guild_id == guild_id, Season.starts_at < start))).one() + 1
    stmt = dialect_insert(session, Season.__table__).values(
        guild_id=guild_id, number=number, starts_at=start, ends_at=end)
    await session.exec(stmt.on_conflict_do_nothing(index_elements=["guild_id", "starts_at"]))
    return await season_at(session, guild_id=guild_id, now=now)


async def close_ended(session: AsyncSession, *, now: dt.datetime,
                      guild_id: int | None = None) -> list[Season]:
    """Close every season (of one server, or all) that ended by ``now``; archive its top
    three. Returns the seasons this call closed (each is closed exactly once)."""
    query = select(Season).where(Season.ends_at <= now, col(Season.closed_at).is_(None))
    if guild_id is not None:
        query = query.where(Season.guild_id == guild_id)
    closed = []
    for season in (await session.exec(query.order_by(Season.ends_at))).all():
        claimed = await session.exec(update(Season).where(
            Season.id == season.id, col(Season.closed_at).is_(None)).values(closed_at=now))
        if claimed.rowcount != 1:
            continue
        top = (await session.exec(select(ScoreTotal.user_id, ScoreTotal.points).where(
            ScoreTotal.guild_id == season.guild_id, ScoreTotal.period == "season",
            ScoreTotal.period_key == str(season.id), ScoreTotal.section == "",
            ScoreTotal.points > 0,
        ).order_by(col(ScoreTotal.points).desc(), ScoreTotal.reached_at, ScoreTotal.user_id)
            .limit(ARCHIVED_PLACES))).all()
        for rank, (user_id, points) in enumerate(top, start=1):
            session.add(SeasonWinner(season_id=season.id, rank=rank, user_id=user_id,
                                     points=points))
        await session.flush()
        season.closed_at = now
        closed.append(season)
    return closed


async def archive(session: AsyncSession, *, guild_id: int, limit: int = 6
                  ) -> list[tuple[Season, list[SeasonWinner]]]:
    """Closed seasons, newest first, each with its archived winners."""
    seasons = (await session.exec(select(Season).where(
        Season.guild_id == guild_id, col(Season.closed_at).is_not(None),
    ).order_by(col(Season.starts_at).desc()).limit(limit))).all()
    out = []
    for season in seasons:
        winners = (await session.exec(select(SeasonWinner).where(
            SeasonWinner.season_id == season.id).order_by(SeasonWinner.rank))).all()
        out.append((season, list(winners)))
    return out


async def set_season_length(session: AsyncSession, *, guild_id: int, length: str,
                            admin_id: int, now: dt.datetime | None = None) -> str:
    """Set the length of the server's next seasons; the running season keeps its end.
    Returns a sentence saying what happens when. Does not commit."""
    now = now or utcnow()
    kind, weeks = parse_length(length)
    running = await current_season(session, guild_id=guild_id, now=now)
    tz = await guild_zone(session, guild_id)
    conf = await session.get(ScoringSettings, guild_id)
    if conf is None:
        conf = ScoringSettings(guild_id=guild_id)
        session.add(conf)
    conf.season_length, conf.season_weeks = kind, weeks
    next_day = local_date(running.ends_at, tz)
    conf.season_anchor = next_day if kind == "weeks" else None
    conf.updated_by, conf.updated_at = admin_id, now
    await session.flush()
    return (f"Seasons will last {describe_length(kind, weeks)}, from the next season on. "
            f"The current season (#{running.number}) ends as planned on {next_day:%Y-%m-%d} "
            f"at midnight, server time.")
