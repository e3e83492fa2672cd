"""Load: 500 simulated users answer one posted question in one server within one minute,
through the cog layer on simcord (the real command tree, buttons and modals), graded by the
real grader (rubric + symbolic checks in the worker pool) and recorded in SQLite.

Each user first opens the Answer modal (a normal simcord click); then submissions arrive at
random times spread over the minute and are injected without waiting for each other, so
they overlap like real traffic. Latency is from a submission to its graded reply. Loop lag
is measured from a thread that asks the event loop to run a callback every 20 ms and times
how long it waits. CPU is that of the bot process and of its grading workers.
``--quick``: 50 users in 6 s (the same rate).
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import statistics
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# BENCH_LOAD_COLD=1: the workers do not remember comparisons (bot/grading/engine.py), so
# every answer's formulas are checked from scratch, as if no two candidates wrote the same one
COLD = os.environ.get("BENCH_LOAD_COLD") == "1"
QUESTION = "math.logistic-gradient"
ANSWERS = ROOT / "tests" / "rubric" / "answers" / "math.jsonl"


class LagProbe:
    """Event-loop lag seen from outside the loop (asyncio timers are simcord's here)."""

    def __init__(self, loop: asyncio.AbstractEventLoop, every: float = 0.02):
        self.loop, self.every = loop, every
        self.lags: list[float] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            sent = time.perf_counter()
            self.loop.call_soon_threadsafe(lambda s=sent: self.lags.append(time.perf_counter() - s))

    def __enter__(self) -> LagProbe:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def _texts(n: int, rng: random.Random) -> list[str]:
    answers = [json.loads(line)["answer"] for line in ANSWERS.read_text().splitlines()
               if line.strip() and json.loads(line)["question"] == 1]
    extra = ["The gradient is (y - sigma(w x)) x.", "I think it is $(\\sigma(w x) - y) x$.",
             "Use the chain rule on the log-likelihood; the answer is sum_i (y_i - p_i) x_i."]
    pool = answers + extra
    return [rng.choice(pool) + ("" if k % 3 else f" (attempt {k})") for k in range(n)]


def _pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(q * len(xs)))] if xs else float("nan")


async def scenario(users: int, window: float) -> dict:
    import psutil
    import simcord

    from bot.app import open_app
    from bot.grading import GradingPool
    from bot.settings import load_settings
    from bot.wiring import default_drills
    from cogs.client import VivaBot

    rng = random.Random(500)
    proc = psutil.Process()
    if COLD:  # before the pool forks its workers: they start with the check memory off
        import bot.grading.engine as engine

        engine.REMEMBER_UP_TO = 0
    with tempfile.TemporaryDirectory() as tmp:
        settings = load_settings(database_url=f"sqlite+aiosqlite:///{tmp}/viva.db",
                                 _env_file=None, discord_token=None)
        async with open_app(settings) as app, GradingPool() as pool:
            app.pool = pool
            await pool.run(_noop)  # workers up and warm, as after start-up
            for _ in range(pool.workers * 2):
                await pool.run(_noop)
            bot = VivaBot(app, shard_count=1, drills=default_drills(app))
            async with simcord.run(bot) as env:
                await bot.tree.sync()
                guild = env.create_guild(name="Big study group")
                channel = guild.create_text_channel("drills")
                members = [guild.add_member(env.create_user(f"user{k}")) for k in range(users)]
                posted = await members[0].slash(channel, "question", id=QUESTION)
                message = posted.response.message
                opened = [await m.click(message, label="Answer") for m in members]
                texts = _texts(users, rng)
                arrivals = sorted(rng.uniform(0, window) for _ in range(users))

                async def no_settle(*_, **__):  # submissions overlap: do not wait for each
                    return None

                settle, env._settle_internal = env._settle_internal, no_settle
                env._work.callbacks = _RecentFirst(env._work.callbacks)
                results: list[tuple[float, object]] = []
                cpu0 = proc.cpu_times()
                kids0 = sum(sum(c.cpu_times()[:2]) for c in proc.children(recursive=True))
                loop = asyncio.get_running_loop()
                with LagProbe(loop) as probe:
                    start = time.perf_counter()
                    sending = asyncio.Event()
                    sending.set()
                    # replies are watched for while submissions go on: a reply's time is when
                    # it appears, not when the last submission has gone out
                    collector = asyncio.ensure_future(
                        _collect(loop, results, sending, timeout=window + 120))
                    for member, shown, text, at in zip(members, opened, texts, arrivals,
                                                       strict=True):
                        delay = start + at - time.perf_counter()
                        if delay > 0:
                            await _real_sleep(loop, delay)
                        sent = time.perf_counter()
                        results.append((sent, await member.submit_modal(shown, {"answer": text})))
                    sending.clear()
                    latencies = await collector
                    wall = time.perf_counter() - start
                env._settle_internal = settle
                await settle(dispatch="bench")
                cpu1 = proc.cpu_times()
                kids = proc.children(recursive=True)
                kids1 = sum(sum(c.cpu_times()[:2]) for c in kids)
                rss = proc.memory_info().rss / 2**20
                worker_rss = [c.memory_info().rss / 2**20 for c in kids]
                graded = sum(1 for r in results if _done(r[1]))
    bot_cpu = (cpu1.user + cpu1.system) - (cpu0.user + cpu0.system)
    return {"users": users, "window_s": window, "wall_s": wall, "latencies": latencies,
            "graded": graded, "lags": probe.lags, "bot_cpu_s": bot_cpu,
            "workers_cpu_s": kids1 - kids0, "rss_mb": rss, "worker_rss_mb": worker_rss}


