"""Exactly once: restarts during the answer window, missed posts within and beyond grace,
crashed claims, a deleted channel, rate limits, and two schedulers racing on PostgreSQL."""

from __future__ import annotations

import asyncio
import datetime as dt

from sqlmodel import select

from bot.app import open_app
from bot.daily import schedules
from bot.daily.context import DailyContext
from bot.daily.models import DailyPost, DailySchedule
from bot.daily.posting import post_due
from bot.daily.reveal import reveal_due
from bot.daily.scheduler import DailyScheduler, post_job, reveal_job
from bot.settings import load_settings
from tests.daily.conftest import FakePoster, set_up, simulate

UTC = dt.UTC
G = 21 << 22


async def _rows(app, guild=G) -> list[DailyPost]:
    async with app.sessions() as s:
        return list((await s.exec(select(DailyPost).where(DailyPost.guild_id == guild)
                                  .order_by(DailyPost.local_date))).all())


async def test_restart_during_the_answer_window_reveals_once(make_ctx, scheduler, clock,
                                                            poster, daily_app):
    first = scheduler(make_ctx(name="before"))
    await set_up(first.ctx, G, time="09:00", timezone="Europe/Paris")
    await first.start(run=False)
    await simulate(first, clock, dt.datetime(2026, 3, 23, 12, 0, tzinfo=UTC))
    [(_, content)] = poster.posts
    assert f"daily-reveal:{content.post_id}" in first.job_ids()
    old_runtime = first.runtime_id
    await first.shutdown()  # the process stops mid-window

    second = scheduler(make_ctx(name="after"))
    assert await second.start(run=False) == {}  # nothing to catch up: the post is out
    assert second.job_ids() == [f"daily-post:{G}", f"daily-reveal:{content.post_id}"]
    await simulate(second, clock, dt.datetime(2026, 3, 24, 7, 30, tzinfo=UTC))
    assert len(poster.posts) == 1 and len(poster.reveals) == 1
    at, reveal = poster.reveals[0]
    assert at == dt.datetime(2026, 3, 24, 7, 0, tzinfo=UTC)  # 1 h before the next 09:00 CET
    # a stale job of the old process, a repeated firing, or another start change nothing
    assert await reveal_job(old_runtime, content.post_id) is None
    assert await reveal_job(second.runtime_id, content.post_id) == "taken"
    third = scheduler(make_ctx(name="again"))
    await third.start(run=False)
    assert f"daily-reveal:{content.post_id}" not in third.job_ids()
    assert len(poster.reveals) == 1
    [row] = await _rows(daily_app)
    assert row.reveal_state == "done" and row.thread_id == 30_000 + row.id


async def test_missed_post_within_grace_is_made_on_start_up(make_ctx, scheduler, clock,
                                                             poster, daily_app):
    ctx = make_ctx()
    await set_up(ctx, G, time="09:00", timezone="UTC")  # grace: DAILY_GRACE_MINUTES = 120
    clock.set(dt.datetime(2026, 3, 23, 10, 45, tzinfo=UTC))  # the bot was down at 09:00
    ds = scheduler(ctx)
    assert await ds.start(run=False) == {"posted": 1}
    [(at, content)] = poster.posts
    assert at == clock.now() and content.local_date == dt.date(2026, 3, 23)
    assert (await ds.start(run=False)) == {}  # a second start owes nothing


async def test_missed_post_beyond_grace_is_recorded_as_missed(make_ctx, scheduler, clock,
                                                              poster, daily_app):
    ctx = make_ctx()
    await set_up(ctx, G, time="09:00", timezone="UTC")
    clock.set(dt.datetime(2026, 3, 25, 11, 30, tzinfo=UTC))  # down since Monday morning
    ds = scheduler(ctx)
    assert await ds.start(run=False) == {"missed": 3}  # Mon, Tue, Wed (2 h 30 > 2 h grace)
    assert poster.posts == []
    assert [r.status for r in await _rows(daily_app)] == ["missed"] * 3
    status = await schedules.status(ctx, G)
    assert status.last == (dt.date(2026, 3, 25), "missed")
    assert status.next_date == dt.date(2026, 3, 26)
    # a job firing late beyond grace (the loop was blocked) also records, never posts
    clock.set(dt.datetime(2026, 3, 26, 11, 30, tzinfo=UTC))
    assert await post_due(ctx, G) == "missed"
    assert poster.posts == []


async def test_per_server_grace_overrides_the_setting(make_ctx, scheduler, clock, poster,
                                                     daily_app):
    ctx = make_ctx()
    await set_up(ctx, G, time="09:00", timezone="UTC")
    async with daily_app.sessions() as s:
        (await s.get(DailySchedule, G)).grace_minutes = 15
        await s.commit()
    clock.set(dt.datetime(2026, 3, 23, 9, 20, tzinfo=UTC))
    assert await scheduler(ctx).start(run=False) == {"missed": 1}


async def test_a_claim_left_by_a_crash_is_taken_over_once(make_ctx, scheduler, clock,
                                                          poster, daily_app):
    ctx = make_ctx(name="crashed")
    await set_up(ctx, G, time="09:00", timezone="UTC")
    clock.set(dt.datetime(2026, 3, 23, 9, 0, tzinfo=UTC))
    from bot.daily.posting import claim

    async with daily_app.sessions() as s:
        row = await s.get(DailySchedule, G)
    assert await claim(ctx, row, dt.date(2026, 3, 23), clock.now()) is not None  # then dies
    clock.advance(minutes=1)
    assert await scheduler(make_ctx(name="early")).start(run=False) == {}  # lease not over
    clock.advance(minutes=5)
    assert await scheduler(make_ctx(name="later")).start(run=False) == {"posted": 1}
    assert len(poster.posts) == 1
    [post] = await _rows(daily_app)
    assert post.status == "posted" and post.claimed_by == "later"


