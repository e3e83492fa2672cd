"""Daily-question fixtures: a fake poster that records what it was asked to send (and can
fail like Discord), a controllable clock, and a driver that fires the scheduler's real
APScheduler triggers in time order without waiting for wall-clock time."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pytest

from bot.app import open_app
from bot.daily.clock import FakeClock
from bot.daily.context import DailyContext
from bot.daily.ports import PostContent, PostError, RevealContent, Sent
from bot.daily.scheduler import DailyScheduler
from bot.settings import load_settings

UTC = dt.UTC


@dataclass
class FakePoster:
    clock: FakeClock
    posts: list[tuple[dt.datetime, PostContent]] = field(default_factory=list)
    reveals: list[tuple[dt.datetime, RevealContent]] = field(default_factory=list)
    notices: list[tuple[int, str]] = field(default_factory=list)
    counts: list[tuple[int, int]] = field(default_factory=list)
    broken: dict[int, str] = field(default_factory=dict)  # channel id -> error kind
    rate_limits: int = 0  # the next N sends answer 429

    async def post(self, content: PostContent) -> Sent:
        self._maybe_fail(content.channel_id)
        self.posts.append((self.clock.now(), content))
        return Sent(message_id=10_000 + content.post_id)

    async def reveal(self, content: RevealContent) -> Sent:
        self._maybe_fail(content.channel_id)
        self.reveals.append((self.clock.now(), content))
        return Sent(message_id=20_000 + content.post_id, thread_id=30_000 + content.post_id)

    async def update_count(self, *, channel_id, message_id, content) -> None:
        self.counts.append((content.post_id, content.answer_count))

    async def notify_admins(self, *, guild_id, channel_id, text) -> bool:
        self.notices.append((guild_id, text))
        return True

    def _maybe_fail(self, channel_id: int) -> None:
        if self.rate_limits:
            self.rate_limits -= 1
            raise PostError("rate_limited", "429", retry_after=1.5)
        if channel_id in self.broken:
            raise PostError(self.broken[channel_id], "injected")  # type: ignore[arg-type]

    def posted_guilds(self) -> list[int]:
        return [c.guild_id for _, c in self.posts]


def local(when: dt.datetime, tz: str) -> dt.datetime:
    from zoneinfo import ZoneInfo

    return when.astimezone(ZoneInfo(tz))


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(dt.datetime(2026, 3, 23, 0, 0, tzinfo=UTC))  # a Monday


@pytest.fixture
def poster(clock) -> FakePoster:
    return FakePoster(clock)


@pytest.fixture
def daily_settings(sqlite_url):
    return load_settings(database_url=sqlite_url, _env_file=None, discord_token=None)


@pytest.fixture
async def daily_app(daily_settings):
    async with open_app(daily_settings) as app:  # the shipped bank
        yield app


@pytest.fixture
def make_ctx(daily_app, clock, poster):
    def make(app=None, *, name: str = "p1", owns=None, poster_=None) -> DailyContext:
        return DailyContext(app or daily_app, poster_ or poster, clock=clock, name=name,
                            owns=owns)
    return make


@pytest.fixture
async def scheduler(make_ctx):
    made: list[DailyScheduler] = []

    def make(ctx=None) -> DailyScheduler:
        ds = DailyScheduler(ctx or make_ctx())
        made.append(ds)
        return ds

    yield make
    for ds in made:
        await ds.shutdown()


async def simulate(ds: DailyScheduler, clock: FakeClock, until: dt.datetime) -> list[tuple]:
    """Fire ``ds``'s jobs at their trigger times, oldest first, moving ``clock``; a date job
    is removed once fired (as APScheduler does). Returns (time, job id, outcome)."""
    fired: dict[str, dt.datetime] = {}
    log: list[tuple] = []
    while True:
        best = None
        for job in ds.scheduler.get_jobs():
            prev = fired.get(job.id)
            at = job.trigger.get_next_fire_time(prev, prev or clock.now())
            if at is not None and at <= until and (best is None or at < best[0]):
                best = (at, job)
        if best is None:
            clock.set(until)
            return log
        at, job = best
        clock.set(max(at, clock.now()))
        fired[job.id] = at
        outcome = await job.func(*job.args)
        log.append((at, job.id, outcome))
        if job.id.startswith("daily-reveal:") and ds.scheduler.get_job(job.id) is not None \
                and fired.get(job.id) == at:
            ds.scheduler.remove_job(job.id)


async def set_up(ctx: DailyContext, guild_id: int, *, channel_id: int | None = None,
                 time: str = "09:00", timezone: str = "UTC", **kw):
    from bot.daily import schedules

    return await schedules.setup(ctx, guild_id=guild_id, channel_id=channel_id or guild_id + 1,
                                 time=time, timezone=timezone, **kw)
