"""The grading cooldown in the interview and drill services: a refused answer changes
nothing (no turn, no attempt, same question), and is accepted once the wait is over."""

from __future__ import annotations

import random

import pytest
from sqlmodel import func, select

from bot.drill import DrillService
from bot.interview.models import InterviewTurn
from bot.interview.service import InterviewService
from bot.ratelimit import Cooldown, RateLimiter
from tests.interview.fakes import fake_grader


class Tick:
    now = 0.0

    def __call__(self) -> float:
        return self.now


async def _turns(app) -> int:
    async with app.sessions() as s:
        return (await s.exec(select(func.count()).select_from(InterviewTurn))).one()


async def test_interview_answers_over_the_limit_change_nothing(iv_app, clock, recorder):
    tick = Tick()
    service = InterviewService(iv_app, fake_grader, recorder=recorder, clock=clock,
                               rng=random.Random(1), limiter=RateLimiter(2, clock=tick))
    started = await service.start(user_id=7, length=3)
    iid = started.next.interview_id
    await service.answer(interview_id=iid, user_id=7, text="first answer")
    await service.answer(interview_id=iid, user_id=7, text="second answer")
    before = await service.current(iid, 7)
    turns, calls = await _turns(iv_app), len(recorder.calls)
    with pytest.raises(Cooldown) as info:
        await service.answer(interview_id=iid, user_id=7, text="third, too fast")
    assert "send it again in 30 s" in str(info.value)
    assert await service.current(iid, 7) == before  # same question, same probe
    assert await _turns(iv_app) == turns and len(recorder.calls) == calls
    tick.now += 30
    after = await service.answer(interview_id=iid, user_id=7, text="third, in time")
    assert after.feedback is not None
    assert await _turns(iv_app) == turns + 1


async def test_drill_answers_share_the_same_cooldown(iv_app, recorder):
    tick = Tick()
    limiter = RateLimiter(1, clock=tick)
    drills = DrillService(iv_app, fake_grader, recorder=recorder, limiter=limiter)
    interviews = InterviewService(iv_app, fake_grader, limiter=limiter)
    qid = next(iter(iv_app.bank)).id
    await drills.answer(question_id=qid, user_id=5, text="an answer")
    started = await interviews.start(user_id=5, length=1)
    with pytest.raises(Cooldown):
        await interviews.answer(interview_id=started.next.interview_id, user_id=5, text="x")
    with pytest.raises(Cooldown):
        await drills.answer(question_id=qid, user_id=5, text="again")
    assert len(recorder.calls) == 1
    await drills.answer(question_id=qid, user_id=6, text="someone else")  # not affected
    assert len(recorder.calls) == 2
