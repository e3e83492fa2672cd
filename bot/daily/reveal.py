"""The reveal at the end of a post's answer window: the reference answer, the share of
correct answers, the first correct answerers who opted in, the week's top 5, and the
discussion thread. Claimed by a conditional UPDATE (pending -> claimed), so it happens once
even when a restart re-adds the job or two processes race."""

from __future__ import annotations

import datetime as dt
import logging

from sqlalchemy import and_, func, or_, update
from sqlmodel import select

from bot.ask import card_for
from bot.daily.context import CLAIM_LEASE, DailyContext, stale_at
from bot.daily.models import DailyCredit, DailyEntry, DailyPost
from bot.daily.notices import tell_admins_once
from bot.daily.ports import BoardLine, PostError, RevealContent
from bot.daily.posting import send_with_retries
from bot.daily.select import question_for
from bot.daily.timing import aware
from bot.store.models import User

log = logging.getLogger(__name__)
FIRST_CORRECT = 3  # how many first correct answerers a reveal names
WEEK_TOP = 5


async def reveal_due(ctx: DailyContext, post_id: int) -> str:
    """The reveal job: ``revealed``, ``taken`` (done or in progress elsewhere), ``not_due``,
    ``failed`` or ``not_owner``."""
    async with ctx.app.sessions() as s:
        post = await s.get(DailyPost, post_id)
    if post is None or post.status != "posted":
        return "taken"
    if not ctx.owns(post.guild_id):
        return "not_owner"
    now = ctx.clock.now()
    if post.reveal_at is None or aware(post.reveal_at) > now:
        return "not_due"
    if not await _claim(ctx, post_id, now):
        return "taken"
    try:
        content = await build_reveal(ctx, post, now)
        sent = await send_with_retries(ctx, lambda: ctx.poster.reveal(content))
    except PostError as exc:
        await _set(ctx, post_id, reveal_state="failed", error_kind=exc.kind)
        log.warning("reveal of daily post %s failed: %s", post_id, exc)
        await tell_admins_once(ctx, post.guild_id, exc.kind, post.channel_id)
        return "failed"
    await _set(ctx, post_id, reveal_state="done", revealed_at=ctx.clock.now(),
               thread_id=sent.thread_id)
    return "revealed"


async def _claim(ctx: DailyContext, post_id: int, now: dt.datetime) -> bool:
    stale = now - CLAIM_LEASE
    async with ctx.app.sessions() as s:
        result = await s.exec(update(DailyPost).where(
            DailyPost.id == post_id,
            or_(DailyPost.reveal_state == "pending",
                and_(DailyPost.reveal_state == "claimed", DailyPost.reveal_claimed_at < stale)),
        ).values(reveal_state="claimed", reveal_claimed_at=now))
        await s.commit()
    return result.rowcount == 1


async def _set(ctx: DailyContext, post_id: int, **values) -> None:
    async with ctx.app.sessions() as s:
        await s.exec(update(DailyPost).where(DailyPost.id == post_id).values(**values))
        await s.commit()


async def build_reveal(ctx: DailyContext, post: DailyPost, now: dt.datetime) -> RevealContent:
    question = await question_for(ctx.app, post.question_id, post.guild_id)
    async with ctx.app.sessions() as s:
        answered, correct = (await s.exec(
            select(func.count(DailyEntry.id), func.count(DailyEntry.id).filter(DailyEntry.correct))
            .where(DailyEntry.post_id == post.id, DailyEntry.answered_at.is_not(None)))).one()
        names = (await s.exec(
            select(User.name).select_from(DailyEntry)
            .join(DailyCredit, DailyCredit.user_id == DailyEntry.user_id)
            .join(User, User.id == DailyEntry.user_id)
            .where(DailyEntry.post_id == post.id, DailyEntry.correct, DailyCredit.opted_in)
            .order_by(DailyEntry.answered_at, DailyEntry.id).limit(FIRST_CORRECT))).all()
        top = await week_top(s, guild_id=post.guild_id, now=now)
    return RevealContent(
        post_id=post.id, guild_id=post.guild_id, channel_id=post.channel_id,
        message_id=post.message_id, local_date=post.local_date, card=card_for(question),
        reference=question.reference, answer_count=answered, correct_count=correct,
        first_correct=[n or "someone" for n in names], week_top=top,
        thread_name=f"Daily {post.local_date.isoformat()} · {question.title}"[:100])


async def week_top(session, *, guild_id: int, now: dt.datetime) -> list[BoardLine] | None:
    """The week's top 5 from the scoring leaderboard; None while it is not installed."""
    try:
        from bot.scoring.boards import leaderboard
    except ImportError:
        return None
    board = await leaderboard(session, guild_id=guild_id, period="week", now=now, limit=WEEK_TOP)
    return [BoardLine(rank=r.rank, name=r.name, points=r.points) for r in board.rows]


async def pending_reveals(ctx: DailyContext) -> list[tuple[int, int, dt.datetime]]:
    """(post id, guild id, when it can be made) of every reveal not done yet, for owned
    servers: its reveal time, or for a claim (its process may have died mid-send) the
    moment that claim goes stale."""
    async with ctx.app.sessions() as s:
        rows = (await s.exec(select(DailyPost.id, DailyPost.guild_id, DailyPost.reveal_at,
                                    DailyPost.reveal_state, DailyPost.reveal_claimed_at).where(
            DailyPost.status == "posted",
            DailyPost.reveal_state.in_(("pending", "claimed"))))).all()
    out = []
    for pid, gid, at, state, claimed_at in rows:
        if not ctx.owns(gid):
            continue
        at = aware(at)
        if state == "claimed" and claimed_at is not None:
            at = max(at, stale_at(claimed_at))
        out.append((pid, gid, at))
    return out
