"""The core services wired to the real grader (rubric + symbolic checks in the worker
pool) and the real scoring (attempt rows, points, spaced review). Adapters call these;
tests build the same services with fakes."""

from __future__ import annotations

from bot.app import App
from bot.bank import Probe, Question
from bot.drill import DrillService
from bot.interview.service import Grader, InterviewService
from bot.ratelimit import RateLimiter


def default_grader(app: App) -> Grader:
    from bot.grading.answer import grade_answer

    async def grader(question: Question, probe: Probe | None, text: str):
        return await grade_answer(question, text, probe=probe, pool=app.pool)

    return grader


def grading_limiter(app: App) -> RateLimiter:
    """The one per-user grading cooldown of this process, shared by every service."""
    if app.limiter is None:
        app.limiter = RateLimiter(app.settings.grading_cooldown_per_minute)
    return app.limiter  # type: ignore[return-value]


def default_recorder():
    from bot.review.record import with_review
    from bot.scoring.record import record_attempt

    return with_review(record_attempt)  # + spaced review, in the same transaction


def default_service(app: App) -> InterviewService:
    return InterviewService(app, default_grader(app), recorder=default_recorder(),
                            limiter=grading_limiter(app))


def default_drills(app: App) -> DrillService:
    return DrillService(app, default_grader(app), recorder=default_recorder(),
                        limiter=grading_limiter(app))
