"""When a server's daily question is due: slots at a local time in an IANA zone on chosen
weekdays, and when its reveal is.

A slot is the local wall time on a local date, converted to UTC with ``fold=0``: on the
spring-forward day a time inside the gap (02:30 in Paris) lands on the same UTC instant as
APScheduler's ``CronTrigger`` (03:30 local), and on the fall-back day the first of the two
02:30s is the slot (cron may fire again an hour later; the unique row makes that a no-op).
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo, available_timezones

from bot.daily.models import ALL_WEEKDAYS
from bot.errors import UserFacingError

DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_LABELS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
DEFAULT_REVEAL_LEAD = dt.timedelta(hours=1)  # reveal 1 h before the next post
MIN_WINDOW = dt.timedelta(minutes=10)
MAX_WINDOW_MINUTES = 7 * 24 * 60
WEEKDAY_WORDS = {"all": ALL_WEEKDAYS, "every": ALL_WEEKDAYS, "daily": ALL_WEEKDAYS,
                 "weekdays": "01234", "weekends": "56", "weekend": "56"}


def zone(name: str) -> ZoneInfo:
    """An IANA zone, or a friendly error naming the value."""
    cleaned = (name or "").strip()
    if cleaned and cleaned in _zone_names():
        return ZoneInfo(cleaned)
    match = {z.lower(): z for z in _zone_names()}.get(cleaned.lower())
    if match:
        return ZoneInfo(match)
    raise UserFacingError(f"'{cleaned[:60]}' is not an IANA time zone. Use a name like "
                          "Europe/Paris, America/New_York or Asia/Tokyo (start typing for "
                          "suggestions).")


_ZONES: list[str] = []


def _zone_names() -> list[str]:
    if not _ZONES:
        _ZONES.extend(sorted(available_timezones()))
    return _ZONES


def zone_suggestions(text: str, limit: int = 25) -> list[str]:
    """Zones containing ``text`` (case-insensitive), prefix matches first."""
    needle = (text or "").strip().lower().replace(" ", "_")
    names = _zone_names()
    if not needle:
        return [z for z in names if "/" in z][:limit]
    starts = [z for z in names if z.lower().startswith(needle)
              or z.lower().split("/")[-1].startswith(needle)]
    rest = [z for z in names if needle in z.lower() and z not in starts]
    return (starts + rest)[:limit]


def parse_time(text: str) -> tuple[int, int]:
    """``09:30``, ``9:30``, ``9``, ``21h``, ``9am``, ``9:30 pm`` -> (hour, minute)."""
    cleaned = (text or "").strip().lower().replace(" ", "")
    m = re.fullmatch(r"(\d{1,2})(?:[:h.](\d{2}))?(am|pm|h)?", cleaned)
    if m:
        hour, minute, suffix = int(m[1]), int(m[2] or 0), m[3]
        if suffix in ("am", "pm"):
            if not 1 <= hour <= 12:
                hour = -1
            else:
                hour = hour % 12 + (12 if suffix == "pm" else 0)
        if 0 <= hour <= 23 and 0 <= minute <= 59:
            return hour, minute
    raise UserFacingError(f"'{(text or '')[:20]}' is not a time of day. Use 24-hour HH:MM, "
                          "e.g. 09:00 or 18:30 (9am and 6:30pm work too).")


def parse_weekdays(text: str | None) -> str:
    """``mon-fri``, ``mon,wed,fri``, ``weekdays``, ``weekends``, ``all`` -> "01234"."""
    if text is None or not text.strip():
        return ALL_WEEKDAYS
    cleaned = text.strip().lower()
    if cleaned in WEEKDAY_WORDS:
        return WEEKDAY_WORDS[cleaned]
    days: set[int] = set()
    for part in re.split(r"[,\s]+", cleaned):
        if not part:
            continue
        lo, sep, hi = part.partition("-")
        try:
            a = _day(lo)
            b = _day(hi) if sep else a
        except KeyError:
            raise UserFacingError(
                f"I could not read the weekdays '{text[:40]}'. Use day names like mon-fri, "
                "mon,wed,fri, weekdays, weekends or all.") from None
        span = range(a, b + 1) if a <= b else [*range(a, 7), *range(0, b + 1)]
        days.update(span)
    return "".join(str(d) for d in sorted(days))


def _day(word: str) -> int:
    word = word.strip()[:3]
    if word not in DAY_NAMES:
        raise KeyError(word)
    return DAY_NAMES.index(word)


def weekdays_label(digits: str) -> str:
    if digits == ALL_WEEKDAYS:
        return "every day"
    if digits == "01234":
        return "Mon–Fri"
    if digits == "56":
        return "Sat–Sun"
    return ", ".join(DAY_LABELS[int(d)] for d in digits)


def cron_days(digits: str) -> str:
    """APScheduler's ``day_of_week`` field for the weekday digits."""
    return ",".join(DAY_NAMES[int(d)] for d in digits)


