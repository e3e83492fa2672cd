"""Tables. Every model change needs an Alembic migration (``alembic check`` guards it).

Discord ids are snowflakes (64-bit), hence ``BigInteger``. Timestamps are UTC.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    Text,
    false,
    text,
)
from sqlmodel import Field, SQLModel


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _ts(**kw) -> Column:
    return Column(DateTime(timezone=True), **kw)


class Guild(SQLModel, table=True):
    """A Discord server (or the console's pseudo-server) and its settings."""

    __tablename__ = "guilds"

    id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    name: str = Field(default="", max_length=100)
    timezone: str = Field(default="UTC", max_length=64)
    max_probes: int = Field(default=2, ge=0, le=4)
    created_at: dt.datetime = Field(default_factory=utcnow, sa_column=_ts(nullable=False))


class User(SQLModel, table=True):
    """A person who answers questions (a Discord user, or the console's local user)."""

    __tablename__ = "users"

    id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    name: str = Field(default="", max_length=100)
    created_at: dt.datetime = Field(default_factory=utcnow, sa_column=_ts(nullable=False))


class QuestionRow(SQLModel, table=True):
    """A question as synced from the bank (or imported by a server admin).

    Keyed by the stable id; ``content_hash`` changes when the text is edited, and
    ``retired_at`` is set when a question leaves the bank (its attempts stay). A server's
    own question has ``guild_id`` set, the key ``g<guild id>.<id>`` and its full text as
    JSON in ``data`` (see bot/bank/server.py).
    """

    __tablename__ = "questions"

    id: str = Field(primary_key=True, max_length=120)
    section: str = Field(max_length=32, index=True)
    title: str = Field(max_length=200)
    seed_number: int | None = Field(default=None)
    difficulty: int = Field(default=3)
    content_hash: str = Field(max_length=32)
    guild_id: int | None = Field(
        default=None,
        sa_column=Column(BigInteger, ForeignKey("guilds.id", ondelete="CASCADE"), nullable=True,
                         index=True),
    )
    data: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    created_at: dt.datetime = Field(default_factory=utcnow, sa_column=_ts(nullable=False))
    updated_at: dt.datetime = Field(default_factory=utcnow, sa_column=_ts(nullable=False))
    retired_at: dt.datetime | None = Field(default=None, sa_column=_ts(nullable=True))


class Attempt(SQLModel, table=True):
    """One graded answer. Rows are never edited in place; scores derive from them."""

    __tablename__ = "attempts"
    __table_args__ = (
        Index("ix_attempts_user_question", "user_id", "question_id"),
        Index("ix_attempts_guild_created", "guild_id", "created_at"),
        Index("ix_attempts_guild_user_created", "guild_id", "user_id", "created_at"),
        Index("ix_attempts_user_daily", "user_id", "daily_post_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(sa_column=Column(BigInteger, ForeignKey("users.id"), nullable=False))
    guild_id: int | None = Field(
        default=None, sa_column=Column(BigInteger, ForeignKey("guilds.id"), nullable=True)
    )
    question_id: str = Field(foreign_key="questions.id", max_length=120)
    question_hash: str = Field(max_length=32, description="content hash when answered")
    kind: str = Field(default="question", max_length=16)
    answer: str = Field(sa_column=Column(Text, nullable=False))
    score: float | None = Field(default=None)
    verdict: str | None = Field(default=None, max_length=16)
    # scoring (bot/scoring/): the candidate's stated confidence (0, 1], the points this
    # attempt earned and whether they count on the boards (see bot/scoring/rules.py)
    confidence: float | None = Field(default=None)
    hints_used: int = Field(default=0, sa_column=Column(Integer, nullable=False,
                                                        server_default=text("0")))
    probes_answered: int = Field(default=0, sa_column=Column(Integer, nullable=False,
                                                             server_default=text("0")))
    points: int = Field(default=0, sa_column=Column(Integer, nullable=False,
                                                    server_default=text("0")))
    counted: bool = Field(default=False, sa_column=Column(Boolean, nullable=False,
                                                          server_default=false()))
    daily_post_id: int | None = Field(default=None, sa_column=Column(Integer, nullable=True))
    created_at: dt.datetime = Field(default_factory=utcnow, sa_column=_ts(nullable=False))
