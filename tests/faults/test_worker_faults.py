"""Symbolic workers that crash or hang, seen by the candidate: the answer is still graded
(prose), the formula is 'undetermined' with an apology, and the pool carries on."""

from __future__ import annotations

import os
import random
import time

import pytest

from bot.app import open_app
from bot.bank import Bank, load_bank
from bot.grading import GradingPool
from bot.grading.answer import grade_answer
from bot.interview.service import InterviewService
from bot.wiring import default_grader

QID = "math.logistic-gradient"
GOOD = ("Maximise the Bernoulli log-likelihood; with the sigmoid derivative "
        "σ' = σ(1 − σ) the gradient is $(y - \\sigma(w x)) x$.")


def crash(*_: object) -> dict:
    os._exit(9)


def hang(*_: object) -> dict:
    time.sleep(60)
    return {}


class Sabotaged(GradingPool):
    """A real pool whose checks run ``fault`` (in a real worker) until ``heal()``."""

    def __init__(self, fault, **kw):
        super().__init__(**kw)
        self.fault, self.broken, self.faults = fault, True, 0

    def heal(self) -> None:
        self.broken = False

    async def run(self, fn, *args):
        if self.broken:
            self.faults += 1
            return await super().run(self.fault, *args)
        return await super().run(fn, *args)


@pytest.fixture
def question():
    return load_bank().get(QID)


@pytest.mark.parametrize(("fault", "apology"), [
    (crash, "Sorry, the checker failed on this input"),
    (hang, "Sorry, checking this took longer than the time limit (0.5 s)"),
])
async def test_a_failed_check_is_undetermined_with_an_apology(question, fault, apology):
    async with Sabotaged(fault, workers=1, timeout=0.5) as pool:
        started = time.perf_counter()
        result = await grade_answer(question, GOOD, pool=pool)
        assert time.perf_counter() - started < 5
        assert result.band != "invalid" and result.covered  # the prose was graded
        assert result.symbolic["verdict"] == "undetermined"
        assert any(line.startswith(apology) for line in result.feedback)
        pool.heal()
        pool.timeout = 10  # the real check, on a machine that may be busy
        again = await grade_answer(question, GOOD, pool=pool)  # the pool recovered
        assert again.symbolic["verdict"] == "correct"
        assert "Your formula checks out" in " ".join(again.feedback)


async def test_the_pool_survives_every_worker_dying_repeatedly(question):
    async with Sabotaged(crash, workers=2, timeout=5) as pool:
        for _ in range(3):
            result = await grade_answer(question, GOOD, pool=pool)
            assert result.symbolic["verdict"] == "undetermined"
        assert pool.faults >= 3  # each of them killed a worker
        pool.heal()
        result = await grade_answer(question, GOOD, pool=pool)
        assert result.symbolic["verdict"] == "correct"


async def test_an_interview_answer_survives_a_crashed_worker(settings, question):
    async with open_app(settings, bank=Bank([question])) as app, \
            Sabotaged(crash, workers=1, timeout=5) as pool:
        app.pool = pool
        service = InterviewService(app, default_grader(app), rng=random.Random(0))
        iid = (await service.start(user_id=1, length=1)).next.interview_id
        outcome = await service.answer(interview_id=iid, user_id=1, text=GOOD)
        assert any(line.startswith("Sorry, the checker failed") for line in
                   outcome.feedback.lines)
        assert outcome.feedback.band in {"strong", "partial", "weak"}
        report = await service.report(iid)
        assert report.questions[0].score == outcome.feedback.score  # it was recorded