def aware(value: dt.datetime) -> dt.datetime:
    """A stored timestamp as aware UTC (SQLite hands them back naive)."""
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def slot_on(schedule, local_date: dt.date) -> dt.datetime:
    """The UTC instant of ``schedule``'s post on ``local_date`` (fold=0, see module doc)."""
    tz = ZoneInfo(schedule.timezone)
    local = dt.datetime.combine(local_date, dt.time(schedule.hour, schedule.minute), tzinfo=tz)
    return local.astimezone(dt.UTC)


def is_post_day(schedule, local_date: dt.date) -> bool:
    return str(local_date.weekday()) in schedule.weekdays


def local_date_of(schedule, when: dt.datetime) -> dt.date:
    return when.astimezone(ZoneInfo(schedule.timezone)).date()


def latest_slot(schedule, now: dt.datetime, *, days: int = 8
                ) -> tuple[dt.date, dt.datetime] | None:
    """The most recent slot at or before ``now`` within ``days`` days, if any."""
    today = local_date_of(schedule, now)
    for back in range(days + 1):
        day = today - dt.timedelta(days=back)
        if is_post_day(schedule, day):
            at = slot_on(schedule, day)
            if at <= now:
                return day, at
    return None


def slots_between(schedule, start: dt.datetime, end: dt.datetime
                  ) -> list[tuple[dt.date, dt.datetime]]:
    """Every slot with ``start < slot <= end``, oldest first."""
    out: list[tuple[dt.date, dt.datetime]] = []
    day = local_date_of(schedule, start) - dt.timedelta(days=1)
    last = local_date_of(schedule, end) + dt.timedelta(days=1)
    while day <= last:
        if is_post_day(schedule, day):
            at = slot_on(schedule, day)
            if start < at <= end:
                out.append((day, at))
        day += dt.timedelta(days=1)
    return out


def next_slot(schedule, after: dt.datetime) -> tuple[dt.date, dt.datetime]:
    """The first slot strictly after ``after``."""
    day = local_date_of(schedule, after) - dt.timedelta(days=1)
    for _ in range(16):
        if is_post_day(schedule, day):
            at = slot_on(schedule, day)
            if at > after:
                return day, at
        day += dt.timedelta(days=1)
    raise ValueError("a schedule needs at least one weekday")


def next_slot_after_day(schedule, local_date: dt.date) -> tuple[dt.date, dt.datetime]:
    """The first slot on a local date after ``local_date``."""
    day = local_date + dt.timedelta(days=1)
    for _ in range(8):
        if is_post_day(schedule, day):
            return day, slot_on(schedule, day)
        day += dt.timedelta(days=1)
    raise ValueError("a schedule needs at least one weekday")


def reveal_time(schedule, *, local_date: dt.date, posted_at: dt.datetime) -> dt.datetime:
    """End of the answer window: ``answer_window_minutes`` after posting when set, else 1 h
    before the next post; never later than the next post, never sooner than 10 minutes."""
    _, upcoming = next_slot_after_day(schedule, local_date)
    if schedule.answer_window_minutes:
        at = posted_at + dt.timedelta(minutes=schedule.answer_window_minutes)
    else:
        at = upcoming - DEFAULT_REVEAL_LEAD
    at = min(at, upcoming - dt.timedelta(minutes=1))
    return max(at, posted_at + MIN_WINDOW)
