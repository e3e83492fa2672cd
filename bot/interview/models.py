"""Interview rows: a session and its graded turns. Everything needed to resume after a
restart lives here (which question, which probe is pending, hints used, timers)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, Column, ForeignKey, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from bot.store.models import _ts, utcnow


class Interview(SQLModel, table=True):
    __tablename__ = "interviews"
    __table_args__ = (Index("ix_interviews_user_state", "user_id", "state"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(sa_column=Column(BigInteger, ForeignKey("users.id"), nullable=False))
    guild_id: int | None = Field(
        default=None, sa_column=Column(BigInteger, ForeignKey("guilds.id"), nullable=True))
    channel_id: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    state: str = Field(default="active", max_length=16)  # active | finished | expired
    section: str | None = Field(default=None, max_length=32)
    difficulty: int | None = Field(default=None)
    question_ids: str = Field(sa_column=Column(Text, nullable=False))  # JSON list, in order
    current_index: int = Field(default=0)
    pending_probe: str | None = Field(default=None, max_length=64)  # probe id awaiting answer
    probes_asked: int = Field(default=0)  # for the current question
    hints_used: int = Field(default=0)  # for the current question
    max_probes: int = Field(default=2)
    question_limit_s: int = Field(default=1200)
    idle_limit_s: int = Field(default=86400)
    version: int = Field(default=0)  # bumped on every transition (optimistic locking)
    question_started_at: dt.datetime = Field(default_factory=utcnow, sa_column=_ts(nullable=False))
    last_activity_at: dt.datetime = Field(default_factory=utcnow, sa_column=_ts(nullable=False))
    created_at: dt.datetime = Field(default_factory=utcnow, sa_column=_ts(nullable=False))
    finished_at: dt.datetime | None = Field(default=None, sa_column=_ts(nullable=True))


class InterviewTurn(SQLModel, table=True):
    """One graded answer (or a skip) within an interview."""

    __tablename__ = "interview_turns"
    __table_args__ = (
        UniqueConstraint("interview_id", "question_index", "step", name="uq_turn_step"),
    )

    id: int | None = Field(default=None, primary_key=True)
    interview_id: int = Field(foreign_key="interviews.id", index=True)
    question_index: int
    step: int = Field(description="0 = main answer, 1.. = probes, in order")
    question_id: str = Field(max_length=120)
    probe_id: str | None = Field(default=None, max_length=64)
    probe_kind: str | None = Field(default=None, max_length=16)
    prompt: str = Field(sa_column=Column(Text, nullable=False))
    answer: str = Field(sa_column=Column(Text, nullable=False))
    skipped: bool = Field(default=False)
    score: int = Field(default=0)
    band: str = Field(default="weak", max_length=16)
    hints_used: int = Field(default=0)
    result: str | None = Field(default=None, sa_column=Column(Text, nullable=True))  # grade JSON
    attempt_id: int | None = Field(default=None)
    created_at: dt.datetime = Field(default_factory=utcnow, sa_column=_ts(nullable=False))
