"""Untrusted symbolic work runs here: a pool of worker processes (pebble) with a hard time
limit per check. A worker that runs over is killed and replaced; a worker that crashes is
replaced too; either way the caller gets ``undetermined`` with an apology, never a hang.
The event loop only awaits futures."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from concurrent.futures import TimeoutError as FutureTimeout

from pebble import ProcessExpired, ProcessPool

log = logging.getLogger(__name__)

TIMEOUT_REASON = ("Sorry, checking this took longer than the time limit ({:g} s), so I could "
                  "not decide.")
CRASH_REASON = "Sorry, the checker failed on this input, so I could not decide."
APOLOGY = "Sorry, "  # both reasons start so; the answer grader shows them to the candidate


def is_apology(reason: str | None) -> bool:
    """Did the pool give up on this check (time limit or crashed worker)?"""
    return bool(reason) and reason.startswith(APOLOGY)


WORKER_NICE = 5  # workers yield the CPU to the bot's event loop (replies, database)


def _nice() -> None:
    import os

    try:  # on a busy machine a check waits a little; the loop answering everyone must not
        os.nice(WORKER_NICE)
    except (AttributeError, OSError):  # not on this platform, or not allowed: no harm
        pass


def _warm_light() -> None:
    """A short-lived pool (one upload's checks): lower priority, no imports ahead."""
    _nice()


def _warm() -> None:
    """Each worker, once: lower its priority, then import everything a check uses (sympy
    included), so a replacement worker's first check is not spent importing."""
    _nice()
    import bot.grading.answer  # noqa: F401
    import bot.grading.diagnosis  # noqa: F401
    import bot.grading.engine  # noqa: F401
    import bot.grading.symbolic  # noqa: F401


class GradingPool:
    def __init__(self, workers: int | None = None, timeout: float | None = None, *,
                 warm: bool = True):
        if workers is None or timeout is None:
            from bot.settings import get_settings

            settings = get_settings()
            workers = workers or settings.grading_workers
            timeout = timeout or settings.grading_timeout
        self.workers = workers
        self.timeout = timeout
        self.warm = warm  # False: a pool for one short job, whose workers import on demand
        self._pool: ProcessPool | None = None

    async def start(self) -> GradingPool:
        if self._pool is None:
            self._pool = ProcessPool(max_workers=self.workers,
                                     initializer=_warm if self.warm else _warm_light)
        return self

    async def close(self) -> None:
        if self._pool is not None:
            pool, self._pool = self._pool, None
            pool.stop()
            await asyncio.to_thread(pool.join, 5)

    async def __aenter__(self) -> GradingPool:
        return await self.start()

    async def __aexit__(self, *exc) -> None:
        await self.close()

    async def run(self, fn: Callable, *args) -> dict:
        """Run ``fn(*args)`` in a worker; on timeout or crash, an ``undetermined`` dict."""
        if self._pool is None:
            await self.start()
        assert self._pool is not None
        future = self._pool.schedule(fn, args=args, timeout=self.timeout)
        try:
            return await asyncio.wrap_future(future)
        except FutureTimeout:
            log.warning("symbolic check timed out after %ss: %s", self.timeout, fn.__name__)
            return {"verdict": "undetermined", "reason": TIMEOUT_REASON.format(self.timeout)}
        except ProcessExpired as exc:
            log.warning("symbolic worker died (%s) in %s", exc, fn.__name__)
            return {"verdict": "undetermined", "reason": CRASH_REASON}
