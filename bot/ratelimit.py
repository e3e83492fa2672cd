"""Per-user cooldowns on grading, so one person cannot starve the shared worker pool.

A keyed token bucket: each key (a user id) holds up to ``per_minute`` tokens and regains
one every ``60 / per_minute`` seconds; a graded answer spends one. So a person may send a
burst of ``per_minute`` answers, then one every few seconds. The clock is injectable (tests
advance it by hand); buckets that are full again are forgotten, so memory stays bounded by
the people active in the last minute.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass

from bot.errors import UserFacingError

PRUNE_EVERY = 1024  # look for full (forgettable) buckets after this many new keys


class Cooldown(UserFacingError):
    """Too many graded answers too quickly; ``retry_after`` says how long to wait (s)."""

    def __init__(self, retry_after: float, per_minute: float):
        self.retry_after = retry_after
        wait = max(1, math.ceil(retry_after))
        super().__init__(
            f"You are sending answers faster than I grade them for one person (at most "
            f"{per_minute:g} a minute). Nothing was recorded: send it again in {wait} s.")


@dataclass
class _Bucket:
    tokens: float
    stamp: float


class RateLimiter:
    """``per_minute`` events per key per minute, with bursts up to ``per_minute``.
    ``per_minute <= 0`` disables the limit."""

    def __init__(self, per_minute: float, *, clock: Callable[[], float] = time.monotonic):
        self.per_minute = per_minute
        self.capacity = max(1.0, per_minute)
        self.refill = per_minute / 60.0  # tokens per second
        self.clock = clock
        self._buckets: dict[Hashable, _Bucket] = {}
        self._added = 0

    @property
    def enabled(self) -> bool:
        return self.per_minute > 0

    def _bucket(self, key: Hashable, now: float) -> _Bucket:
        bucket = self._buckets.get(key)
        if bucket is None:
            self._added += 1
            if self._added >= PRUNE_EVERY:
                self._prune(now)
            bucket = self._buckets[key] = _Bucket(self.capacity, now)
            return bucket
        bucket.tokens = min(self.capacity, bucket.tokens + (now - bucket.stamp) * self.refill)
        bucket.stamp = now
        return bucket

    def _prune(self, now: float) -> None:
        self._added = 0
        full = [k for k, b in self._buckets.items()
                if b.tokens + (now - b.stamp) * self.refill >= self.capacity]
        for key in full:
            del self._buckets[key]

    def try_acquire(self, key: Hashable) -> float:
        """Spend one token: 0.0 if allowed, else the seconds until one is available."""
        if not self.enabled:
            return 0.0
        now = self.clock()
        bucket = self._bucket(key, now)
        if bucket.tokens >= 1.0:
            bucket.tokens -= 1.0
            return 0.0
        return (1.0 - bucket.tokens) / self.refill

    def acquire(self, key: Hashable) -> None:
        """Spend one token or raise ``Cooldown`` (a friendly ``UserFacingError``)."""
        wait = self.try_acquire(key)
        if wait > 0:
            raise Cooldown(wait, self.per_minute)

    def refund(self, key: Hashable) -> None:
        """Give a token back (the answer was refused before any grading happened)."""
        bucket = self._buckets.get(key)
        if bucket is not None:
            bucket.tokens = min(self.capacity, bucket.tokens + 1.0)

    def __len__(self) -> int:
        return len(self._buckets)
