"""Deployment settings, read from environment variables and an optional ``.env`` file.

A wrong value is reported as one line naming the variable (``ConfigError``), never a traceback.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from bot.errors import ConfigError

LOG_LEVELS = ("CRITICAL", "ERROR", "WARNING", "INFO", "DEBUG")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", case_sensitive=False
    )

    discord_token: str | None = Field(default=None, description="Bot token; unset = console")
    database_url: str = Field(default="sqlite+aiosqlite:///viva.db")
    default_timezone: str = Field(default="UTC", description="IANA zone for new servers")
    log_level: str = Field(default="INFO")
    shard_ids: list[int] | None = Field(default=None, description="e.g. [0,1,2,3]")
    shard_count: int | None = Field(default=None, ge=1)
    message_content_intent: bool = Field(default=False, description="typed answers in threads")
    dev_guild_id: int | None = Field(default=None, description="sync commands here on start")
    bank_path: Path | None = Field(default=None, description="question folder; default: shipped")
    interview_question_minutes: int = Field(default=20, ge=1, le=24 * 60)
    interview_idle_hours: float = Field(default=24, gt=0, le=24 * 30)
    grading_timeout: float = Field(default=2.0, gt=0, le=60, description="seconds per check")
    grading_workers: int = Field(default=2, ge=1, le=64)
    daily_grace_minutes: int = Field(default=120, ge=0, le=24 * 60,
                                     description="late daily posts still made")
    grading_cooldown_per_minute: float = Field(
        default=6, ge=0, le=10_000, description="graded answers per user per minute; 0 = off")

    @field_validator("default_timezone")
    @classmethod
    def _zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown IANA time zone {value!r} (try 'Europe/Paris')") from exc
        return value

    @field_validator("log_level")
    @classmethod
    def _level(cls, value: str) -> str:
        if value.upper() not in LOG_LEVELS:
            raise ValueError(f"must be one of {', '.join(LOG_LEVELS)}")
        return value.upper()

    @field_validator("database_url")
    @classmethod
    def _url(cls, value: str) -> str:
        if not value.startswith(("sqlite+aiosqlite://", "postgresql+asyncpg://")):
            raise ValueError(
                "must start with sqlite+aiosqlite:// or postgresql+asyncpg:// "
                f"(got {value.split('://')[0]!r})"
            )
        return value

    @field_validator("shard_ids", mode="before")
    @classmethod
    def _shards(cls, value: object) -> object:
        """Accept ``0-3``, ``0,1,2`` or a JSON list."""
        if isinstance(value, str) and value.strip() and not value.strip().startswith("["):
            return parse_shard_range(value)
        return value

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    def configure_logging(self) -> None:
        logging.basicConfig(
            level=self.log_level,
            format="%(asctime)s %(levelname)-7s %(name)s: %(message)s",
        )


def parse_shard_range(text: str) -> list[int]:
    """``"0-3"`` -> [0, 1, 2, 3]; ``"0,2,5"`` -> [0, 2, 5]."""
    ids: list[int] = []
    for part in text.split(","):
        part = part.strip()
        if "-" in part:
            lo, hi = part.split("-", 1)
            ids.extend(range(int(lo), int(hi) + 1))
        elif part:
            ids.append(int(part))
    return ids


def _one_line(exc: ValidationError) -> str:
    err = exc.errors()[0]
    name = str(err["loc"][0]).upper() if err["loc"] else "settings"
    msg = err["msg"].removeprefix("Value error, ")
    return f"invalid setting {name}: {msg}"


def load_settings(**overrides: object) -> Settings:
    """Read settings; raise ``ConfigError`` with one line naming the bad variable."""
    try:
        return Settings(**overrides)
    except ValidationError as exc:
        raise ConfigError(_one_line(exc)) from None


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return load_settings()
