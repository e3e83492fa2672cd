"""Daily question: post to 1,000 servers at the same minute through a fake Discord HTTP
layer that enforces Discord's global rate limit (50 requests/s, a token bucket answering
429 with ``retry_after``). The poster paces itself at 50/s and the core honours any 429.

Every server's post goes through the real path: the scheduler's job function, the claim
INSERT of the (server, local date) row, question selection, the send, the posted UPDATE.
Reports the time to finish (lower bound: servers / 50 s) and the peak memory (tracemalloc
peak of Python allocations, and peak RSS sampled with psutil).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import tempfile
import time
import tracemalloc
from pathlib import Path

import psutil

from bot.app import open_app
from bot.daily.clock import SystemClock
from bot.daily.context import DailyContext
from bot.daily.models import DailyPost, DailySchedule
from bot.daily.ports import PostError, Sent
from bot.daily.scheduler import DailyScheduler, post_job
from bot.settings import load_settings
from bot.store import ensure_guild

GLOBAL_RATE = 50.0  # Discord: 50 requests per second per bot, across all routes
LATENCY = 0.03  # seconds per simulated HTTP round trip


class SlotClock(SystemClock):
    """Real time, but starting at 09:00 UTC today: the minute every server posts."""

    def __init__(self):
        self.start = dt.datetime.now(dt.UTC).replace(hour=9, minute=0, second=0, microsecond=0)
        self.t0 = time.monotonic()

    def now(self) -> dt.datetime:
        return self.start + dt.timedelta(seconds=time.monotonic() - self.t0)


class RateLimited(Exception):
    def __init__(self, retry_after: float):
        self.retry_after = retry_after


class FakeDiscordHTTP:
    """A token bucket of ``rate`` requests/s (burst ``rate``); beyond it, 429."""

    def __init__(self, rate: float = GLOBAL_RATE):
        self.rate = rate
        self.tokens = rate
        self.stamp = time.monotonic()
        self.ok = 0
        self.rejected = 0

    async def request(self, method: str, path: str) -> dict:
        now = time.monotonic()
        self.tokens = min(self.rate, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens < 1:
            self.rejected += 1
            raise RateLimited((1 - self.tokens) / self.rate)
        self.tokens -= 1
        self.ok += 1
        await asyncio.sleep(LATENCY)
        return {"id": self.ok}


class Pacer:
    """Client-side pacing: at most ``rate`` requests started per second."""

    def __init__(self, rate: float):
        self.interval = 1 / rate
        self.next = time.monotonic()
        self.lock = asyncio.Lock()

    async def wait(self) -> None:
        async with self.lock:
            now = time.monotonic()
            if self.next > now:
                await asyncio.sleep(self.next - now)
            self.next = max(self.next, now) + self.interval


class BenchPoster:
    def __init__(self, http: FakeDiscordHTTP, pacer: Pacer):
        self.http = http
        self.pacer = pacer

    async def post(self, content) -> Sent:
        await self.pacer.wait()
        try:
            data = await self.http.request("POST", f"/channels/{content.channel_id}/messages")
        except RateLimited as exc:
            raise PostError("rate_limited", "429", retry_after=exc.retry_after) from None
        return Sent(message_id=data["id"])

    async def reveal(self, content) -> Sent:
        return Sent()

    async def update_count(self, **kw) -> None:
        return None

    async def notify_admins(self, **kw) -> bool:
        return True


async def _seed(app, n: int) -> list[int]:
    guilds = [(1000 + i) << 22 for i in range(n)]
    async with app.sessions() as s:
        for g in guilds:
            await ensure_guild(s, guild_id=g, name=f"server {g}")
            s.add(DailySchedule(guild_id=g, channel_id=g + 1, hour=9, minute=0,
                                timezone="UTC", active_since=dt.datetime(2026, 1, 1,
                                                                         tzinfo=dt.UTC)))
        await s.commit()
    return guilds


class RssPeak:
    def __init__(self):
        self.proc = psutil.Process(os.getpid())
        self.peak = self.proc.memory_info().rss
        self.task: asyncio.Task | None = None

    async def _sample(self) -> None:
        while True:
            self.peak = max(self.peak, self.proc.memory_info().rss)
            await asyncio.sleep(0.05)

    def __enter__(self):
        self.task = asyncio.create_task(self._sample())
        return self

    def __exit__(self, *exc) -> None:
        self.task.cancel()
        self.peak = max(self.peak, self.proc.memory_info().rss)


async def _run(n: int, url: str) -> dict:
    settings = load_settings(database_url=url, _env_file=None, discord_token=None)
    async with open_app(settings) as app:
        guilds = await _seed(app, n)
        http = FakeDiscordHTTP()
        ctx = DailyContext(app, BenchPoster(http, Pacer(GLOBAL_RATE)), clock=SlotClock(),
                           name="bench")
        ds = DailyScheduler(ctx)
        await ds.start(run=False, catch_up_now=False)
        rss_before = psutil.Process(os.getpid()).memory_info().rss
        tracemalloc.start()
        started = time.perf_counter()
        with RssPeak() as rss:
            # what APScheduler does at 09:00: every server's job as a task on the loop
            outcomes = await asyncio.gather(*(post_job(ds.runtime_id, g) for g in guilds))
        elapsed = time.perf_counter() - started
        _, traced_peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        async with app.sessions() as s:
            from sqlmodel import func, select

            rows = (await s.exec(select(func.count(DailyPost.id)).where(
                DailyPost.status == "posted"))).one()
        await ds.shutdown()
    return {"servers": n, "posted": outcomes.count("posted"), "rows_posted": rows,
            "failed": n - outcomes.count("posted"), "http_429": http.rejected,
            "seconds": round(elapsed, 2), "lower_bound_s": round(n / GLOBAL_RATE, 2),
            "peak_traced_mb": round(traced_peak / 2**20, 1),
            "peak_rss_mb": round(rss.peak / 2**20, 1),
            "rss_growth_mb": round((rss.peak - rss_before) / 2**20, 1)}


def run(quick: bool) -> dict:
    n = 100 if quick else 1000
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite+aiosqlite:///{Path(tmp) / 'bench.db'}"
        rows.append({"store": "sqlite", **asyncio.run(_run(n, url))})
    pg = os.environ.get("VIVA_TEST_POSTGRES_URL")
    if pg:
        rows.append({"store": "postgresql", **asyncio.run(_run_pg(n, pg))})
    first = rows[0]
    return {"rows": rows, "figures": {
        "servers": n, "time_to_finish_seconds": first["seconds"],
        "lower_bound_seconds": first["lower_bound_s"], "posted": first["posted"],
        "http_429": first["http_429"], "peak_traced_mb": first["peak_traced_mb"],
        "peak_rss_mb": first["peak_rss_mb"]}}


async def _run_pg(n: int, base: str) -> dict:
    import uuid

    import asyncpg
    from sqlalchemy.engine import make_url

    url = make_url(base)
    name = f"viva_bench_{uuid.uuid4().hex[:8]}"
    admin = await asyncpg.connect(url.set(drivername="postgresql").render_as_string(
        hide_password=False))
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
        return await _run(n, url.set(database=name).render_as_string(hide_password=False))
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()
