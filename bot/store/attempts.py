"""Writing graded attempts. Every graded answer is a row; nothing is edited in place.

Points, streaks and spaced review (issue 5/7) will derive from these rows; until then this
records the attempt itself, with the grade and the question version it answered."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.store.models import Attempt, utcnow


@dataclass(frozen=True)
class RecordedAttempt:
    attempt_id: int


async def record_attempt(session: AsyncSession, *, user_id: int, guild_id: int | None,
                         question_id: str, question_hash: str, kind: str, answer: str,
                         score: int, band: str, hints_used: int = 0, probes_answered: int = 0,
                         confidence: float | None = None, daily_post_id: int | None = None,
                         now: dt.datetime | None = None) -> RecordedAttempt:
    """Add the attempt to ``session`` (the caller commits, so it is atomic with the step
    that produced it)."""
    attempt = Attempt(user_id=user_id, guild_id=guild_id, question_id=question_id,
                      question_hash=question_hash, kind=kind, answer=answer, score=score,
                      verdict=band, confidence=confidence, hints_used=hints_used,
                      probes_answered=probes_answered, daily_post_id=daily_post_id,
                      created_at=now or utcnow())
    session.add(attempt)
    await session.flush()
    return RecordedAttempt(attempt_id=attempt.id)
