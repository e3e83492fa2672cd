"""Optional role rewards. An admin maps a role to the top N of a board (``rank``) or to the
top N of the last closed season (``season_winner``). The core decides which reward roles
each member should have; the adapter assigns them (when it may) and reports what it did.

The bot remembers the roles it granted (``role_grants``), so it can take a role back when a
member drops out of the top N without listing the server's members."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlmodel import col, delete, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.errors import UserFacingError
from bot.scoring.boards import check_period, leaderboard
from bot.scoring.models import RoleGrant, RoleReward, Season, SeasonWinner
from bot.scoring.seasons import ARCHIVED_PLACES
from bot.store.models import utcnow

KINDS = ("rank", "season_winner")
MAX_PLACES = 50


@dataclass
class RolePlan:
    """What to change: ``add``/``remove`` are (user_id, role_id) pairs."""

    wanted: dict[int, set[int]] = field(default_factory=dict)  # user -> reward roles
    add: list[tuple[int, int]] = field(default_factory=list)
    remove: list[tuple[int, int]] = field(default_factory=list)


async def set_reward(session: AsyncSession, *, guild_id: int, role_id: int, kind: str,
                     places: int, admin_id: int, period: str = "season",
                     now: dt.datetime | None = None) -> RoleReward:
    """Map ``role_id`` to a reward (replacing its previous mapping). Does not commit."""
    if kind not in KINDS:
        raise ValueError(f"unknown reward kind {kind!r}")
    limit = ARCHIVED_PLACES if kind == "season_winner" else MAX_PLACES
    if not 1 <= places <= limit:
        raise UserFacingError(f"Choose between 1 and {limit} places for this reward.")
    period = "season" if kind == "season_winner" else check_period(period)
    row = (await session.exec(select(RoleReward).where(
        RoleReward.guild_id == guild_id, RoleReward.role_id == role_id))).first()
    if row is None:
        row = RoleReward(guild_id=guild_id, role_id=role_id, kind=kind, created_by=admin_id)
        session.add(row)
    row.kind, row.places, row.period = kind, places, period
    row.created_by, row.created_at = admin_id, now or utcnow()
    await session.flush()
    return row


async def remove_reward(session: AsyncSession, *, guild_id: int, role_id: int) -> bool:
    row = (await session.exec(select(RoleReward).where(
        RoleReward.guild_id == guild_id, RoleReward.role_id == role_id))).first()
    if row is None:
        return False
    await session.delete(row)
    await session.flush()
    return True


async def rewards(session: AsyncSession, *, guild_id: int) -> list[RoleReward]:
    return list((await session.exec(select(RoleReward).where(
        RoleReward.guild_id == guild_id).order_by(RoleReward.kind, RoleReward.places))).all())


async def _winners(session: AsyncSession, guild_id: int, places: int) -> list[int]:
    last = (await session.exec(select(Season).where(
        Season.guild_id == guild_id, col(Season.closed_at).is_not(None))
        .order_by(col(Season.starts_at).desc()))).first()
    if last is None:
        return []
    return list((await session.exec(select(SeasonWinner.user_id).where(
        SeasonWinner.season_id == last.id, SeasonWinner.rank <= places))).all())


async def plan_roles(session: AsyncSession, *, guild_id: int, now: dt.datetime) -> RolePlan:
    """Who should hold which reward role now, and the changes from what the bot granted.
    A player with 0 points or fewer never earns a rank reward."""
    plan = RolePlan()
    for reward in await rewards(session, guild_id=guild_id):
        if reward.kind == "rank":
            board = await leaderboard(session, guild_id=guild_id, period=reward.period,
                                      now=now, limit=reward.places)
            holders = [row.user_id for row in board.rows if row.points > 0]
        else:
            holders = await _winners(session, guild_id, reward.places)
        for user_id in holders:
            plan.wanted.setdefault(user_id, set()).add(reward.role_id)
    granted = (await session.exec(select(RoleGrant).where(RoleGrant.guild_id == guild_id))).all()
    have = {(g.user_id, g.role_id) for g in granted}
    want = {(u, r) for u, roles in plan.wanted.items() for r in roles}
    plan.add = sorted(want - have)
    plan.remove = sorted(have - want)
    return plan


async def mark_granted(session: AsyncSession, *, guild_id: int, user_id: int, role_id: int,
                       now: dt.datetime | None = None) -> None:
    if await session.get(RoleGrant, (guild_id, user_id, role_id)) is None:
        session.add(RoleGrant(guild_id=guild_id, user_id=user_id, role_id=role_id,
                              granted_at=now or utcnow()))
        await session.flush()


async def mark_removed(session: AsyncSession, *, guild_id: int, user_id: int,
                       role_id: int) -> None:
    await session.exec(delete(RoleGrant).where(
        RoleGrant.guild_id == guild_id, RoleGrant.user_id == user_id,
        RoleGrant.role_id == role_id))
