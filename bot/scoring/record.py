"""Recording one graded attempt: its points, whether they count, and the totals — all in the
caller's transaction (the caller commits), so the attempt and its points land together."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import update
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.scoring.fairness import Decision, decide
from bot.scoring.periods import aware, week_of
from bot.scoring.rules import KINDS, points_for
from bot.scoring.seasons import current_season, guild_zone
from bot.scoring.totals import add_to_totals
from bot.store.models import Attempt, QuestionRow, User, utcnow

PRACTICE = "practice outside a server: graded and kept, no leaderboard points"


@dataclass(frozen=True)
class RecordedAttempt:
    attempt_id: int
    points: int  # the points it added to the leaderboards (0 when it does not count)
    counted: bool
    reason: str | None  # why it does not count, in words for the candidate


async def lock_player(session: AsyncSession, user_id: int) -> None:
    """Serialize one player's score changes: a row lock on PostgreSQL; on SQLite the first
    write of the transaction takes the database's write lock."""
    users = User.__table__
    await session.exec(update(users).where(users.c.id == user_id)
                          .values(name=users.c.name))


async def record_attempt(session: AsyncSession, *, user_id: int, guild_id: int | None,
                         question_id: str, question_hash: str, kind: str, answer: str,
                         score: int, band: str, hints_used: int = 0, probes_answered: int = 0,
                         confidence: float | None = None, daily_post_id: int | None = None,
                         now: dt.datetime | None = None) -> RecordedAttempt:
    """Add the attempt (and its points) to ``session`` and flush; the caller commits."""
    if kind not in KINDS:
        raise ValueError(f"unknown attempt kind {kind!r}")
    if confidence is not None and not 0 < confidence <= 1:
        raise ValueError(f"confidence must be in (0, 1], not {confidence!r}")
    if kind == "daily" and daily_post_id is None:
        raise ValueError("a daily attempt needs its daily_post_id")
    now = aware(now or utcnow())
    points = points_for(kind=kind, score=score, band=band, hints_used=hints_used,
                        probes_answered=probes_answered)
    season = None
    if guild_id is None:
        decision = Decision(False, PRACTICE)
    else:
        await lock_player(session, user_id)
        season = await current_season(session, guild_id=guild_id, now=now)
        decision = await decide(session, user_id=user_id, guild_id=guild_id,
                                question_id=question_id, kind=kind,
                                daily_post_id=daily_post_id, season=season)
    earned = points if decision.counted else 0
    attempt = Attempt(user_id=user_id, guild_id=guild_id, question_id=question_id,
                      question_hash=question_hash, kind=kind, answer=answer, score=score,
                      verdict=band, confidence=confidence, hints_used=hints_used,
                      probes_answered=probes_answered, points=earned, counted=decision.counted,
                      daily_post_id=daily_post_id, created_at=now)
    session.add(attempt)
    await session.flush()
    if guild_id is not None:
        question = await session.get(QuestionRow, question_id)
        week = week_of(now, await guild_zone(session, guild_id))
        await add_to_totals(session, guild_id=guild_id, user_id=user_id, week_key=week.key,
                            season_id=season.id, points=earned, answers=1, now=now,
                            section=question.section if question else None)
    return RecordedAttempt(attempt_id=attempt.id, points=earned, counted=decision.counted,
                           reason=decision.reason)
