"""Daily-question rows. The database is the source of truth: jobs are rebuilt from
``daily_schedules`` at start-up, and every post (and its reveal) is a ``daily_posts`` row
whose unique key (server, local date) decides who posts."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    BigInteger,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    UniqueConstraint,
)
from sqlmodel import Field, SQLModel

from bot.store.models import _ts, utcnow

ALL_WEEKDAYS = "0123456"  # Monday = 0, as datetime.weekday()


class DailySchedule(SQLModel, table=True):
    """One server's daily question: where, when (local time in an IANA zone), what."""

    __tablename__ = "daily_schedules"

    guild_id: int = Field(sa_column=Column(
        BigInteger, ForeignKey("guilds.id", ondelete="CASCADE"), primary_key=True,
        autoincrement=False))
    channel_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    hour: int = Field(ge=0, le=23)
    minute: int = Field(ge=0, le=59)
    timezone: str = Field(max_length=64)
    sections: str | None = Field(default=None, max_length=200)  # comma list; None = all
    weekdays: str = Field(default=ALL_WEEKDAYS, max_length=7)
    answer_window_minutes: int | None = Field(default=None)  # None: until 1 h before next
    grace_minutes: int | None = Field(default=None)  # None: the DAILY_GRACE_MINUTES setting
    paused: bool = Field(default=False)
    active_since: dt.datetime = Field(default_factory=utcnow, sa_column=_ts(nullable=False))
    notice_kind: str | None = Field(default=None, max_length=32)  # error admins were told of
    notice_at: dt.datetime | None = Field(default=None, sa_column=_ts(nullable=True))
    created_at: dt.datetime = Field(default_factory=utcnow, sa_column=_ts(nullable=False))
    updated_at: dt.datetime = Field(default_factory=utcnow, sa_column=_ts(nullable=False))

    def section_list(self) -> list[str]:
        return [s for s in (self.sections or "").split(",") if s]


class DailyPost(SQLModel, table=True):
    """One server's post for one local date: claimed, then posted (or failed, missed,
    skipped); its reveal goes pending -> claimed -> done the same way."""

    __tablename__ = "daily_posts"
    __table_args__ = (
        UniqueConstraint("guild_id", "local_date", name="uq_daily_posts_guild_date"),
        Index("ix_daily_posts_reveal", "reveal_state", "reveal_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    guild_id: int = Field(sa_column=Column(
        BigInteger, ForeignKey("guilds.id", ondelete="CASCADE"), nullable=False))
    local_date: dt.date = Field(sa_column=Column(Date, nullable=False))
    status: str = Field(default="claimed", max_length=16)  # claimed|posted|failed|missed|skipped
    question_id: str | None = Field(default=None, max_length=120)
    question_hash: str | None = Field(default=None, max_length=32)
    section: str | None = Field(default=None, max_length=32)
    channel_id: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    message_id: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    thread_id: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    error_kind: str | None = Field(default=None, max_length=32)
    claimed_by: str = Field(default="", max_length=64)
    scheduled_for: dt.datetime = Field(sa_column=_ts(nullable=False))
    claimed_at: dt.datetime = Field(default_factory=utcnow, sa_column=_ts(nullable=False))
    posted_at: dt.datetime | None = Field(default=None, sa_column=_ts(nullable=True))
    reveal_at: dt.datetime | None = Field(default=None, sa_column=_ts(nullable=True))
    reveal_state: str = Field(default="none", max_length=16)  # none|pending|claimed|done|failed
    reveal_claimed_at: dt.datetime | None = Field(default=None, sa_column=_ts(nullable=True))
    revealed_at: dt.datetime | None = Field(default=None, sa_column=_ts(nullable=True))
    answer_count: int = Field(default=0, sa_column=Column(Integer, nullable=False,
                                                          server_default="0"))


class DailyEntry(SQLModel, table=True):
    """One person's part in one post: hints taken, then their first graded answer (the one
    that counts for the share of correct answers and for points)."""

    __tablename__ = "daily_entries"
    __table_args__ = (UniqueConstraint("post_id", "user_id", name="uq_daily_entries_post_user"),)

    id: int | None = Field(default=None, primary_key=True)
    post_id: int = Field(sa_column=Column(
        Integer, ForeignKey("daily_posts.id", ondelete="CASCADE"), nullable=False))
    user_id: int = Field(sa_column=Column(BigInteger, ForeignKey("users.id"), nullable=False))
    hints_used: int = Field(default=0)
    score: int | None = Field(default=None)
    band: str | None = Field(default=None, max_length=16)
    correct: bool = Field(default=False)
    attempt_id: int | None = Field(default=None)
    answered_at: dt.datetime | None = Field(default=None, sa_column=_ts(nullable=True))
    created_at: dt.datetime = Field(default_factory=utcnow, sa_column=_ts(nullable=False))


class DailyCredit(SQLModel, table=True):
    """A person's choice to be named among the first correct answerers in reveals."""

    __tablename__ = "daily_credits"

    user_id: int = Field(sa_column=Column(
        BigInteger, ForeignKey("users.id"), primary_key=True, autoincrement=False))
    opted_in: bool = Field(default=False)
    updated_at: dt.datetime = Field(default_factory=utcnow, sa_column=_ts(nullable=False))
