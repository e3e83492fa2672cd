"""Answering a daily post: graded privately, the first graded answer per person is the one
that counts (share of correct answers, points), a follow-up offered after it; hints; the
credit opt-in; and a throttle for the live answer count on the post."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import select

from bot.daily.clock import Clock, SystemClock
from bot.daily.models import DailyCredit, DailyEntry, DailyPost
from bot.daily.select import question_for
from bot.errors import UserFacingError
from bot.interview.policy import choose_probe, resolve_probe
from bot.interview.service import Grader, Recorder, clean_answer
from bot.interview.steps import Feedback, ProbeAsk
from bot.store import ensure_guild, ensure_user

CORRECT_AT = 75  # a daily answer is "correct" when graded strong (score >= 75)
CLOSED = ("Answers to this daily question are closed: the reference answer is in the "
          "reveal below it. The next question comes at the scheduled time.")


@dataclass(frozen=True)
class DailyAnswerResult:
    post_id: int
    question_id: str
    feedback: Feedback
    probe: ProbeAsk | None
    first: bool  # the first graded answer of this person to this post (the one that counts)
    answer_count: int
    credited: bool  # whether this person opted in to be named in reveals


class DailyAnswers:
    def __init__(self, app, grader: Grader, *, recorder: Recorder | None = None,
                 clock: Clock | None = None, limiter=None):
        self.app = app
        self.grader = grader
        self.recorder = recorder
        self.clock = clock or SystemClock()
        self.limiter = limiter

    async def open_post(self, post_id: int) -> DailyPost:
        """The post if it still takes answers, else a friendly error."""
        async with self.app.sessions() as s:
            post = await s.get(DailyPost, post_id)
        if post is None or post.status != "posted" or post.question_id is None:
            raise UserFacingError("I can't find that daily question any more.")
        if post.reveal_state != "pending":
            raise UserFacingError(CLOSED)
        return post

    async def answer(self, *, post_id: int, user_id: int, text: str, user_name: str = "",
                     guild_name: str = "", probe_id: str | None = None) -> DailyAnswerResult:
        text = clean_answer(text)
        async with self.app.sessions() as s:
            post = await s.get(DailyPost, post_id)
        if post is None or post.question_id is None:
            raise UserFacingError("I can't find that daily question any more.")
        if probe_id is None:
            post = await self.open_post(post_id)
        question = await question_for(self.app, post.question_id, post.guild_id)
        probe = None
        if probe_id is not None:
            probe = resolve_probe(question, probe_id)
            if probe is None:
                raise UserFacingError("That follow-up no longer exists.")
        if self.limiter is not None:
            self.limiter.acquire(user_id)
        grade = await self.grader(question, probe, text)
        now = self.clock.now()
        first = False
        async with self.app.sessions() as s:
            await ensure_user(s, user_id=user_id, name=user_name)
            await ensure_guild(s, guild_id=post.guild_id, name=guild_name,
                               timezone=self.app.settings.default_timezone)
            entry = await _entry(s, post_id, user_id)
            recorded = None
            if self.recorder is not None:
                recorded = await self.recorder(
                    s, user_id=user_id, guild_id=post.guild_id, question_id=question.id,
                    question_hash=post.question_hash or question.content_hash(),
                    kind="probe" if probe else "daily", answer=text, score=grade.score,
                    band=grade.band, hints_used=entry.hints_used if entry else 0,
                    probes_answered=1 if probe else 0,
                    daily_post_id=None if probe else post_id, now=now,
                    missed=list(getattr(grade, "missed", None) or []))
            if probe is None:
                first = await _mark_first(s, post_id, user_id, entry, grade, now)
            await s.commit()
        async with self.app.sessions() as s:
            count = (await s.get(DailyPost, post_id)).answer_count
            credit = await s.get(DailyCredit, user_id)
        feedback = Feedback.from_grade(grade, recorded)
        follow = None
        if probe is None:
            follow = choose_probe(question, grade, text, asked=set(), probes_asked=0,
                                  max_probes=1)
        return DailyAnswerResult(post_id=post_id, question_id=question.id, feedback=feedback,
                                 probe=follow, first=first, answer_count=count,
                                 credited=bool(credit and credit.opted_in))

    async def hint(self, *, post_id: int, user_id: int, user_name: str = "") -> str:
        post = await self.open_post(post_id)
        question = await question_for(self.app, post.question_id, post.guild_id)
        if not question.hints:
            raise UserFacingError("This question has no hints.")
        async with self.app.sessions() as s:
            await ensure_user(s, user_id=user_id, name=user_name)
            entry = await _entry(s, post_id, user_id)
            if entry is None:
                entry = DailyEntry(post_id=post_id, user_id=user_id, created_at=self.clock.now())
                s.add(entry)
            if entry.answered_at is not None:
                used = min(entry.hints_used, len(question.hints) - 1)
                await s.rollback()
                return f"Hint: {question.hints[used]} (you have answered already; no cost)"
            if entry.hints_used >= len(question.hints):
                await s.rollback()
                raise UserFacingError("No more hints for this question.")
            entry.hints_used += 1
            used = entry.hints_used
            try:
                await s.commit()
            except IntegrityError:
                raise UserFacingError("Press Hint again, please.") from None
        return f"Hint {used}/{len(question.hints)} (costs points): {question.hints[used - 1]}"

    async def set_credit(self, *, user_id: int, opted_in: bool, user_name: str = "") -> bool:
        """Opt in (or out) of being named among the first correct answerers."""
        async with self.app.sessions() as s:
            await ensure_user(s, user_id=user_id, name=user_name)
            row = await s.get(DailyCredit, user_id)
            if row is None:
                row = DailyCredit(user_id=user_id)
                s.add(row)
            row.opted_in, row.updated_at = opted_in, self.clock.now()
            await s.commit()
        return opted_in


async def _entry(session, post_id: int, user_id: int) -> DailyEntry | None:
    return (await session.exec(select(DailyEntry).where(
        DailyEntry.post_id == post_id, DailyEntry.user_id == user_id))).first()


async def _mark_first(session, post_id: int, user_id: int, entry: DailyEntry | None, grade,
                      now: dt.datetime) -> bool:
    """Record this as the person's counted answer unless they already have one; the
    conditional UPDATE (or the unique insert) makes a double submission count once."""
    values = dict(score=grade.score, band=grade.band, correct=grade.score >= CORRECT_AT
                  and grade.band == "strong", answered_at=now)
    if entry is None:
        entry = DailyEntry(post_id=post_id, user_id=user_id, created_at=now, **values)
        try:
            async with session.begin_nested():
                session.add(entry)
        except IntegrityError:
            return False
        won = True
    else:
        result = await session.exec(update(DailyEntry).where(
            DailyEntry.id == entry.id, DailyEntry.answered_at.is_(None)).values(**values))
        won = result.rowcount == 1
    if won:
        await session.exec(update(DailyPost).where(DailyPost.id == post_id).values(
            answer_count=DailyPost.answer_count + 1))
    return won


class CountThrottle:
    """At most one count edit per post every ``interval`` seconds; the last change is
    never lost (a trailing edit is scheduled)."""

    def __init__(self, clock: Clock, interval: float = 10.0):
        self.clock = clock
        self.interval = interval
        self._last: dict[int, dt.datetime] = {}
        self._pending: dict[int, asyncio.Task] = {}

    async def bump(self, post_id: int, edit: Callable[[], Awaitable[None]]) -> bool:
        """Edit now if allowed (True), else make sure a trailing edit is queued (False)."""
        now = self.clock.now()
        last = self._last.get(post_id)
        if last is None or (now - last).total_seconds() >= self.interval:
            self._last[post_id] = now
            await edit()
            return True
        if post_id not in self._pending:
            wait = self.interval - (now - last).total_seconds()
            self._pending[post_id] = asyncio.create_task(self._later(post_id, wait, edit))
        return False

    async def _later(self, post_id: int, wait: float, edit) -> None:
        try:
            await self.clock.sleep(wait)
            self._last[post_id] = self.clock.now()
            await edit()
        finally:
            self._pending.pop(post_id, None)

    async def drain(self) -> None:
        for task in list(self._pending.values()):
            await task
