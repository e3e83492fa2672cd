"""Start-up catch-up, from rows alone: a slot missed while the bot was down is posted if
still within the grace period, otherwise recorded as missed; a claim left by a crashed
process is taken over (or recorded as missed) once it is stale, by the catch-up or by a
re-check the scheduler sets for when it goes stale; overdue reveals are made now."""

from __future__ import annotations

import datetime as dt
import logging

from sqlalchemy import update
from sqlmodel import select

from bot.daily.context import DailyContext, stale_at
from bot.daily.models import DailyPost, DailySchedule
from bot.daily.posting import post_for, record_missed, send_post, stale_claims, take_over_stale
from bot.daily.reveal import pending_reveals, reveal_due
from bot.daily.timing import aware, slots_between

log = logging.getLogger(__name__)
LOOKBACK = dt.timedelta(days=7)  # older gaps are not recorded one by one


async def catch_up_guild(ctx: DailyContext, schedule: DailySchedule) -> list[str]:
    """Bring one server up to date; returns what happened, oldest slot first."""
    now = ctx.clock.now()
    grace = ctx.grace(schedule)
    done: list[str] = []
    for post in await stale_claims(ctx, schedule.guild_id):
        if now - aware(post.scheduled_for) <= grace and await take_over_stale(ctx, post):
            done.append(await send_post(ctx, schedule, post))
        else:
            await _give_up(ctx, post)
            done.append("missed")
    since = max(aware(schedule.active_since), now - LOOKBACK)
    slots = slots_between(schedule, since, now)
    if not slots:
        return done
    async with ctx.app.sessions() as s:
        have = set((await s.exec(select(DailyPost.local_date).where(
            DailyPost.guild_id == schedule.guild_id,
            DailyPost.local_date >= slots[0][0]))).all())
    for i, (day, at) in enumerate(slots):
        if day in have:
            continue
        if i == len(slots) - 1 and now - at <= grace:
            done.append(await post_for(ctx, schedule, day, at))
        else:
            await record_missed(ctx, schedule, day, at)
            done.append("missed")
    return done


async def _give_up(ctx: DailyContext, post: DailyPost) -> None:
    async with ctx.app.sessions() as s:
        await s.exec(update(DailyPost).where(
            DailyPost.id == post.id, DailyPost.status == "claimed",
            DailyPost.claimed_at == post.claimed_at).values(status="missed"))
        await s.commit()


async def recheck_guild(ctx: DailyContext, guild_id: int) -> str:
    """The re-check job: catch one server up (a claim gone stale is taken over now)."""
    async with ctx.app.sessions() as s:
        schedule = await s.get(DailySchedule, guild_id)
    if schedule is None or schedule.paused or not ctx.owns(guild_id):
        return "inactive"
    return ",".join(await catch_up_guild(ctx, schedule)) or "nothing"


async def open_claims(ctx: DailyContext) -> list[tuple[int, dt.datetime]]:
    """(guild id, when the claim goes stale) of each post claimed but not yet sent or
    failed, for owned servers: a process killed between the send and the row update left
    it, and no job would look at it again."""
    async with ctx.app.sessions() as s:
        rows = (await s.exec(select(DailyPost.guild_id, DailyPost.claimed_at).where(
            DailyPost.status == "claimed"))).all()
    return [(gid, stale_at(at)) for gid, at in rows if ctx.owns(gid)]


async def owned_schedules(ctx: DailyContext) -> list[DailySchedule]:
    async with ctx.app.sessions() as s:
        rows = (await s.exec(select(DailySchedule))).all()
    return [r for r in rows if ctx.owns(r.guild_id)]


async def catch_up(ctx: DailyContext) -> dict[str, int]:
    """Catch every owned server up, then make overdue reveals. Counts what happened; one
    server's failure never stops the others."""
    tally: dict[str, int] = {}
    for schedule in await owned_schedules(ctx):
        if schedule.paused:
            continue
        try:
            outcomes = await catch_up_guild(ctx, schedule)
        except Exception:
            log.exception("catch-up failed for guild %s", schedule.guild_id)
            outcomes = ["error"]
        for outcome in outcomes:
            tally[outcome] = tally.get(outcome, 0) + 1
    now = ctx.clock.now()
    for post_id, _guild, at in await pending_reveals(ctx):
        if at <= now:
            try:
                outcome = await reveal_due(ctx, post_id)
            except Exception:
                log.exception("catch-up reveal failed for post %s", post_id)
                outcome = "error"
            tally[outcome] = tally.get(outcome, 0) + 1
    return tally
