"""Which users get a DM reminder at a given instant, across time zones and DST."""

from __future__ import annotations

import datetime as dt

import pytest
from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.errors import UserFacingError
from bot.review.jobs import job_id, schedule_all, unschedule_reminder
from bot.review.reminders import clear_reminder, reminders_due, send_reminders, set_reminder
from tests.review.conftest import MATH, T0

UTC = dt.UTC
LONG_AGO = dt.datetime(2025, 12, 1, tzinfo=UTC)


@pytest.fixture
async def people(app, answer):
    """Three users with a due review, reminded at 9:00 in Paris, New York and Tokyo."""
    zones = {1: "Europe/Paris", 2: "America/New_York", 3: "Asia/Tokyo"}
    for user_id, tz in zones.items():
        await answer(user_id, MATH, 5, LONG_AGO)
        async with app.sessions() as s:
            await set_reminder(s, user_id=user_id, hour=9, timezone=tz, now=T0)
            await s.commit()
    return zones


async def due_at(app, when: dt.datetime) -> list[int]:
    async with app.sessions() as s:
        return [d.user_id for d in await reminders_due(s, now=when)]


async def test_each_user_at_nine_local_time(app, people):
    # 2026-01-15 (winter): Paris UTC+1, New York UTC-5, Tokyo UTC+9
    day = dt.datetime(2026, 1, 15, tzinfo=UTC)
    assert await due_at(app, day.replace(hour=0, minute=30)) == [3]  # 9:30 in Tokyo
    assert await due_at(app, day.replace(hour=8)) == [1]  # 9:00 in Paris
    assert await due_at(app, day.replace(hour=8, minute=59)) == [1]
    assert await due_at(app, day.replace(hour=9)) == []  # 10:00 in Paris: the hour passed
    assert await due_at(app, day.replace(hour=14, minute=15)) == [2]  # 9:15 in New York
    assert await due_at(app, day.replace(hour=7, minute=59)) == []


async def test_summer_time_moves_the_utc_instant(app, people):
    summer = dt.datetime(2026, 7, 15, 7, 0, tzinfo=UTC)  # Paris UTC+2
    assert await due_at(app, summer) == [1]
    assert await due_at(app, summer.replace(hour=8)) == []


async def test_an_hour_skipped_by_dst_falls_after_the_gap(app, people):
    async with app.sessions() as s:
        await set_reminder(s, user_id=1, hour=2, timezone="Europe/Paris", now=T0)
        await s.commit()
    # 2026-03-29: Paris clocks jump from 2:00 to 3:00 (01:00 UTC); 2:00 does not exist
    assert await due_at(app, dt.datetime(2026, 3, 29, 1, 0, tzinfo=UTC)) == [1]  # 3:00 CEST
    assert await due_at(app, dt.datetime(2026, 3, 28, 1, 0, tzinfo=UTC)) == [1]  # 2:00 CET


async def test_sent_once_per_local_day_and_only_when_something_is_due(app, people, answer):
    sent: list[tuple[int, str]] = []

    async def send(user_id: int, text: str) -> bool:
        sent.append((user_id, text))
        return True

    at = dt.datetime(2026, 1, 15, 8, 5, tzinfo=UTC)
    assert await send_reminders(app, send, now=at) == 1
    assert sent[0][0] == 1 and "1 review question is due" in sent[0][1]
    assert await send_reminders(app, send, now=at + dt.timedelta(minutes=30)) == 0
    assert await due_at(app, at + dt.timedelta(days=1)) == [1]  # tomorrow again
    await answer(1, MATH, 100, at + dt.timedelta(days=1))  # reviewed: nothing due now
    assert await due_at(app, at + dt.timedelta(days=1, minutes=1)) == []


async def test_off_by_default_and_turned_off(app, people, answer):
    await answer(4, MATH, 5, LONG_AGO)  # due, but never opted in
    at = dt.datetime(2026, 1, 15, 8, 0, tzinfo=UTC)
    async with app.sessions() as s:
        assert await clear_reminder(s, user_id=1, now=at)
        assert not await clear_reminder(s, user_id=4, now=at)
        await s.commit()
    assert await due_at(app, at) == []


@pytest.mark.parametrize(("hour", "tz", "message"), [
    (24, "UTC", "The hour is 0-23"), (-1, "UTC", "The hour is 0-23"),
    (9, "Mars/Olympus", "I don't know the time zone"),
    (9, "../../etc/passwd", "I don't know the time zone"), (9, "", "I don't know")])
async def test_bad_settings_are_refused_and_change_nothing(app, hour, tz, message):
    async with app.sessions() as s:
        with pytest.raises(UserFacingError, match=message):
            await set_reminder(s, user_id=5, hour=hour, timezone=tz, now=T0)
    assert await due_at(app, T0) == []


async def test_jobs_are_rebuilt_from_rows_one_per_user(app, people):
    scheduler = AsyncIOScheduler(timezone=UTC)

    async def job(user_id: int) -> None: ...

    assert await schedule_all(app, scheduler, job) == 3
    assert await schedule_all(app, scheduler, job) == 3  # replace_existing: no duplicates
    scheduler.start(paused=True)
    try:
        jobs = {j.id: j for j in scheduler.get_jobs()}
        assert set(jobs) == {job_id(1), job_id(2), job_id(3)}
        paris = jobs[job_id(1)]
        assert paris.coalesce and paris.args == (1,)
        first = paris.trigger.get_next_fire_time(None, dt.datetime(2026, 1, 15, tzinfo=UTC))
        assert first.astimezone(UTC) == dt.datetime(2026, 1, 15, 8, 0, tzinfo=UTC)
        unschedule_reminder(scheduler, 1)
        assert scheduler.get_job(job_id(1)) is None
    finally:
        scheduler.shutdown(wait=False)


async def test_two_firings_at_once_send_one_reminder(app, people):
    import asyncio

    sent: list[int] = []

    async def send(user_id: int, text: str) -> bool:
        sent.append(user_id)
        return True

    at = dt.datetime(2026, 1, 15, 8, 5, tzinfo=UTC)
    await asyncio.gather(send_reminders(app, send, now=at), send_reminders(app, send, now=at))
    assert sent == [1]


async def test_resync_drops_jobs_of_reminders_turned_off(app, people):
    scheduler = AsyncIOScheduler(timezone=UTC)

    async def job(user_id: int) -> None: ...

    await schedule_all(app, scheduler, job)
    async with app.sessions() as s:
        await clear_reminder(s, user_id=2, now=T0)
        await set_reminder(s, user_id=3, hour=7, timezone="Asia/Tokyo", now=T0)
        await s.commit()
    assert await schedule_all(app, scheduler, job) == 2
    scheduler.start(paused=True)
    try:
        assert sorted(j.id for j in scheduler.get_jobs()) == [job_id(1), job_id(3)]
        assert "hour='7'" in str(scheduler.get_job(job_id(3)).trigger)
    finally:
        scheduler.shutdown(wait=False)
