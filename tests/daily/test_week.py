"""A week (and more) of daily posts driven by the scheduler's real CronTriggers, in several
time zones and across DST changes, with weekday filters and pause/resume."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from sqlmodel import select

from bot.daily import schedules
from bot.daily.models import DailyPost
from tests.daily.conftest import local, set_up, simulate

UTC = dt.UTC
ZONES = {101 << 22: "Europe/Paris", 102 << 22: "America/New_York", 103 << 22: "Asia/Tokyo",
         104 << 22: "Australia/Sydney"}


async def test_a_week_in_four_zones_across_dst_posts_at_local_nine_every_day(
        make_ctx, scheduler, clock, poster):
    # 2026-03-23 .. 04-06: Paris springs forward on 29 March, Sydney falls back on 5 April
    clock.set(dt.datetime(2026, 3, 22, 14, 0, tzinfo=UTC))
    ctx = make_ctx()
    for guild, tz in ZONES.items():
        await set_up(ctx, guild, time="09:00", timezone=tz)
    ds = scheduler(ctx)
    await ds.start(run=False)
    await simulate(ds, clock, dt.datetime(2026, 4, 6, 20, 0, tzinfo=UTC))
    per_guild = Counter(poster.posted_guilds())
    assert per_guild == {g: 15 for g in ZONES}  # 23 March .. 6 April, local dates
    for guild, tz in ZONES.items():
        times = [local(at, tz) for at, c in poster.posts if c.guild_id == guild]
        assert all((t.hour, t.minute) == (9, 0) for t in times), (tz, times)
        days = [t.date() for t in times]
        assert len(days) == len(set(days))  # one post per local day
        assert days == sorted(days)
    paris = [at for at, c in poster.posts if c.guild_id == 101 << 22]
    utc_hours = {at.date(): at.hour for at in paris}
    assert utc_hours[dt.date(2026, 3, 28)] == 8  # CET (UTC+1)
    assert utc_hours[dt.date(2026, 3, 29)] == 7  # CEST (UTC+2) from the DST day on
    sydney = {local(at, "Australia/Sydney").date(): at.hour for at, c in poster.posts
              if c.guild_id == 104 << 22}
    assert sydney[dt.date(2026, 4, 4)] == 22 and sydney[dt.date(2026, 4, 5)] == 23  # AEDT->AEST


async def test_a_time_inside_the_dst_gap_and_the_repeated_hour_posts_once(
        make_ctx, scheduler, clock, poster):
    ctx = make_ctx()
    guild = 7 << 22
    await set_up(ctx, guild, time="02:30", timezone="Europe/Paris")
    ds = scheduler(ctx)
    clock.set(dt.datetime(2026, 3, 28, 0, 0, tzinfo=UTC))
    await ds.start(run=False)
    await simulate(ds, clock, dt.datetime(2026, 3, 30, 12, 0, tzinfo=UTC))
    times = [local(at, "Europe/Paris") for at, _ in poster.posts]
    assert [(t.date().isoformat(), t.hour, t.minute) for t in times] == [
        ("2026-03-28", 2, 30), ("2026-03-29", 3, 30), ("2026-03-30", 2, 30)]

    poster.posts.clear()
    clock.set(dt.datetime(2026, 10, 24, 12, 0, tzinfo=UTC))
    await ds.refresh(guild)
    log = await simulate(ds, clock, dt.datetime(2026, 10, 26, 12, 0, tzinfo=UTC))
    days = [local(at, "Europe/Paris").date().isoformat() for at, _ in poster.posts]
    assert days == ["2026-10-25", "2026-10-26"]  # 02:30 happens twice on the 25th; posted once
    assert [o for _, j, o in log if j.startswith("daily-post")].count("taken") == 1


async def test_weekday_filter_posts_only_on_chosen_days(make_ctx, scheduler, clock, poster):
    ctx = make_ctx()
    await set_up(ctx, 5 << 22, time="18:30", timezone="America/New_York", weekdays="mon,wed,fri")
    await set_up(ctx, 6 << 22, time="08:00", timezone="Asia/Tokyo", weekdays="weekends")
    ds = scheduler(ctx)
    await ds.start(run=False)
    await simulate(ds, clock, dt.datetime(2026, 4, 5, 23, 59, tzinfo=UTC))  # two weeks
    ny = [local(at, "America/New_York").strftime("%a") for at, c in poster.posts
          if c.guild_id == 5 << 22]
    tokyo = [local(at, "Asia/Tokyo").strftime("%a") for at, c in poster.posts
             if c.guild_id == 6 << 22]
    assert ny == ["Mon", "Wed", "Fri"] * 2
    assert tokyo == ["Sat", "Sun"] * 2


async def test_pause_stops_posts_and_resume_does_not_make_up_the_paused_days(
        make_ctx, scheduler, clock, poster, daily_app):
    ctx = make_ctx()
    guild = 9 << 22
    await set_up(ctx, guild, time="09:00", timezone="UTC")
    ds = scheduler(ctx)
    await ds.start(run=False)
    await simulate(ds, clock, dt.datetime(2026, 3, 24, 12, 0, tzinfo=UTC))  # Mon, Tue
    assert len(poster.posts) == 2
    status = await schedules.set_paused(ctx, guild, True)
    await ds.refresh(guild)
    assert status.paused and f"daily-post:{guild}" not in ds.job_ids()
    await simulate(ds, clock, dt.datetime(2026, 3, 27, 12, 0, tzinfo=UTC))  # Wed-Fri
    assert len(poster.posts) == 2
    await schedules.set_paused(ctx, guild, False)
    await ds.refresh(guild)
    assert await ds.start(run=False) == {}  # catch-up: nothing owed for the paused days
    await simulate(ds, clock, dt.datetime(2026, 3, 29, 12, 0, tzinfo=UTC))  # Sat, Sun
    days = [at.date().isoformat() for at, _ in poster.posts]
    assert days == ["2026-03-23", "2026-03-24", "2026-03-28", "2026-03-29"]
    async with daily_app.sessions() as s:
        rows = (await s.exec(select(DailyPost).where(DailyPost.guild_id == guild))).all()
    assert len(rows) == 4  # nothing recorded for paused days


async def test_skip_marks_the_next_post_skipped(make_ctx, scheduler, clock, poster):
    ctx = make_ctx()
    guild = 11 << 22
    await set_up(ctx, guild, time="09:00", timezone="UTC")
    clock.set(dt.datetime(2026, 3, 23, 8, 0, tzinfo=UTC))
    day, _ = await schedules.skip_next(ctx, guild)
    assert day == dt.date(2026, 3, 23)
    ds = scheduler(ctx)
    await ds.start(run=False)
    await simulate(ds, clock, dt.datetime(2026, 3, 24, 10, 0, tzinfo=UTC))
    assert [at.date().isoformat() for at, _ in poster.posts] == ["2026-03-24"]
    status = await schedules.status(ctx, guild)
    assert status.next_date == dt.date(2026, 3, 25)
