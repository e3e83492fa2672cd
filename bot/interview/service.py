"""The interviewer: start, answer, probe, hint, skip, end — persisted after every step,
so a session resumes exactly where it was after a restart.

Grading happens outside any transaction; the transition is then written with an
optimistic lock on ``Interview.version``, so a double submission is recorded once.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Awaitable, Callable

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import select

from bot.app import App
from bot.bank import Bank, Probe, Question
from bot.bank.server import is_server_question, server_question
from bot.errors import UserFacingError
from bot.interview.models import Interview, InterviewTurn
from bot.interview.policy import choose_probe, resolve_probe, standing_after_probe
from bot.interview.report import build_report
from bot.interview.select import pick_scoped
from bot.interview.steps import Ask, Feedback, GradeLike, Outcome, ProbeAsk, ReportCard
from bot.ratelimit import RateLimiter
from bot.review.calibration import check_confidence
from bot.review.serve import due_titles
from bot.store import ensure_guild, ensure_user
from bot.store.models import utcnow

MAX_ANSWER = 5000
Grader = Callable[[Question, Probe | None, str], Awaitable[GradeLike]]
Recorder = Callable[..., Awaitable[object]]


def clean_answer(text: str | None) -> str:
    """The answer as it will be graded, or a friendly error for empty / over-long text."""
    text = (text or "").strip()
    if not text:
        raise UserFacingError("Your answer is empty. Write it out, then send it.")
    if len(text) > MAX_ANSWER:
        raise UserFacingError(f"Your answer is {len(text):,} characters long; the limit is "
                              f"{MAX_ANSWER:,}. Tighten it and send it again.")
    return text


async def active_interview(app: App, user_id: int) -> Interview | None:
    """The user's running interview, if any (one at a time)."""
    async with app.sessions() as s:
        query = select(Interview).where(Interview.user_id == user_id, Interview.state == "active")
        return (await s.exec(query.order_by(Interview.id.desc()))).first()


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