class _RecentFirst(list):
    """simcord's list of the bot's pending callbacks, searched from the newest end. simcord
    removes each callback when it runs with ``list.remove`` (equality, from the oldest end);
    with settling off, hundreds of long-lived timers (discord.py gives each ephemeral reply's
    view a 15-minute timeout) sit at the front, and every removal compared against all of
    them: the harness, not the bot, then used most of the process's CPU."""

    def remove(self, item) -> None:
        for k in range(len(self) - 1, -1, -1):
            if self[k] is item:
                del self[k]
                return
        super().remove(item)


def _noop() -> dict:
    return {}


async def _real_sleep(loop: asyncio.AbstractEventLoop, delay: float) -> None:
    """Sleep in real time (the loop's timers are simcord's virtual ones) on a reused worker
    thread: a new timer thread per 2 ms poll cost the bot's process a core's worth of CPU."""
    await loop.run_in_executor(_SLEEPER, time.sleep, delay)


_SLEEPER = ThreadPoolExecutor(max_workers=2, thread_name_prefix="bench-sleep")


def _done(result) -> bool:
    response = result.response
    return response is not None and bool(response.embeds)


async def _collect(loop, results: list, sending: asyncio.Event, timeout: float) -> list[float]:
    """Latency of each submission: poll every 10 ms, while submissions are still being sent
    and after, until every graded reply is there (each look copies a message's embeds)."""
    latencies: dict[int, float] = {}
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        pending = [k for k in range(len(results)) if k not in latencies]
        if not pending and not sending.is_set():
            break
        for k in pending:
            sent, result = results[k]
            if _done(result):
                latencies[k] = time.perf_counter() - sent
        await _real_sleep(loop, 0.01)
    return [latencies[k] for k in sorted(latencies)]


def run(quick: bool) -> dict:
    users, window = (50, 6.0) if quick else (500, 60.0)
    out = asyncio.run(scenario(users, window))
    lat, lags = out["latencies"], out["lags"]
    busy = out["wall_s"]
    figures = {
        "users": users, "graded_replies": len(lat),
        "p50_ms": round(1000 * statistics.median(lat), 1) if lat else None,
        "p99_ms": round(1000 * _pct(lat, 0.99), 1) if lat else None,
        "max_ms": round(1000 * max(lat), 1) if lat else None,
        "loop_lag_p99_ms": round(1000 * _pct(lags, 0.99), 1),
        "loop_lag_max_ms": round(1000 * max(lags), 1) if lags else None,
        "bot_cpu_percent": round(100 * out["bot_cpu_s"] / busy, 1),
        "workers_cpu_percent": round(100 * out["workers_cpu_s"] / busy, 1),
        "bot_rss_mb": round(out["rss_mb"], 1),
        "workers_rss_mb": round(sum(out["worker_rss_mb"]), 1),
        "target_p99_ms": 1000, "target_loop_lag_ms": 50,
        "check_memory": not COLD,
    }
    rows = [{"users": users, "window_s": window, "memory": "off" if COLD else "on",
             "answered": len(lat),
             "p50_ms": figures["p50_ms"], "p99_ms": figures["p99_ms"],
             "lag_p99_ms": figures["loop_lag_p99_ms"], "lag_max_ms": figures["loop_lag_max_ms"],
             "bot_cpu_%": figures["bot_cpu_percent"],
             "workers_cpu_%": figures["workers_cpu_percent"]}]
    return {"rows": rows, "figures": figures}
