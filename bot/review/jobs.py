"""Reminder jobs (APScheduler 3.x), one per enabled reminder row, rebuilt from the rows at
start-up and re-synced from them every few minutes (a setting changed through another
process shows up), and replaced at once when a user changes it here. The job only asks
``bot.review.reminders`` whether the user is due at that moment and claims the day's row
before sending, so a stale or duplicate firing sends nothing."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from apscheduler.triggers.cron import CronTrigger

from bot.review.models import ReviewReminder
from bot.review.reminders import WINDOW, enabled_reminders, zone

Job = Callable[[int], Awaitable[None]]


def job_id(user_id: int) -> str:
    return f"{PREFIX}{user_id}"


PREFIX = "viva:review-remind:"
RESYNC_MINUTES = 10


def _trigger(row: ReviewReminder) -> CronTrigger:
    return CronTrigger(hour=row.hour, minute=0, timezone=zone(row.timezone))


def schedule_reminder(scheduler, row: ReviewReminder, job: Job) -> None:
    """(Re)schedule ``job(user_id)`` daily at the row's local hour."""
    scheduler.add_job(
        job, _trigger(row),
        args=[row.user_id], id=job_id(row.user_id), replace_existing=True, coalesce=True,
        max_instances=1, misfire_grace_time=int(WINDOW.total_seconds()))


def unschedule_reminder(scheduler, user_id: int) -> None:
    if scheduler.get_job(job_id(user_id)) is not None:
        scheduler.remove_job(job_id(user_id))


async def schedule_all(app, scheduler, job: Job) -> int:
    """Exactly one job per enabled row (unchanged jobs are left alone, jobs of rows turned
    off are removed); returns how many."""
    async with app.sessions() as s:
        rows = await enabled_reminders(s)
    wanted = {job_id(row.user_id) for row in rows}
    for existing in scheduler.get_jobs():
        if existing.id.startswith(PREFIX) and existing.id not in wanted:
            scheduler.remove_job(existing.id)
    for row in rows:
        existing = scheduler.get_job(job_id(row.user_id))
        if existing is None or str(existing.trigger) != str(_trigger(row)):
            schedule_reminder(scheduler, row, job)
    return len(rows)
