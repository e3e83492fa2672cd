"""One-off drills: answer a posted question, get a private grade and one follow-up."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from bot.app import App
from bot.bank.scoped import find_question
from bot.errors import UserFacingError
from bot.interview.policy import choose_probe, resolve_probe
from bot.interview.service import Grader, Recorder, clean_answer
from bot.interview.steps import Feedback, ProbeAsk
from bot.ratelimit import RateLimiter
from bot.review.calibration import check_confidence
from bot.store import ensure_guild, ensure_user
from bot.store.models import utcnow


@dataclass(frozen=True)
class DrillResult:
    question_id: str
    feedback: Feedback
    probe: ProbeAsk | None  # a follow-up the candidate may answer next


class DrillService:
    def __init__(self, app: App, grader: Grader, *, recorder: Recorder | None = None,
                 clock: Callable[[], dt.datetime] = utcnow, limiter: RateLimiter | None = None):
        self.app = app
        self.grader = grader
        self.recorder = recorder
        self.clock = clock
        self.limiter = limiter  # per-user grading cooldown (bot.ratelimit)

    async def answer(self, *, question_id: str, user_id: int, text: str, user_name: str = "",
                     guild_id: int | None = None, guild_name: str = "",
                     probe_id: str | None = None, kind: str = "question",
                     confidence: float | None = None) -> DrillResult:
        """Grade an answer to a question (or to one of its follow-ups) and record it.
        ``kind``: "question", or "review" when served by /review; ``confidence``: the
        candidate's stated probability of a strong answer (optional)."""
        text = clean_answer(text)
        confidence = check_confidence(confidence)
        question = await find_question(self.app, question_id, guild_id)
        probe = None
        if probe_id is not None:
            probe = resolve_probe(question, probe_id)
            if probe is None:
                raise UserFacingError("That follow-up no longer exists; try the question again.")
        if self.limiter is not None:
            self.limiter.acquire(user_id)  # a friendly Cooldown; nothing is written
        grade = await self.grader(question, probe, text)
        async with self.app.sessions() as s:
            await ensure_user(s, user_id=user_id, name=user_name)
            if guild_id is not None:
                await ensure_guild(s, guild_id=guild_id, name=guild_name,
                                   timezone=self.app.settings.default_timezone)
            recorded = None
            if self.recorder is not None:
                recorded = await self.recorder(
                    s, user_id=user_id, guild_id=guild_id, question_id=question.id,
                    question_hash=question.content_hash(), kind="probe" if probe else kind,
                    answer=text, score=grade.score, band=grade.band, confidence=confidence,
                    probes_answered=1 if probe else 0, now=self.clock(),
                    missed=list(grade.missed or []))
            await s.commit()
        feedback = Feedback.from_grade(grade, recorded)
        follow = None
        if probe is None:
            follow = choose_probe(question, grade, text, asked=set(), probes_asked=0,
                                  max_probes=1)
        return DrillResult(question_id=question.id, feedback=feedback, probe=follow)
