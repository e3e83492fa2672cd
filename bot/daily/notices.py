"""Telling a server's admins, once, what to fix. The kind told is stored on the schedule
(``notice_kind``), claimed by a conditional UPDATE so two processes never both tell; a
successful post clears it, so a new breakage is reported again."""

from __future__ import annotations

import logging

from sqlalchemy import or_, update

from bot.daily.models import DailySchedule
from bot.daily.ports import ADVICE

log = logging.getLogger(__name__)
EXTRA_ADVICE = {"no_questions": "there are no eligible questions for the sections chosen. "
                                "Widen the sections with /daily setup."}


def notice_text(kind: str) -> str:
    advice = ADVICE.get(kind) or EXTRA_ADVICE.get(kind) or ADVICE["unknown"]
    return f"Viva could not post today's daily question: {advice}"


async def tell_admins_once(ctx, guild_id: int, kind: str, channel_id: int | None) -> bool:
    """Tell the admins about ``kind`` unless they were already told; True if told now."""
    async with ctx.app.sessions() as s:
        result = await s.exec(update(DailySchedule).where(
            DailySchedule.guild_id == guild_id,
            or_(DailySchedule.notice_kind.is_(None), DailySchedule.notice_kind != kind),
        ).values(notice_kind=kind, notice_at=ctx.clock.now()))
        await s.commit()
    if result.rowcount != 1:
        return False
    try:
        delivered = await ctx.poster.notify_admins(guild_id=guild_id, channel_id=channel_id,
                                                   text=notice_text(kind))
    except Exception:  # telling admins is best effort; the schedule must keep running
        log.exception("could not notify the admins of guild %s", guild_id)
        delivered = False
    if not delivered:
        log.warning("guild %s: admins could not be reached about %s", guild_id, kind)
    return True


async def clear_notice(ctx, guild_id: int) -> None:
    async with ctx.app.sessions() as s:
        await s.exec(update(DailySchedule).where(
            DailySchedule.guild_id == guild_id, DailySchedule.notice_kind.is_not(None),
        ).values(notice_kind=None, notice_at=None))
        await s.commit()
