"""Calendar periods in a server's time zone: weeks and season lengths.

Boundaries are local midnights converted to UTC instants, so a period ends at the server's
midnight whatever the daylight-saving offset is on either side of it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.errors import UserFacingError

SEASON_LENGTHS = ("month", "quarter", "weeks")
WEEKS_ANCHOR = dt.date(2024, 1, 1)  # a Monday: N-week seasons count from here by default


def zone(name: str | None) -> ZoneInfo:
    try:
        return ZoneInfo(name or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def aware(value: dt.datetime) -> dt.datetime:
    """As a UTC-aware datetime (SQLite hands back naive ones; everything stored is UTC)."""
    return value.astimezone(dt.UTC) if value.tzinfo else value.replace(tzinfo=dt.UTC)


def local_date(instant: dt.datetime, tz: ZoneInfo) -> dt.date:
    return aware(instant).astimezone(tz).date()


def local_midnight(day: dt.date, tz: ZoneInfo) -> dt.datetime:
    """The UTC instant at which ``day`` begins in ``tz``."""
    return dt.datetime.combine(day, dt.time(0), tzinfo=tz).astimezone(dt.UTC)


@dataclass(frozen=True)
class Period:
    start: dt.datetime  # UTC, inclusive
    end: dt.datetime  # UTC, exclusive
    key: str


def week_of(now: dt.datetime, tz: ZoneInfo) -> Period:
    """Monday 00:00 to the next Monday 00:00, server time; key like ``2026-W48``."""
    day = local_date(now, tz)
    monday = day - dt.timedelta(days=day.weekday())
    year, week, _ = monday.isocalendar()
    return Period(local_midnight(monday, tz), local_midnight(monday + dt.timedelta(days=7), tz),
                  f"{year}-W{week:02d}")


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def natural_season(day: dt.date, length: str, weeks: int = 4,
                   anchor: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The local dates [start, end) of the season of ``length`` that contains ``day``."""
    if length == "month":
        start = day.replace(day=1)
        return start, _add_months(start, 1)
    if length == "quarter":
        start = dt.date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
        return start, _add_months(start, 3)
    if length == "weeks":
        span = 7 * weeks
        anchor = anchor or WEEKS_ANCHOR
        start = anchor + dt.timedelta(days=(day - anchor).days // span * span)
        return start, start + dt.timedelta(days=span)
    raise ValueError(f"unknown season length {length!r}")


def parse_length(text: str) -> tuple[str, int]:
    """``month``, ``quarter`` or ``N weeks`` (1-26) -> (length, weeks)."""
    value = " ".join(text.strip().lower().split())
    if value in ("month", "monthly", "1 month", "calendar month"):
        return "month", 4
    if value in ("quarter", "quarterly", "3 months"):
        return "quarter", 4
    number, _, unit = value.partition(" ")
    if unit in ("week", "weeks", "w") and number.isdigit() and 1 <= int(number) <= 26:
        return "weeks", int(number)
    raise UserFacingError("A season length is `month`, `quarter` or `N weeks` (1 to 26 weeks), "
                          f"not {text[:40]!r}.")


def describe_length(length: str, weeks: int) -> str:
    if length == "weeks":
        return f"{weeks} week{'s' if weeks != 1 else ''}"
    return "a calendar month" if length == "month" else "a calendar quarter"
