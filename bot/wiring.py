"""The core services wired to the real grader (rubric + symbolic checks in the worker
pool) and the real scoring (attempt rows, points, spaced review). Adapters call these;
tests build the same services with fakes."""

from __future__ import annotations

from bot.app import App
from bot.bank import Probe, Question
from bot.drill import DrillService
from bot.interview.service import Grader, InterviewService


def default_grader(app: App) -> Grader:
    from bot.grading.answer import grade_answer

    async def grader(question: Question, probe: Probe | None, text: str):
        return await grade_answer(question, text, probe=probe, pool=app.pool)

    return grader


def default_recorder():
    from bot.store.attempts import record_attempt

    return record_attempt


def default_service(app: App) -> InterviewService:
    return InterviewService(app, default_grader(app), recorder=default_recorder())


def default_drills(app: App) -> DrillService:
    return DrillService(app, default_grader(app), recorder=default_recorder())
