"""Optional DM reminders of due reviews at the user's local hour (off by default).

A user's row says the hour and the IANA time zone. A reminder is due when ``now`` is within
an hour after that local hour today (a wall-clock hour skipped by a DST change falls to the
first instant after the gap), it was not already sent on that local date, and at least one
review is due. ``reminders_due`` decides this from rows and ``now`` alone, so it is tested
without a scheduler; ``bot.review.jobs`` fires it on time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import or_, update
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.errors import UserFacingError
from bot.review.memory import due_count, utc
from bot.review.models import ReviewReminder
from bot.store import ensure_user

WINDOW = dt.timedelta(hours=1)


@dataclass(frozen=True)
class ReminderDue:
    user_id: int
    due_count: int
    local_date: dt.date


def zone(name: str) -> ZoneInfo:
    """An IANA time zone, or a friendly error (user text never reaches the filesystem
    unchecked: zoneinfo rejects paths and unknown keys)."""
    name = (name or "").strip()
    try:
        if not name or len(name) > 64:
            raise ValueError(name)
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise UserFacingError(f"I don't know the time zone '{name[:64]}'. Use an IANA name "
                              "such as Europe/Paris, America/New_York or UTC.") from None


def target(row: ReviewReminder, now: dt.datetime) -> tuple[dt.datetime, dt.date]:
    """Today's reminder instant (UTC) in the row's zone, and that local date."""
    tz = zone(row.timezone)
    local_day = utc(now).astimezone(tz).date()
    wall = dt.datetime.combine(local_day, dt.time(row.hour), tzinfo=tz)
    return wall.astimezone(dt.UTC), local_day


async def set_reminder(session: AsyncSession, *, user_id: int, hour: int, timezone: str,
                       now: dt.datetime, user_name: str = "") -> ReviewReminder:
    if not 0 <= hour <= 23:
        raise UserFacingError("The hour is 0-23, in your local time (e.g. 9 for 9:00).")
    tz = zone(timezone)
    await ensure_user(session, user_id=user_id, name=user_name)
    row = await session.get(ReviewReminder, user_id) or ReviewReminder(user_id=user_id)
    row.enabled, row.hour, row.timezone, row.updated_at = True, hour, tz.key, utc(now)
    session.add(row)
    await session.flush()
    return row


async def clear_reminder(session: AsyncSession, *, user_id: int, now: dt.datetime) -> bool:
    """Turn reminders off; False when they were not on."""
    row = await session.get(ReviewReminder, user_id)
    if row is None or not row.enabled:
        return False
    row.enabled, row.updated_at = False, utc(now)
    session.add(row)
    await session.flush()
    return True


async def enabled_reminders(session: AsyncSession) -> list[ReviewReminder]:
    query = select(ReviewReminder).where(ReviewReminder.enabled)
    return list((await session.exec(query.order_by(ReviewReminder.user_id))).all())


async def reminders_due(session: AsyncSession, *, now: dt.datetime,
                        user_ids: list[int] | None = None) -> list[ReminderDue]:
    """Which users are due a reminder at ``now`` (see the module docstring)."""
    now = utc(now)
    out = []
    for row in await enabled_reminders(session):
        if user_ids is not None and row.user_id not in user_ids:
            continue
        at, local_day = target(row, now)
        if not at <= now < at + WINDOW or row.last_sent_on == local_day:
            continue
        count = await due_count(session, user_id=row.user_id, now=now)
        if count:
            out.append(ReminderDue(user_id=row.user_id, due_count=count, local_date=local_day))
    return out


def reminder_text(count: int) -> str:
    noun = "question is" if count == 1 else "questions are"
    return (f"📚 {count} review {noun} due. Run /review to answer the most overdue one "
            "(turn these reminders off with /review remind off).")


async def claim(app, item: ReminderDue) -> bool:
    """Mark the day's reminder sent before sending it; False when another firing (or
    another process) already did, so nobody gets it twice."""
    async with app.sessions() as s:
        result = await s.exec(update(ReviewReminder).where(
            ReviewReminder.user_id == item.user_id,
            or_(ReviewReminder.last_sent_on.is_(None),
                ReviewReminder.last_sent_on != item.local_date),
        ).values(last_sent_on=item.local_date))
        await s.commit()
    return result.rowcount == 1


async def send_reminders(app, send: Callable[[int, str], Awaitable[bool]], *,
                         now: dt.datetime, user_ids: list[int] | None = None) -> int:
    """Send what is due through ``send(user_id, text)`` (the adapter's DM). Each reminder
    is claimed for its local date first, so a failed DM (closed DMs) is not retried all
    hour and a duplicate firing sends nothing. Returns how many were delivered."""
    async with app.sessions() as s:
        due = await reminders_due(s, now=now, user_ids=user_ids)
    delivered = 0
    for item in due:
        if await claim(app, item):
            delivered += bool(await send(item.user_id, reminder_text(item.due_count)))
    return delivered
