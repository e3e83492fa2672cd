"""Scoring tables (migration 0003). Points live on ``attempts`` (bot/store/models.py) and on
append-only ``score_adjustments``; ``score_totals`` is a summary of both, updated atomically
in the same transaction (an upsert that adds), so leaderboards read a few index rows."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    BigInteger,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    Text,
    UniqueConstraint,
    text,
)
from sqlmodel import Field, SQLModel

from bot.store.models import utcnow


def _ts(**kw) -> Column:
    return Column(DateTime(timezone=True), **kw)


def _guild(**kw) -> Column:
    return Column(BigInteger, ForeignKey("guilds.id", ondelete="CASCADE"), **kw)


class ScoringSettings(SQLModel, table=True):
    """A server's season length (default: calendar month). A change applies from the next
    season; the running season keeps its end."""

    __tablename__ = "scoring_settings"

    guild_id: int = Field(sa_column=_guild(primary_key=True, autoincrement=False))
    season_length: str = Field(default="month", max_length=8)
    season_weeks: int = Field(default=4)
    season_anchor: dt.date | None = Field(default=None, sa_column=Column(Date, nullable=True))
    updated_by: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    updated_at: dt.datetime = Field(default_factory=utcnow, sa_column=_ts(nullable=False))


class Season(SQLModel, table=True):
    """One season of one server: [starts_at, ends_at), closed (archived) once it is over."""

    __tablename__ = "seasons"
    __table_args__ = (
        UniqueConstraint("guild_id", "starts_at", name="uq_seasons_guild_start"),
        Index("ix_seasons_guild_ends", "guild_id", "ends_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    guild_id: int = Field(sa_column=_guild(nullable=False))
    number: int = Field(default=1)
    starts_at: dt.datetime = Field(sa_column=_ts(nullable=False))
    ends_at: dt.datetime = Field(sa_column=_ts(nullable=False))
    closed_at: dt.datetime | None = Field(default=None, sa_column=_ts(nullable=True))


class SeasonWinner(SQLModel, table=True):
    """The archived top places of a closed season."""

    __tablename__ = "season_winners"

    season_id: int = Field(sa_column=Column(Integer, ForeignKey("seasons.id", ondelete="CASCADE"),
                                            primary_key=True, autoincrement=False))
    rank: int = Field(sa_column=Column(Integer, primary_key=True, autoincrement=False))
    user_id: int = Field(sa_column=Column(BigInteger, ForeignKey("users.id"), nullable=False))
    points: int = Field(default=0)


class ScoreTotal(SQLModel, table=True):
    """Points per (server, period, section, user). ``period`` is ``week`` (key ``2026-W48``),
    ``season`` (key: the season id) or ``all`` (key ``""``); ``section`` ``""`` is every
    section. ``reached_at`` is when the total last changed (the tie-break)."""

    __tablename__ = "score_totals"
    __table_args__ = (
        Index("ix_score_totals_board", "guild_id", "period", "period_key", "section", "points",
              "reached_at", "user_id"),
    )

    guild_id: int = Field(sa_column=_guild(primary_key=True, autoincrement=False))
    period: str = Field(primary_key=True, max_length=8)
    period_key: str = Field(primary_key=True, max_length=24)
    section: str = Field(primary_key=True, max_length=32)
    user_id: int = Field(sa_column=Column(BigInteger, ForeignKey("users.id"), primary_key=True,
                                          autoincrement=False))
    points: int = Field(default=0, sa_column=Column(Integer, nullable=False,
                                                    server_default=text("0")))
    answers: int = Field(default=0, sa_column=Column(Integer, nullable=False,
                                                     server_default=text("0")))
    reached_at: dt.datetime = Field(default_factory=utcnow, sa_column=_ts(nullable=False))


class ScoreAdjustment(SQLModel, table=True):
    """An admin's correction: who, when, why. Never edited; a mistake is another row."""

    __tablename__ = "score_adjustments"
    __table_args__ = (Index("ix_score_adjustments_guild_user", "guild_id", "user_id",
                            "created_at"),)

    id: int | None = Field(default=None, primary_key=True)
    guild_id: int = Field(sa_column=_guild(nullable=False))
    user_id: int = Field(sa_column=Column(BigInteger, ForeignKey("users.id"), nullable=False))
    admin_id: int = Field(sa_column=Column(BigInteger, ForeignKey("users.id"), nullable=False))
    points: int
    reason: str = Field(sa_column=Column(Text, nullable=False))
    season_id: int | None = Field(default=None, sa_column=Column(
        Integer, ForeignKey("seasons.id", ondelete="SET NULL"), nullable=True))
    week_key: str = Field(max_length=24)
    created_at: dt.datetime = Field(default_factory=utcnow, sa_column=_ts(nullable=False))


class RoleReward(SQLModel, table=True):
    """A role for the top ``places`` of a board (``kind="rank"``, board ``period``) or for the
    top ``places`` of the last closed season (``kind="season_winner"``)."""

    __tablename__ = "role_rewards"
    __table_args__ = (UniqueConstraint("guild_id", "role_id", name="uq_role_rewards_role"),)

    id: int | None = Field(default=None, primary_key=True)
    guild_id: int = Field(sa_column=_guild(nullable=False))
    role_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    kind: str = Field(max_length=16)
    places: int = Field(default=1)
    period: str = Field(default="season", max_length=8)
    created_by: int = Field(sa_column=Column(BigInteger, nullable=False))
    created_at: dt.datetime = Field(default_factory=utcnow, sa_column=_ts(nullable=False))


class RoleGrant(SQLModel, table=True):
    """A reward role the bot gave a member (so it can take it back without listing members)."""

    __tablename__ = "role_grants"

    guild_id: int = Field(sa_column=_guild(primary_key=True, autoincrement=False))
    user_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    role_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    granted_at: dt.datetime = Field(default_factory=utcnow, sa_column=_ts(nullable=False))
