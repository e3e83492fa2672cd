"""Reminder jobs (APScheduler 3.x), one per enabled reminder row, rebuilt from the rows at
start-up and replaced when a user changes their setting. The job only asks
``bot.review.reminders`` whether the user is due at that moment, so a stale or duplicate
firing sends nothing."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from apscheduler.triggers.cron import CronTrigger

from bot.review.models import ReviewReminder
from bot.review.reminders import WINDOW, enabled_reminders, zone

Job = Callable[[int], Awaitable[None]]


def job_id(user_id: int) -> str:
    return f"viva:review-remind:{user_id}"


def schedule_reminder(scheduler, row: ReviewReminder, job: Job) -> None:
    """(Re)schedule ``job(user_id)`` daily at the row's local hour."""
    scheduler.add_job(
        job, CronTrigger(hour=row.hour, minute=0, timezone=zone(row.timezone)),
        args=[row.user_id], id=job_id(row.user_id), replace_existing=True, coalesce=True,
        max_instances=1, misfire_grace_time=int(WINDOW.total_seconds()))


def unschedule_reminder(scheduler, user_id: int) -> None:
    if scheduler.get_job(job_id(user_id)) is not None:
        scheduler.remove_job(job_id(user_id))


async def schedule_all(app, scheduler, job: Job) -> int:
    """One job per enabled row; returns how many."""
    async with app.sessions() as s:
        rows = await enabled_reminders(s)
    for row in rows:
        schedule_reminder(scheduler, row, job)
    return len(rows)
