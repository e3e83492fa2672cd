"""Scoring for the adapters (Discord cog, console): each call opens one session, makes sure
the server and people exist, calls the core and commits. No Discord here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlmodel import select

from bot.app import App
from bot.scoring import adjust as adjust_core
from bot.scoring import rewards as rewards_core
from bot.scoring.boards import Board, leaderboard
from bot.scoring.models import RoleReward, ScoreAdjustment, Season, SeasonWinner
from bot.scoring.periods import describe_length
from bot.scoring.seasons import (
    archive,
    close_ended,
    current_season,
    season_settings,
    set_season_length,
)
from bot.scoring.standing import Standing, standing
from bot.store import ensure_guild, ensure_user
from bot.store.models import User, utcnow

PER_PAGE = 10


@dataclass(frozen=True)
class SeasonInfo:
    current: Season
    length: str  # in words
    past: list[tuple[Season, list[SeasonWinner]]]
    names: dict[int, str]


async def _guild(app: App, s, guild_id: int, guild_name: str = "") -> None:
    await ensure_guild(s, guild_id=guild_id, name=guild_name,
                       timezone=app.settings.default_timezone)


async def board(app: App, *, guild_id: int, period: str = "week", section: str | None = None,
                page: int = 0, viewer_id: int | None = None, now: dt.datetime | None = None,
                per_page: int = PER_PAGE) -> Board:
    async with app.sessions() as s:
        return await leaderboard(s, guild_id=guild_id, period=period, section=section,
                                 now=now or utcnow(), offset=max(0, page) * per_page,
                                 limit=per_page, viewer_id=viewer_id)


async def my_standing(app: App, *, guild_id: int, user_id: int,
                      now: dt.datetime | None = None) -> Standing:
    async with app.sessions() as s:
        return await standing(s, guild_id=guild_id, user_id=user_id, now=now or utcnow(),
                              ranks=("all", "season", "week"))


async def adjust(app: App, *, guild_id: int, guild_name: str, user_id: int, user_name: str,
                 admin_id: int, admin_name: str, points: int, reason: str,
                 now: dt.datetime | None = None) -> tuple[ScoreAdjustment, Standing]:
    """Write an audited adjustment; returns it and the player's standing after it."""
    now = now or utcnow()
    async with app.sessions() as s:
        adjust_core.check_adjustment(points, reason)  # before creating any row
        await _guild(app, s, guild_id, guild_name)
        await ensure_user(s, user_id=user_id, name=user_name)
        await ensure_user(s, user_id=admin_id, name=admin_name)
        row = await adjust_core.adjust_score(s, guild_id=guild_id, user_id=user_id,
                                             admin_id=admin_id, points=points, reason=reason,
                                             now=now)
        await s.commit()
        return row, await standing(s, guild_id=guild_id, user_id=user_id, now=now)


async def history(app: App, *, guild_id: int, user_id: int, offset: int = 0,
                  limit: int = 10) -> tuple[list[ScoreAdjustment], int]:
    async with app.sessions() as s:
        return await adjust_core.adjustments(s, guild_id=guild_id, user_id=user_id,
                                             offset=offset, limit=limit)


async def season_length(app: App, *, guild_id: int, guild_name: str, length: str,
                        admin_id: int, now: dt.datetime | None = None) -> str:
    async with app.sessions() as s:
        await _guild(app, s, guild_id, guild_name)
        message = await set_season_length(s, guild_id=guild_id, length=length,
                                          admin_id=admin_id, now=now or utcnow())
        await s.commit()
        return message


async def season_info(app: App, *, guild_id: int, guild_name: str = "",
                      now: dt.datetime | None = None) -> SeasonInfo:
    """The running season (opened if needed, which also archives ended ones) and the last
    archived seasons with their winners."""
    async with app.sessions() as s:
        await _guild(app, s, guild_id, guild_name)
        current = await current_season(s, guild_id=guild_id, now=now or utcnow())
        conf = await season_settings(s, guild_id)
        past = await archive(s, guild_id=guild_id)
        await s.commit()
        ids = {w.user_id for _, winners in past for w in winners}
        names = {uid: (await s.get(User, uid)).name or f"user {uid}" for uid in ids}
        return SeasonInfo(current, describe_length(conf.season_length, conf.season_weeks),
                          past, names)


async def roll_over(app: App, *, now: dt.datetime | None = None) -> list[Season]:
    """Close and archive every season that has ended, in every server."""
    async with app.sessions() as s:
        closed = await close_ended(s, now=now or utcnow())
        await s.commit()
        return closed


async def set_reward(app: App, *, guild_id: int, guild_name: str, role_id: int, kind: str,
                     places: int, admin_id: int, period: str = "season") -> RoleReward:
    async with app.sessions() as s:
        await _guild(app, s, guild_id, guild_name)
        row = await rewards_core.set_reward(s, guild_id=guild_id, role_id=role_id, kind=kind,
                                            places=places, admin_id=admin_id, period=period)
        await s.commit()
        return row


async def remove_reward(app: App, *, guild_id: int, role_id: int) -> bool:
    async with app.sessions() as s:
        removed = await rewards_core.remove_reward(s, guild_id=guild_id, role_id=role_id)
        await s.commit()
        return removed


async def list_rewards(app: App, *, guild_id: int) -> list[RoleReward]:
    async with app.sessions() as s:
        return await rewards_core.rewards(s, guild_id=guild_id)


async def plan_roles(app: App, *, guild_id: int,
                     now: dt.datetime | None = None) -> rewards_core.RolePlan:
    async with app.sessions() as s:
        return await rewards_core.plan_roles(s, guild_id=guild_id, now=now or utcnow())


async def mark_role(app: App, *, guild_id: int, user_id: int, role_id: int,
                    granted: bool) -> None:
    """Remember that the bot gave (``granted``) or took back a reward role."""
    async with app.sessions() as s:
        if granted:
            await rewards_core.mark_granted(s, guild_id=guild_id, user_id=user_id,
                                            role_id=role_id)
        else:
            await rewards_core.mark_removed(s, guild_id=guild_id, user_id=user_id,
                                            role_id=role_id)
        await s.commit()


async def reward_guilds(app: App) -> list[int]:
    """Servers with at least one role reward (for the periodic role sync)."""
    async with app.sessions() as s:
        return list((await s.exec(select(RoleReward.guild_id).distinct())).all())
