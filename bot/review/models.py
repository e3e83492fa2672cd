"""Review rows: one FSRS memory state per (user, question), and a user's reminder setting.

``review_cards`` mirrors ``fsrs.Card`` (state, step, stability, difficulty, due,
last_review) plus what the profile reads without scanning attempts: the kept best grade
for mastery (see ``bot.review.mastery``) and the key points the latest answer missed.
The index ``(user_id, due)`` makes "the user's most-due question" one index seek.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, Column, ForeignKey, Index, String, Text
from sqlmodel import Field, SQLModel

from bot.store.models import _ts, utcnow


class ReviewCard(SQLModel, table=True):
    __tablename__ = "review_cards"
    __table_args__ = (Index("ix_review_cards_user_due", "user_id", "due", "question_id"),)

    user_id: int = Field(sa_column=Column(
        BigInteger, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True,
        autoincrement=False))
    question_id: str = Field(sa_column=Column(
        String(120), ForeignKey("questions.id", ondelete="CASCADE"), primary_key=True))
    state: int = Field(default=1)  # fsrs.State: 1 learning, 2 review, 3 relearning
    step: int | None = Field(default=None)
    stability: float | None = Field(default=None)
    difficulty: float | None = Field(default=None)
    due: dt.datetime = Field(sa_column=_ts(nullable=False))
    last_review: dt.datetime | None = Field(default=None, sa_column=_ts(nullable=True))
    reps: int = Field(default=0)
    lapses: int = Field(default=0)  # answers rated Again after the first
    last_score: int = Field(default=0)
    best_score: int = Field(default=0)  # the grade kept for mastery (decayed when read)
    best_at: dt.datetime | None = Field(default=None, sa_column=_ts(nullable=True))
    missed: str | None = Field(default=None, sa_column=Column(Text, nullable=True))  # JSON
    created_at: dt.datetime = Field(default_factory=utcnow, sa_column=_ts(nullable=False))
    updated_at: dt.datetime = Field(default_factory=utcnow, sa_column=_ts(nullable=False))


class ReviewReminder(SQLModel, table=True):
    """A user's opt-in DM reminder of due reviews (no row, or ``enabled`` false: off)."""

    __tablename__ = "review_reminders"

    user_id: int = Field(sa_column=Column(
        BigInteger, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True,
        autoincrement=False))
    enabled: bool = Field(default=False)
    hour: int = Field(default=9, ge=0, le=23)  # local hour
    timezone: str = Field(default="UTC", max_length=64)
    last_sent_on: dt.date | None = Field(default=None)  # local date of the last reminder
    updated_at: dt.datetime = Field(default_factory=utcnow, sa_column=_ts(nullable=False))
