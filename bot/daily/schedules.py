"""Admin operations on a server's daily schedule: setup, pause, resume, skip, post now,
status. Every input is validated before anything is written."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError
from sqlmodel import select

from bot.bank import SECTIONS, section_key
from bot.daily.context import DailyContext
from bot.daily.models import DailyPost, DailySchedule
from bot.daily.posting import post_for
from bot.daily.select import eligible
from bot.daily.timing import (
    MAX_WINDOW_MINUTES,
    aware,
    is_post_day,
    local_date_of,
    next_slot,
    parse_time,
    parse_weekdays,
    slot_on,
    weekdays_label,
    zone,
)
from bot.errors import UserFacingError
from bot.store import ensure_guild

NOT_SET_UP = "This server has no daily question yet. An admin can start one with /daily setup."


@dataclass(frozen=True)
class ScheduleStatus:
    guild_id: int
    channel_id: int
    time: str
    timezone: str
    sections: list[str]
    weekdays: str
    answer_window: str
    grace_minutes: int
    paused: bool
    next_date: dt.date | None
    next_at: dt.datetime | None
    last: tuple[dt.date, str] | None  # (local date, status) of the latest row
    notice_kind: str | None
    eligible: int


def parse_sections(text: str | None) -> str | None:
    """``math, probability`` / ``1,3`` / ``all`` -> "math,probability" (None: all)."""
    if text is None or not text.strip() or text.strip().lower() in ("all", "any", "*"):
        return None
    keys: list[str] = []
    for part in re.split(r"[,\s]+", text.strip()):
        if part:
            key = section_key(part)
            if key not in keys:
                keys.append(key)
    return ",".join(keys)


def parse_window(text: str | None) -> int | None:
    """``90`` (minutes), ``2h``, ``1h30``, ``45m``, ``default`` -> minutes (None: default)."""
    if text is None or not text.strip() or text.strip().lower() in ("default", "auto"):
        return None
    cleaned = text.strip().lower().replace(" ", "")
    m = re.fullmatch(r"(?:(\d{1,3})h)?(?:(\d{1,5})m?)?", cleaned)
    if not m or not (m[1] or m[2]):
        raise UserFacingError(f"'{text[:20]}' is not an answer window. Use minutes or hours, "
                              "e.g. 90, 45m, 2h or 1h30 (or 'default': until 1 hour before "
                              "the next post).")
    minutes = int(m[1] or 0) * 60 + int(m[2] or 0)
    if not 10 <= minutes <= MAX_WINDOW_MINUTES:
        raise UserFacingError("The answer window must be between 10 minutes and 7 days.")
    return minutes


async def setup(ctx: DailyContext, *, guild_id: int, channel_id: int, time: str,
                timezone: str, guild_name: str = "", sections: str | None = None,
                weekdays: str | None = None, answer_window: str | None = None
                ) -> ScheduleStatus:
    hour, minute = parse_time(time)
    tz = zone(timezone).key
    section_text = parse_sections(sections)
    days = parse_weekdays(weekdays)
    if not days:
        raise UserFacingError("Pick at least one weekday.")
    window = parse_window(answer_window)
    if not await eligible(ctx.app, guild_id, section_text.split(",") if section_text else []):
        raise UserFacingError("There are no questions in those sections yet; choose others.")
    now = ctx.clock.now()
    async with ctx.app.sessions() as s:
        await ensure_guild(s, guild_id=guild_id, name=guild_name, timezone=tz)
        row = await s.get(DailySchedule, guild_id)
        if row is None:
            row = DailySchedule(guild_id=guild_id, channel_id=channel_id, hour=hour,
                                minute=minute, timezone=tz, created_at=now)
            s.add(row)
        row.channel_id, row.hour, row.minute, row.timezone = channel_id, hour, minute, tz
        row.sections, row.weekdays, row.answer_window_minutes = section_text, days, window
        row.paused, row.active_since, row.updated_at = False, now, now
        row.notice_kind = row.notice_at = None
        await s.commit()
    return await status(ctx, guild_id)


async def _schedule(ctx: DailyContext, guild_id: int) -> DailySchedule:
    async with ctx.app.sessions() as s:
        row = await s.get(DailySchedule, guild_id)
    if row is None:
        raise UserFacingError(NOT_SET_UP)
    return row


async def set_paused(ctx: DailyContext, guild_id: int, paused: bool) -> ScheduleStatus:
    row = await _schedule(ctx, guild_id)
    if row.paused == paused:
        raise UserFacingError("The daily question is already paused." if paused else
                              "The daily question is not paused.")
    now = ctx.clock.now()
    async with ctx.app.sessions() as s:
        row = await s.get(DailySchedule, guild_id)
        row.paused, row.updated_at = paused, now
        if not paused:
            row.active_since = now  # slots during the pause are not made up
        await s.commit()
    return await status(ctx, guild_id)


async def status(ctx: DailyContext, guild_id: int) -> ScheduleStatus:
    row = await _schedule(ctx, guild_id)
    async with ctx.app.sessions() as s:
        last = (await s.exec(select(DailyPost.local_date, DailyPost.status).where(
            DailyPost.guild_id == guild_id).order_by(DailyPost.local_date.desc()))).first()
    upcoming = None if row.paused else await next_free_slot(ctx, row)
    window = (f"{row.answer_window_minutes} min" if row.answer_window_minutes
              else "until 1 hour before the next post")
    return ScheduleStatus(
        guild_id=guild_id, channel_id=row.channel_id, time=f"{row.hour:02d}:{row.minute:02d}",
        timezone=row.timezone, sections=row.section_list() or list(SECTIONS),
        weekdays=weekdays_label(row.weekdays), answer_window=window,
        grace_minutes=int(ctx.grace(row).total_seconds() // 60), paused=row.paused,
        next_date=upcoming[0] if upcoming else None, next_at=upcoming[1] if upcoming else None,
        last=(last[0], last[1]) if last else None, notice_kind=row.notice_kind,
        eligible=len(await eligible(ctx.app, guild_id, row.section_list())))


async def next_free_slot(ctx: DailyContext, row: DailySchedule
                         ) -> tuple[dt.date, dt.datetime] | None:
    """The next slot after now that has no row yet (skipped days are jumped over)."""
    after = max(ctx.clock.now(), aware(row.active_since))
    async with ctx.app.sessions() as s:
        taken = set((await s.exec(select(DailyPost.local_date).where(
            DailyPost.guild_id == row.guild_id,
            DailyPost.local_date >= local_date_of(row, after)))).all())
    for _ in range(60):
        day, at = next_slot(row, after)
        if day not in taken:
            return day, at
        after = at
    return None


async def skip_next(ctx: DailyContext, guild_id: int) -> tuple[dt.date, dt.datetime]:
    """Mark the next scheduled post as skipped; returns its local date and time."""
    row = await _schedule(ctx, guild_id)
    upcoming = await next_free_slot(ctx, row)
    if upcoming is None:
        raise UserFacingError("There is no upcoming post to skip.")
    day, at = upcoming
    async with ctx.app.sessions() as s:
        s.add(DailyPost(guild_id=guild_id, local_date=day, status="skipped", scheduled_for=at,
                        claimed_at=ctx.clock.now(), claimed_by=ctx.name,
                        channel_id=row.channel_id))
        try:
            await s.commit()
        except IntegrityError:
            raise UserFacingError("That post was just made or skipped; check /daily status.") \
                from None
    return day, at


async def post_now(ctx: DailyContext, guild_id: int) -> str:
    """Post today's question now (today in the server's zone). Refused if today's post is
    already out; a failed, missed or skipped day can be posted again."""
    row = await _schedule(ctx, guild_id)
    if not ctx.owns(guild_id):
        raise UserFacingError("This server is handled by another Viva process; try again.")
    now = ctx.clock.now()
    today = local_date_of(row, now)
    async with ctx.app.sessions() as s:
        existing = (await s.exec(select(DailyPost).where(
            DailyPost.guild_id == guild_id, DailyPost.local_date == today))).first()
        if existing is not None and existing.status in ("posted", "claimed"):
            raise UserFacingError("Today's daily question is already posted; the next one "
                                  "comes at the scheduled time (see /daily status).")
        if existing is not None:
            await s.delete(existing)  # a failed/missed/skipped day: replace its row
            await s.commit()
    at = slot_on(row, today) if is_post_day(row, today) else now
    outcome = await post_for(ctx, row, today, min(at, now))
    if outcome == "taken":
        raise UserFacingError("Today's daily question was posted a moment ago.")
    return outcome
