"""What every daily operation needs: the app, the adapter's poster, a clock, who this
process is and which servers it owns."""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import socket
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from bot.daily.clock import Clock, SystemClock
from bot.daily.ports import Poster
from bot.daily.shards import owner_of
from bot.daily.timing import aware

CLAIM_LEASE = dt.timedelta(minutes=2)  # a claim older than this without a result is stale
SEND_ATTEMPTS = 4  # tries per send when Discord rate-limits (honouring retry_after)
CONCURRENT_JOBS = 8  # jobs of one process in flight at once (the rest wait their turn),
# so a thousand servers posting at the same minute never exhaust the database pool


def stale_at(claimed_at: dt.datetime) -> dt.datetime:
    """The first moment a claim made at ``claimed_at`` counts as stale (may be taken)."""
    return aware(claimed_at) + CLAIM_LEASE + dt.timedelta(seconds=1)


def process_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"[:64]


@dataclass
class DailyContext:
    app: object  # bot.app.App
    poster: Poster
    clock: Clock = field(default_factory=SystemClock)
    name: str = field(default_factory=process_name)
    owns: Callable[[int], bool] | None = None
    # called after a post is recorded (the scheduler adds the reveal job)
    on_posted: Callable[[int, dt.datetime], Awaitable[None] | None] | None = None

    concurrency: int = CONCURRENT_JOBS
    _gate: asyncio.Semaphore | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        if self.owns is None:
            self.owns = owner_of(self.app.settings)

    @property
    def gate(self) -> asyncio.Semaphore:
        """Held by each scheduled job while it runs."""
        if self._gate is None:
            self._gate = asyncio.Semaphore(self.concurrency)
        return self._gate

    def grace(self, schedule) -> dt.timedelta:
        minutes = schedule.grace_minutes
        if minutes is None:
            minutes = self.app.settings.daily_grace_minutes
        return dt.timedelta(minutes=minutes)
