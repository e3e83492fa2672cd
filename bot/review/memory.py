"""Each (user, question) pair keeps an FSRS memory state (the ``fsrs`` library), updated by
every graded main answer, so a question comes back just before it would be forgotten.

A grade (0-100) maps to an FSRS rating — the answer is the "recall":

    score  0-24  (a weak answer)                    Again  (forgotten)
    score 25-59  (partial)                          Hard
    score 60-84  (partial to strong)                Good
    score 85-100 (strong and nearly complete)       Easy

The scheduler has one learning step and one relearning step of 8 hours (a forgotten
answer comes back later the same day; minute-level flash-card steps make no sense for a
derivation), no interval fuzzing (reviews are reproducible; a bank of ~50 questions needs
no load spreading) and FSRS's default weights and 90 % desired retention. Follow-up
(probe) answers do not move a card: they answer a different, narrower question, and a
weak reply to a hard "going further" probe does not mean the main answer was forgotten.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from fsrs import Card, Rating, Scheduler, State
from sqlalchemy import func
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.review.models import ReviewCard
from bot.store.models import QuestionRow

STEP = dt.timedelta(hours=8)
SCHEDULER = Scheduler(learning_steps=(STEP,), relearning_steps=(STEP,), enable_fuzzing=False)
STATES = {State.Learning: "learning", State.Review: "review", State.Relearning: "relearning"}


def rating_for(score: float) -> Rating:
    """The FSRS rating of a grade (see the module docstring for the bands)."""
    if score < 25:
        return Rating.Again
    if score < 60:
        return Rating.Hard
    if score < 85:
        return Rating.Good
    return Rating.Easy


def utc(value: dt.datetime) -> dt.datetime:
    """SQLite hands back naive datetimes; every stored time is UTC."""
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


@dataclass(frozen=True)
class DueReview:
    question_id: str
    due: dt.datetime
    state: str  # learning | review | relearning
    last_score: int
    reps: int
    retrievability: float  # FSRS's predicted chance of recall now (0-1)


def to_fsrs(row: ReviewCard) -> Card:
    return Card(state=State(row.state), step=row.step, stability=row.stability,
                difficulty=row.difficulty, due=utc(row.due),
                last_review=utc(row.last_review) if row.last_review else None)


def _due(row: ReviewCard, now: dt.datetime) -> DueReview:
    card = to_fsrs(row)
    return DueReview(question_id=row.question_id, due=utc(row.due),
                     state=STATES[State(row.state)], last_score=row.last_score, reps=row.reps,
                     retrievability=SCHEDULER.get_card_retrievability(card, now))


def keeps_best(best_score: int, best_at: dt.datetime | None, score: int, now: dt.datetime,
               half_life_days: float) -> bool:
    """Whether a new grade replaces the kept best for mastery: when it is at least the kept
    best decayed to now. max_i s_i·2^(-(t-t_i)/H) has the same argmax at every later t, so
    one kept grade per question gives the exact decayed best."""
    if best_at is None:
        return True
    age = (now - utc(best_at)).total_seconds() / 86400
    return score >= best_score * 0.5 ** (age / half_life_days)


async def _card_row(session: AsyncSession, user_id: int, question_id: str,
                    now: dt.datetime) -> ReviewCard:
    """The pair's row, created if missing without racing a concurrent first answer."""
    dialect = session.bind.dialect.name if session.bind else "sqlite"
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    fresh = Card()
    await session.exec(insert(ReviewCard).values(
        user_id=user_id, question_id=question_id, state=int(fresh.state), step=fresh.step,
        due=now, reps=0, lapses=0, last_score=0, best_score=0, created_at=now, updated_at=now,
    ).on_conflict_do_nothing())
    query = select(ReviewCard).where(ReviewCard.user_id == user_id,
                                     ReviewCard.question_id == question_id)
    return (await session.exec(query.with_for_update())).one()


async def update_review(session: AsyncSession, *, user_id: int, question_id: str,
                        score: float, now: dt.datetime, missed: list[dict] | None = None,
                        ) -> DueReview:
    """Review the (user, question) card with the grade's rating at ``now``, in the caller's
    session (the caller commits, together with the attempt row). ``missed``: the grade's
    missed key points, kept for the profile's weakest key points."""
    from bot.review.mastery import HALF_LIFE_DAYS

    now = utc(now)
    row = await _card_row(session, user_id, question_id, now)
    rating = rating_for(score)
    card, _log = SCHEDULER.review_card(to_fsrs(row), rating, review_datetime=now)
    score = round(score)
    if keeps_best(row.best_score, row.best_at, score, now, HALF_LIFE_DAYS):
        row.best_score, row.best_at = score, now
    row.lapses += int(rating == Rating.Again and row.reps > 0)
    row.reps += 1
    row.state, row.step = int(card.state), card.step
    row.stability, row.difficulty = card.stability, card.difficulty
    row.due, row.last_review = card.due, card.last_review
    row.last_score, row.updated_at = score, now
    if missed is not None:
        row.missed = json.dumps([_key_point(m) for m in missed if isinstance(m, dict)])
    session.add(row)
    await session.flush()
    return _due(row, now)


def _key_point(item: dict) -> dict:
    return {"id": str(item.get("id", "")), "text": str(item.get("text", "")),
            "weight": float(item.get("weight", 1) or 1)}


def _live(query):
    """Only questions still in the bank (a retired question is not served for review)."""
    return query.join(QuestionRow, QuestionRow.id == ReviewCard.question_id).where(
        QuestionRow.retired_at.is_(None))


async def due_reviews(session: AsyncSession, *, user_id: int, now: dt.datetime,
                      limit: int = 5) -> list[DueReview]:
    """The user's questions due at ``now``, most overdue first (ties by question id)."""
    now = utc(now)
    query = _live(select(ReviewCard).where(ReviewCard.user_id == user_id,
                                           ReviewCard.due <= now))
    rows = (await session.exec(query.order_by(ReviewCard.due, ReviewCard.question_id)
                               .limit(limit))).all()
    return [_due(r, now) for r in rows]


async def due_count(session: AsyncSession, *, user_id: int, now: dt.datetime) -> int:
    query = _live(select(func.count()).select_from(ReviewCard).where(
        ReviewCard.user_id == user_id, ReviewCard.due <= utc(now)))
    return (await session.exec(query)).one()


async def next_review(session: AsyncSession, *, user_id: int,
                      now: dt.datetime) -> DueReview | None:
    """The user's next card to come due (due or not), or None with no cards."""
    query = _live(select(ReviewCard).where(ReviewCard.user_id == user_id))
    row = (await session.exec(query.order_by(ReviewCard.due, ReviewCard.question_id)
                              .limit(1))).first()
    return _due(row, utc(now)) if row else None
