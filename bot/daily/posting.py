"""Posting a server's daily question exactly once.

The INSERT of the ``daily_posts`` row keyed (server, local date) decides who posts: of two
processes (or two jobs) racing, one insert succeeds and the other gets an integrity error
and does nothing. The winner then sends through the poster and records the result. A claim
left behind by a crash is stale after ``CLAIM_LEASE`` and may be taken over by a
conditional UPDATE; the Discord poster sends with a nonce derived from the post id
(``enforce_nonce``), so a re-send within Discord's nonce window returns the first message
instead of posting twice.
"""

from __future__ import annotations

import datetime as dt
import inspect
import logging

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import select

from bot.ask import card_for
from bot.daily.context import CLAIM_LEASE, SEND_ATTEMPTS, DailyContext
from bot.daily.models import DailyPost, DailySchedule
from bot.daily.notices import clear_notice, tell_admins_once
from bot.daily.ports import PostContent, PostError
from bot.daily.select import eligible, pick_question, question_for
from bot.daily.timing import aware, latest_slot, reveal_time

log = logging.getLogger(__name__)


async def load_schedule(ctx: DailyContext, guild_id: int) -> DailySchedule | None:
    async with ctx.app.sessions() as s:
        return await s.get(DailySchedule, guild_id)


async def post_due(ctx: DailyContext, guild_id: int) -> str:
    """The scheduled job: post the slot that is due now, if this process should.

    Returns what happened: ``posted``, ``taken`` (someone else has the row), ``missed``,
    ``failed``, ``paused``, ``inactive``, ``not_owner`` or ``not_due``."""
    if not ctx.owns(guild_id):
        return "not_owner"
    schedule = await load_schedule(ctx, guild_id)
    if schedule is None:
        return "inactive"
    if schedule.paused:
        return "paused"
    now = ctx.clock.now()
    slot = latest_slot(schedule, now)
    if slot is None or slot[1] <= aware(schedule.active_since):
        return "not_due"
    local_date, at = slot
    if now - at > ctx.grace(schedule):
        await record_missed(ctx, schedule, local_date, at)
        return "missed"
    return await post_for(ctx, schedule, local_date, at)


async def post_for(ctx: DailyContext, schedule: DailySchedule, local_date: dt.date,
                   scheduled_for: dt.datetime) -> str:
    post = await claim(ctx, schedule, local_date, scheduled_for)
    if post is None:
        return "taken"
    return await send_post(ctx, schedule, post)


async def claim(ctx: DailyContext, schedule: DailySchedule, local_date: dt.date,
                scheduled_for: dt.datetime) -> DailyPost | None:
    """Insert the row for (server, local date); None if it already exists."""
    now = ctx.clock.now()
    pool = await eligible(ctx.app, schedule.guild_id, schedule.section_list())
    async with ctx.app.sessions() as s:  # one connection per job: nothing nested inside
        question = await pick_question(s, pool, guild_id=schedule.guild_id,
                                       local_date=local_date)
        post = DailyPost(
            guild_id=schedule.guild_id, local_date=local_date, scheduled_for=scheduled_for,
            claimed_at=now, claimed_by=ctx.name, channel_id=schedule.channel_id,
            status="claimed" if question else "failed",
            error_kind=None if question else "no_questions",
            question_id=question.id if question else None,
            question_hash=question.content_hash() if question else None,
            section=question.section if question else None)
        s.add(post)
        try:
            await s.commit()
        except IntegrityError:
            await s.rollback()
            return None
    if question is None:
        await tell_admins_once(ctx, schedule.guild_id, "no_questions", schedule.channel_id)
        return None
    return post


async def record_missed(ctx: DailyContext, schedule: DailySchedule, local_date: dt.date,
                        scheduled_for: dt.datetime) -> bool:
    """Record a slot that passed beyond the grace period (no-op if it has a row)."""
    async with ctx.app.sessions() as s:
        s.add(DailyPost(guild_id=schedule.guild_id, local_date=local_date, status="missed",
                        scheduled_for=scheduled_for, claimed_at=ctx.clock.now(),
                        claimed_by=ctx.name, channel_id=schedule.channel_id))
        try:
            await s.commit()
        except IntegrityError:
            await s.rollback()
            return False
    log.info("daily post for guild %s on %s missed (beyond grace)", schedule.guild_id,
             local_date)
    return True


