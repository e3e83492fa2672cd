"""APScheduler 3.x jobs for the daily question, rebuilt from rows at start-up.

Jobs are the module-level functions ``post_job(runtime_id, guild_id)``,
``reveal_job(runtime_id, post_id)`` and ``recheck_job(runtime_id, guild_id)`` (a post
claim left by a killed process, looked at again when it goes stale): they carry ids, not
objects, and find this process's ``DailyContext`` in ``RUNTIMES``. Each job has an
explicit id (``daily-post:<guild>``, ``daily-reveal:<post>``, ``daily-recheck:<guild>``),
``replace_existing=True``, ``coalesce=True`` and a
``misfire_grace_time``; post jobs use a ``CronTrigger`` in the server's time zone. The
jobs only say *when to look*: what to do is decided from the rows (and claimed through
them), so a duplicate or late firing is harmless. Only servers this process owns
(its shards) get jobs.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from zoneinfo import ZoneInfo

from apscheduler.jobstores.base import JobLookupError
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.date import DateTrigger

from bot.daily.context import DailyContext
from bot.daily.models import DailySchedule
from bot.daily.posting import post_due
from bot.daily.recovery import catch_up, open_claims, owned_schedules, recheck_guild
from bot.daily.reveal import pending_reveals, reveal_due
from bot.daily.timing import cron_days

log = logging.getLogger(__name__)
RUNTIMES: dict[str, DailyContext] = {}


def post_job_id(guild_id: int) -> str:
    return f"daily-post:{guild_id}"


def reveal_job_id(post_id: int) -> str:
    return f"daily-reveal:{post_id}"


async def _run_job(runtime_id: str, what: str, fn, key: int) -> str | None:
    """Run one daily job (``what`` names it in the log) under its runtime's gate; a failure
    is logged and reported as "error", never raised into the scheduler."""
    ctx = RUNTIMES.get(runtime_id)
    if ctx is None:
        log.warning("daily %s job (%s): runtime %s is gone", what, key, runtime_id)
        return None
    try:
        async with ctx.gate:
            outcome = await fn(ctx, key)
    except Exception:
        log.exception("daily %s job failed (%s)", what, key)
        return "error"
    log.info("daily %s (%s): %s", what, key, outcome)
    return outcome


async def post_job(runtime_id: str, guild_id: int) -> str | None:
    return await _run_job(runtime_id, "post for guild", post_due, guild_id)


async def reveal_job(runtime_id: str, post_id: int) -> str | None:
    return await _run_job(runtime_id, "reveal of post", reveal_due, post_id)


async def recheck_job(runtime_id: str, guild_id: int) -> str | None:
    return await _run_job(runtime_id, "re-check of guild", recheck_guild, guild_id)


def post_trigger(schedule: DailySchedule) -> CronTrigger:
    return CronTrigger(day_of_week=cron_days(schedule.weekdays), hour=schedule.hour,
                       minute=schedule.minute, timezone=ZoneInfo(schedule.timezone))


class DailyScheduler:
    """This process's daily jobs over one ``DailyContext``."""

    def __init__(self, ctx: DailyContext, *, scheduler: AsyncIOScheduler | None = None,
                 runtime_id: str | None = None):
        self.ctx = ctx
        self.runtime_id = runtime_id or f"daily-{uuid.uuid4().hex[:8]}"
        self.scheduler = scheduler or AsyncIOScheduler(timezone=dt.UTC)
        ctx.on_posted = self.reveal_later

    async def start(self, *, run: bool = True, catch_up_now: bool = True) -> dict[str, int]:
        """Register, rebuild every job from rows, start the scheduler (``run=False``: start
        it paused, for tests), then catch up on what was missed while down."""
        RUNTIMES[self.runtime_id] = self.ctx
        await self.rebuild()
        if not self.scheduler.running:
            self.scheduler.start(paused=not run)
        return await catch_up(self.ctx) if catch_up_now else {}

    async def rebuild(self) -> None:
        for schedule in await owned_schedules(self.ctx):
            self._sync(schedule)
        for post_id, _guild, at in await pending_reveals(self.ctx):
            self.reveal_later(post_id, at)
        for guild_id, at in await open_claims(self.ctx):
            self.scheduler.add_job(
                recheck_job, DateTrigger(run_date=at, timezone=dt.UTC),
                args=[self.runtime_id, guild_id], id=f"daily-recheck:{guild_id}",
                name=f"daily re-check {guild_id}", replace_existing=True, coalesce=True,
                misfire_grace_time=None)

    async def refresh(self, guild_id: int) -> None:
        """After setup/pause/resume: (re)place or remove the server's post job."""
        async with self.ctx.app.sessions() as s:
            schedule = await s.get(DailySchedule, guild_id)
        if schedule is None or not self.ctx.owns(guild_id):
            self._remove(post_job_id(guild_id))
            return
        self._sync(schedule)

    def _sync(self, schedule: DailySchedule) -> None:
        if schedule.paused:
            self._remove(post_job_id(schedule.guild_id))
            return
        grace = max(1, int(self.ctx.grace(schedule).total_seconds()))
        self.scheduler.add_job(
            post_job, post_trigger(schedule), args=[self.runtime_id, schedule.guild_id],
            id=post_job_id(schedule.guild_id), name=f"daily post {schedule.guild_id}",
            replace_existing=True, coalesce=True, misfire_grace_time=grace, max_instances=1)

    def reveal_later(self, post_id: int, at: dt.datetime) -> None:
        self.scheduler.add_job(
            reveal_job, DateTrigger(run_date=at, timezone=dt.UTC),
            args=[self.runtime_id, post_id], id=reveal_job_id(post_id),
            name=f"daily reveal {post_id}", replace_existing=True, coalesce=True,
            misfire_grace_time=None)  # a late reveal is still a reveal

    def _remove(self, job_id: str) -> None:
        try:
            self.scheduler.remove_job(job_id)
        except JobLookupError:
            pass

    def job_ids(self) -> list[str]:
        return sorted(job.id for job in self.scheduler.get_jobs())

    async def shutdown(self) -> None:
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)
        RUNTIMES.pop(self.runtime_id, None)
