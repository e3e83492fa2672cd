"""The interviewer wired to the real grader (rubric + symbolic, in the worker pool) and
the real scoring (attempt rows, points, spaced review)."""

from __future__ import annotations

from bot.app import App
from bot.bank import Probe, Question
from bot.interview.service import InterviewService


def default_service(app: App) -> InterviewService:
    from bot.grading.answer import grade_answer
    from bot.scoring.record import record_attempt

    async def grader(question: Question, probe: Probe | None, text: str):
        return await grade_answer(question, text, probe=probe, pool=app.pool)

    return InterviewService(app, grader, recorder=record_attempt)