class InterviewService:
    def __init__(self, app: App, grader: Grader, *, recorder: Recorder | None = None,
                 clock: Callable[[], dt.datetime] = utcnow, rng: random.Random | None = None,
                 limiter: RateLimiter | None = None):
        self.app = app
        self.grader = grader
        self.recorder = recorder
        self.limiter = limiter  # per-user grading cooldown (bot.ratelimit)
        self.clock = clock
        self.rng = rng or random.Random()
        self._server: dict[str, Question] = {}  # server questions of loaded interviews

    # -- reading ------------------------------------------------------------------------
    async def active_for(self, user_id: int) -> Interview | None:
        return await active_interview(self.app, user_id)

    async def current(self, interview_id: int, user_id: int) -> Ask:
        """What the candidate must answer now (to re-render after a restart)."""
        return self._ask(await self._load_active(interview_id, user_id))

    async def report(self, interview_id: int) -> ReportCard:
        async with self.app.sessions() as s:
            interview = await s.get(Interview, interview_id)
            if interview is None:
                raise UserFacingError("I can't find that interview.")
            turns = (await s.exec(select(InterviewTurn).where(
                InterviewTurn.interview_id == interview_id))).all()
        await self._resolve(interview)
        bank = Bank([*self.app.bank, *self._server.values()])
        due = await due_titles(self.app, user_id=interview.user_id, guild_id=interview.guild_id,
                               now=self.clock())
        return build_report(interview_id, json.loads(interview.question_ids), list(turns), bank,
                            due_reviews=due)

    # -- actions ------------------------------------------------------------------------
    async def check_can_start(self, user_id: int) -> None:
        """Raise if the user already has a live interview (before any side effect)."""
        existing = await self.active_for(user_id)
        if existing is not None and not self._idle(existing):
            raise UserFacingError("You already have an interview running. Answer it, or end it "
                                  "with /interview end before starting another.")

    async def start(self, *, user_id: int, user_name: str = "", guild_id: int | None = None,
                    guild_name: str = "", channel_id: int | None = None,
                    section: str | None = None, length: int = 3,
                    difficulty: int | None = None) -> Outcome:
        await self.check_can_start(user_id)
        existing = await self.active_for(user_id)
        if existing is not None:
            await self._expire(existing)
        questions = await pick_scoped(self.app, guild_id, section=section,
                                      difficulty=difficulty, length=length, rng=self.rng)
        self._server.update((q.id, q) for q in questions if is_server_question(q.id))
        settings = self.app.settings
        async with self.app.sessions() as s:
            await ensure_user(s, user_id=user_id, name=user_name)
            max_probes = 2
            if guild_id is not None:
                guild = await ensure_guild(s, guild_id=guild_id, name=guild_name,
                                           timezone=settings.default_timezone)
                max_probes = guild.max_probes
            now = self.clock()
            interview = Interview(
                user_id=user_id, guild_id=guild_id, channel_id=channel_id, section=section,
                difficulty=difficulty, question_ids=json.dumps([q.id for q in questions]),
                max_probes=max_probes,
                question_limit_s=settings.interview_question_minutes * 60,
                idle_limit_s=int(settings.interview_idle_hours * 3600),
                question_started_at=now, last_activity_at=now, created_at=now,
            )
            s.add(interview)
            await s.commit()
        return Outcome(next=self._ask(interview))

    async def set_channel(self, interview_id: int, channel_id: int) -> None:
        async with self.app.sessions() as s:
            await s.exec(update(Interview).where(Interview.id == interview_id)
                         .values(channel_id=channel_id))
            await s.commit()

    async def answer(self, *, interview_id: int, user_id: int, text: str,
                     confidence: float | None = None) -> Outcome:
        text = clean_answer(text)
        confidence = check_confidence(confidence)
        interview = await self._load_active(interview_id, user_id)
        if self._timed_out(interview):
            return await self._advance(interview, skipped=True, text="",
                                       notice="Time was up for that question; moving on.")
        question, probe = self._pending(interview)
        if self.limiter is not None:
            self.limiter.acquire(user_id)  # a friendly Cooldown; nothing is written
        grade = await self.grader(question, probe, text)
        return await self._advance(interview, grade=grade, text=text, probe=probe,
                                   confidence=confidence)

    async def skip(self, *, interview_id: int, user_id: int) -> Outcome:
        interview = await self._load_active(interview_id, user_id)
        return await self._advance(interview, skipped=True, text="",
                                   notice="Skipped. It will show as 0 on your report.")

    async def hint(self, *, interview_id: int, user_id: int) -> str:
        interview = await self._load_active(interview_id, user_id)
        question, probe = self._pending(interview)
        if probe is not None:
            raise UserFacingError("Hints are for the main question; for a follow-up, answer "
                                  "what you can.")
        if interview.hints_used >= len(question.hints):
            raise UserFacingError("No more hints for this question." if question.hints
                                  else "This question has no hints.")
        hint = question.hints[interview.hints_used]
        async with self.app.sessions() as s:
            result = await s.exec(update(Interview).where(
                Interview.id == interview.id, Interview.version == interview.version,
            ).values(hints_used=interview.hints_used + 1, version=interview.version + 1,
                     last_activity_at=self.clock()))
            await s.commit()
        if result.rowcount != 1:
            raise UserFacingError("The interview moved on meanwhile; ask for a hint again.")
        return f"Hint {interview.hints_used + 1}/{len(question.hints)} (costs points): {hint}"

    async def end(self, *, interview_id: int, user_id: int) -> Outcome:
        interview = await self._load_active(interview_id, user_id)
        await self._finish(interview, state="finished")
        return Outcome(report=await self.report(interview.id))

    # -- internals ----------------------------------------------------------------------
    async def _load_active(self, interview_id: int, user_id: int) -> Interview:
        async with self.app.sessions() as s:
            interview = await s.get(Interview, interview_id)
        if interview is None:
            raise UserFacingError("I can't find that interview. Start one with /interview start.")
        if interview.user_id != user_id:
            raise UserFacingError("This interview belongs to someone else; start your own "
                                  "with /interview start.")
        if interview.state != "active":
            raise UserFacingError(f"This interview has {interview.state}. Start a new one with "
                                  "/interview start.")
        if self._idle(interview):
            await self._expire(interview)
            hours = interview.idle_limit_s / 3600
            raise UserFacingError(f"This interview expired after {hours:g} h without activity. "
                                  "Start a new one with /interview start.")
        await self._resolve(interview)
        return interview

    async def _resolve(self, interview: Interview) -> None:
        """Load the interview's server questions fresh, for the lookups below; it keeps
        them even if an admin removes one meanwhile."""
        for key in self._questions(interview):
            if is_server_question(key) and interview.guild_id is not None:
                found = await server_question(self.app, interview.guild_id, key, retired=True)
                if found is not None:
                    self._server[key] = found

    def _idle(self, interview: Interview) -> bool:
        idle = self.clock() - _aware(interview.last_activity_at)
        return idle.total_seconds() > interview.idle_limit_s

    def _timed_out(self, interview: Interview) -> bool:
        spent = self.clock() - _aware(interview.question_started_at)
        return spent.total_seconds() > interview.question_limit_s

    def _questions(self, interview: Interview) -> list[str]:
        return json.loads(interview.question_ids)

    def _pending(self, interview: Interview) -> tuple[Question, Probe | None]:
        key = self._questions(interview)[interview.current_index]
        question = self._server.get(key) or self.app.bank.get(key)
        if interview.pending_probe is None:
            return question, None
        return question, resolve_probe(question, interview.pending_probe)

    def _ask(self, interview: Interview) -> Ask:
        ids = self._questions(interview)
        question, probe = self._pending(interview)
        probe_ask = None
        if probe is not None:
            probe_ask = ProbeAsk(id=probe.id, kind=probe.kind, prompt=probe.prompt, why="")
        return Ask(interview_id=interview.id, question_number=interview.current_index + 1,
                   total=len(ids), question_id=question.id, title=question.title,
                   prompt=probe.prompt if probe else question.prompt, probe=probe_ask)

    async def _question_so_far(self, interview: Interview) -> tuple[set[str], dict | None]:
        """Probes already answered for the current question, and the main answer's grade."""
        async with self.app.sessions() as s:
            turns = (await s.exec(select(InterviewTurn).where(
                InterviewTurn.interview_id == interview.id,
                InterviewTurn.question_index == interview.current_index))).all()
        main = next((t for t in turns if t.step == 0), None)
        result = json.loads(main.result) if main is not None and main.result else None
        return {t.probe_id for t in turns if t.probe_id}, result

    async def _advance(self, interview: Interview, *, text: str, grade: GradeLike | None = None,
                       probe: Probe | None = None, skipped: bool = False,
                       notice: str | None = None, confidence: float | None = None) -> Outcome:
        question, pending = self._pending(interview)
        probe = probe or pending
        next_probe: ProbeAsk | None = None
        if grade is not None:
            standing: GradeLike = grade
            asked, main_result = await self._question_so_far(interview)
            if probe is not None:
                answered = [p for p in (resolve_probe(question, a) for a in asked | {probe.id}) if p]
                standing = standing_after_probe(main_result, answered, grade)
            next_probe = choose_probe(question, standing, text, asked=asked | (
                {probe.id} if probe else set()), probes_asked=interview.probes_asked,
                max_probes=interview.max_probes)
        ids = self._questions(interview)
        last_question = interview.current_index + 1 >= len(ids)
        now = self.clock()
        values: dict = {"version": interview.version + 1, "last_activity_at": now,
                        "question_started_at": now}
        if next_probe is not None:
            values |= {"pending_probe": next_probe.id, "probes_asked": interview.probes_asked + 1}
        elif not last_question:
            values |= {"current_index": interview.current_index + 1, "pending_probe": None,
                       "probes_asked": 0, "hints_used": 0}
        else:
            values |= {"state": "finished", "finished_at": now, "pending_probe": None}
        turn = InterviewTurn(
            interview_id=interview.id, question_index=interview.current_index,
            step=interview.probes_asked if probe else 0, question_id=question.id,
            probe_id=probe.id if probe else None, probe_kind=probe.kind if probe else None,
            prompt=probe.prompt if probe else question.prompt, answer=text, skipped=skipped,
            score=grade.score if grade else 0, band=grade.band if grade else "weak",
            hints_used=interview.hints_used,
            result=json.dumps(grade.to_dict(), default=str) if grade else None, created_at=now,
        )
        async with self.app.sessions() as s:
            try:
                s.add(turn)
                await s.flush()
                moved = await s.exec(update(Interview).where(
                    Interview.id == interview.id, Interview.version == interview.version,
                ).values(**values))
                if moved.rowcount != 1:
                    raise IntegrityError("interview moved on", None, ValueError())
                recorded = None
                if grade is not None and self.recorder is not None:
                    recorded = await self.recorder(
                        s, user_id=interview.user_id, guild_id=interview.guild_id,
                        question_id=question.id, question_hash=question.content_hash(),
                        kind="probe" if probe else "interview", answer=text, score=grade.score,
                        band=grade.band, hints_used=interview.hints_used,
                        probes_answered=1 if probe else 0, now=now, confidence=confidence,
                        missed=list(grade.missed or []))
                    turn.attempt_id = getattr(recorded, "attempt_id", None)
                await s.commit()
            except IntegrityError:
                await s.rollback()
                raise UserFacingError("That answer was already recorded; the interview has "
                                      "moved on.") from None
            fresh = await s.get(Interview, interview.id)
        feedback = Feedback.from_grade(grade, recorded) if grade else None
        if fresh.state == "finished":
            return Outcome(feedback=feedback, report=await self.report(interview.id),
                           notice=notice)
        ask = self._ask(fresh)
        if next_probe is not None:
            ask = Ask(**{**ask.__dict__, "probe": next_probe})
        return Outcome(feedback=feedback, next=ask, notice=notice)

    async def _finish(self, interview: Interview, *, state: str) -> None:
        async with self.app.sessions() as s:
            await s.exec(update(Interview).where(Interview.id == interview.id).values(
                state=state, finished_at=self.clock(), version=interview.version + 1))
            await s.commit()

    async def _expire(self, interview: Interview) -> None:
        await self._finish(interview, state="expired")

