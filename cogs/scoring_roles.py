"""Applying reward roles. The core decides who should hold which role
(``bot.scoring.rewards.plan_roles``); this gives and takes them back when the bot may, and
says which roles it cannot manage and why."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

import discord

from bot.app import App
from bot.scoring import service

log = logging.getLogger(__name__)
REASON = "Viva leaderboard reward"


@dataclass
class RoleReport:
    added: int = 0
    removed: int = 0
    left: set[int] = field(default_factory=set)  # players who left the server
    problems: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        done = f"Roles given: {self.added}, taken back: {self.removed}."
        if self.left:
            done += f" {len(self.left)} player(s) have left the server."
        return [done, *self.problems]


def why_not(guild: discord.Guild, role: discord.Role | None) -> str | None:
    """Why the bot cannot assign ``role``, or None when it can."""
    if role is None:
        return "the role no longer exists (remove it with /rewards remove)"
    me = guild.me
    if me is None or not me.guild_permissions.manage_roles:
        return "I need the **Manage Roles** permission"
    if role.managed or role.is_default():
        return "it is managed by Discord or an integration and can't be given by hand"
    if role >= me.top_role:
        return f"my highest role ({me.top_role.name}) must be above it in the role list"
    return None


async def _member(guild: discord.Guild, user_id: int) -> discord.Member | None:
    member = guild.get_member(user_id)
    if member is not None:
        return member
    try:
        return await guild.fetch_member(user_id)
    except discord.NotFound:
        return None


async def sync_roles(app: App, guild: discord.Guild) -> RoleReport:
    """Give and take back reward roles in ``guild`` to match the boards."""
    plan = await service.plan_roles(app, guild_id=guild.id)
    report = RoleReport()
    blocked: dict[int, str] = {}
    for role_id in {r for _, r in plan.add + plan.remove}:
        reason = why_not(guild, guild.get_role(role_id))
        if reason is not None:
            blocked[role_id] = reason
            name = guild.get_role(role_id).mention if guild.get_role(role_id) else f"#{role_id}"
            report.problems.append(f"I can't manage {name}: {reason}. Nothing changed for it.")
    for changes, grant in ((plan.add, True), (plan.remove, False)):
        for user_id, role_id in changes:
            if role_id in blocked:
                continue
            member = await _member(guild, user_id)
            if member is None:
                report.left.add(user_id)
                if not grant:  # nobody to take it from: forget the grant
                    await service.mark_role(app, guild_id=guild.id, user_id=user_id,
                                            role_id=role_id, granted=False)
                continue
            role = guild.get_role(role_id)
            try:
                if grant:
                    await member.add_roles(role, reason=REASON)
                else:
                    await member.remove_roles(role, reason=REASON)
            except discord.Forbidden:
                report.problems.append(f"Discord refused to change {role.mention} for "
                                       f"{member.display_name}: check my role's position.")
                continue
            await service.mark_role(app, guild_id=guild.id, user_id=user_id, role_id=role_id,
                                    granted=grant)
            if grant:
                report.added += 1
            else:
                report.removed += 1
    return report