async def test_deleted_channel_tells_admins_once_and_others_keep_posting(
        make_ctx, scheduler, clock, poster, daily_app):
    ctx = make_ctx()
    broken, fine = 31 << 22, 32 << 22
    await set_up(ctx, broken, channel_id=555, time="09:00", timezone="UTC")
    await set_up(ctx, fine, channel_id=666, time="09:00", timezone="UTC")
    poster.broken[555] = "channel_missing"
    ds = scheduler(ctx)
    await ds.start(run=False)
    await simulate(ds, clock, dt.datetime(2026, 3, 25, 12, 0, tzinfo=UTC))
    assert poster.posted_guilds() == [fine] * 3
    assert len(poster.notices) == 1
    guild, text = poster.notices[0]
    assert guild == broken and "channel no longer exists" in text and "/daily setup" in text
    assert [r.status for r in await _rows(daily_app, broken)] == ["failed"] * 3
    # fixed (a new channel): posting resumes; a later breakage is reported again
    await set_up(ctx, broken, channel_id=777, time="09:00", timezone="UTC")
    await ds.refresh(broken)
    await simulate(ds, clock, dt.datetime(2026, 3, 26, 12, 0, tzinfo=UTC))
    assert poster.posted_guilds().count(broken) == 1
    poster.broken[777] = "forbidden"
    await simulate(ds, clock, dt.datetime(2026, 3, 27, 12, 0, tzinfo=UTC))
    assert [g for g, _ in poster.notices] == [broken, broken]
    assert "missing permissions" in poster.notices[1][1]


async def test_rate_limits_are_waited_out_with_retry_after(make_ctx, clock, poster):
    ctx = make_ctx()
    await set_up(ctx, G, time="09:00", timezone="UTC")
    clock.set(dt.datetime(2026, 3, 23, 9, 0, tzinfo=UTC))
    poster.rate_limits = 2
    assert await post_due(ctx, G) == "posted"
    assert clock.slept == [1.5, 1.5] and len(poster.posts) == 1 and poster.notices == []


async def test_only_owned_shards_get_jobs(make_ctx, scheduler, daily_app):
    mine, theirs = (4 << 22) | 123, (5 << 22) | 456  # shard 0 and shard 1 of 2
    ctx = make_ctx(owns=lambda gid: (gid >> 22) % 2 == 0)
    await set_up(ctx, mine)
    await set_up(ctx, theirs)
    ds = scheduler(ctx)
    await ds.start(run=False)
    assert ds.job_ids() == [f"daily-post:{mine}"]
    assert await post_job(ds.runtime_id, theirs) == "not_owner"


async def test_two_schedulers_racing_on_postgres_post_exactly_once(postgres_url, clock):
    settings = load_settings(database_url=postgres_url, _env_file=None, discord_token=None)
    guilds = [(100 + i) << 22 for i in range(12)]
    async with open_app(settings) as app_a, open_app(settings) as app_b:
        poster_a, poster_b = FakePoster(clock), FakePoster(clock)
        ctx_a = DailyContext(app_a, poster_a, clock=clock, name="a")
        ctx_b = DailyContext(app_b, poster_b, clock=clock, name="b")
        for g in guilds:
            await set_up(ctx_a, g, time="09:00", timezone="Europe/Paris")
        one, two = DailyScheduler(ctx_a), DailyScheduler(ctx_b)
        await one.start(run=False)
        await two.start(run=False)
        try:
            clock.set(dt.datetime(2026, 3, 23, 8, 0, tzinfo=UTC))  # 09:00 in Paris
            rounds = []
            for _ in range(2):  # the same slot fires in both processes, then again
                rounds.append(await asyncio.gather(*(
                    post_job(ds.runtime_id, g) for g in guilds for ds in (one, two))))
            assert sorted(rounds[0]) == ["posted"] * len(guilds) + ["taken"] * len(guilds)
            assert set(rounds[1]) == {"taken"}
            posted = poster_a.posted_guilds() + poster_b.posted_guilds()
            assert sorted(posted) == sorted(guilds)  # exactly one post per server
            clock.set(dt.datetime(2026, 3, 24, 7, 0, tzinfo=UTC))
            async with app_a.sessions() as s:
                ids = list((await s.exec(select(DailyPost.id))).all())
            results = await asyncio.gather(*(reveal_due(c, i) for i in ids
                                             for c in (ctx_a, ctx_b)))
            assert results.count("revealed") == len(guilds)
            assert len(poster_a.reveals) + len(poster_b.reveals) == len(guilds)
        finally:
            await one.shutdown()
            await two.shutdown()


def test_the_shard_rule_matches_discords_routing():
    from bot.daily.shards import owner_of, shard_of

    guild = (12345 << 22) | 999  # the low 22 bits (worker, sequence) do not matter
    assert shard_of(guild, 8) == 12345 % 8 == 1
    settings = load_settings(_env_file=None, shard_ids="0-3", shard_count=8)
    assert owner_of(settings)(guild) and not owner_of(settings)(12349 << 22)  # shard 5
    assert owner_of(load_settings(_env_file=None))(guild)  # one process owns everything