async def content_for(ctx: DailyContext, post: DailyPost, reveal_at: dt.datetime
                      ) -> PostContent:
    question = await question_for(ctx.app, post.question_id, post.guild_id)
    return PostContent(post_id=post.id, guild_id=post.guild_id, channel_id=post.channel_id,
                       local_date=post.local_date, card=card_for(question), reveal_at=reveal_at,
                       answer_count=post.answer_count, hints=len(question.hints))


async def live_content(ctx: DailyContext, post_id: int) -> PostContent | None:
    """The post as it should look now (with its current answer count), if it is out."""
    async with ctx.app.sessions() as s:
        post = await s.get(DailyPost, post_id)
    if post is None or post.status != "posted" or post.message_id is None:
        return None
    return await content_for(ctx, post, aware(post.reveal_at or ctx.clock.now()))


async def message_of(ctx: DailyContext, post_id: int) -> tuple[int, int] | None:
    """(channel id, message id) of a sent post."""
    async with ctx.app.sessions() as s:
        post = await s.get(DailyPost, post_id)
    if post is None or post.message_id is None or post.channel_id is None:
        return None
    return post.channel_id, post.message_id


async def send_post(ctx: DailyContext, schedule: DailySchedule, post: DailyPost) -> str:
    """Send a claimed post and record the outcome (posted, or failed with a kind)."""
    now = ctx.clock.now()
    reveal_at = reveal_time(schedule, local_date=post.local_date, posted_at=now)
    try:
        content = await content_for(ctx, post, reveal_at)
        sent = await send_with_retries(ctx, lambda: ctx.poster.post(content))
    except PostError as exc:
        await _finish(ctx, post.id, status="failed", error_kind=exc.kind)
        log.warning("daily post %s for guild %s failed: %s", post.id, post.guild_id, exc)
        await tell_admins_once(ctx, post.guild_id, exc.kind, post.channel_id)
        return "failed"
    posted_at = ctx.clock.now()
    await _finish(ctx, post.id, status="posted", message_id=sent.message_id,
                  posted_at=posted_at, reveal_at=reveal_at, reveal_state="pending")
    await clear_notice(ctx, post.guild_id)
    if ctx.on_posted is not None:
        result = ctx.on_posted(post.id, reveal_at)
        if inspect.isawaitable(result):
            await result
    return "posted"


async def send_with_retries(ctx: DailyContext, send):
    """Call ``send()``; on a rate limit wait ``retry_after`` (via the clock) and try again."""
    for attempt in range(1, SEND_ATTEMPTS + 1):
        try:
            return await send()
        except PostError as exc:
            if exc.kind != "rate_limited" or attempt == SEND_ATTEMPTS:
                raise
            await ctx.clock.sleep(exc.retry_after if exc.retry_after else 2.0 ** attempt)
    raise AssertionError("unreachable")


async def _finish(ctx: DailyContext, post_id: int, **values) -> None:
    async with ctx.app.sessions() as s:
        await s.exec(update(DailyPost).where(DailyPost.id == post_id).values(**values))
        await s.commit()


async def take_over_stale(ctx: DailyContext, post: DailyPost) -> bool:
    """Take a stale claim (its process died mid-send): a conditional UPDATE, so only one
    taker wins."""
    now = ctx.clock.now()
    async with ctx.app.sessions() as s:
        result = await s.exec(update(DailyPost).where(
            DailyPost.id == post.id, DailyPost.status == "claimed",
            DailyPost.claimed_at == post.claimed_at,
        ).values(claimed_at=now, claimed_by=ctx.name))
        await s.commit()
    return result.rowcount == 1


async def stale_claims(ctx: DailyContext, guild_id: int) -> list[DailyPost]:
    cutoff = ctx.clock.now() - CLAIM_LEASE
    async with ctx.app.sessions() as s:
        rows = await s.exec(select(DailyPost).where(
            DailyPost.guild_id == guild_id, DailyPost.status == "claimed",
            DailyPost.claimed_at < cutoff))
        return list(rows.all())
