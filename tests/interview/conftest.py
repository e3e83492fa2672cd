from __future__ import annotations

import datetime as dt
import random

import pytest

from bot.app import open_app
from bot.bank import load_bank
from bot.interview.service import InterviewService
from tests.conftest import FIXTURES
from tests.interview.fakes import fake_grader


class Clock:
    def __init__(self):
        self.now = dt.datetime(2026, 11, 24, 12, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **kw) -> None:
        self.now += dt.timedelta(**kw)


class Recorder:
    """Records what the interview asks the scoring layer to store."""

    def __init__(self):
        self.calls: list[dict] = []

    async def __call__(self, session, **kw):
        self.calls.append(kw)
        return None


@pytest.fixture
def interview_bank():
    return load_bank(FIXTURES / "interview_bank")


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def recorder():
    return Recorder()


@pytest.fixture
async def iv_app(settings, interview_bank):
    async with open_app(settings, bank=interview_bank) as app:
        yield app


@pytest.fixture
def make_service(iv_app, clock, recorder):
    def make(app=None, seed: int = 7) -> InterviewService:
        return InterviewService(app or iv_app, fake_grader, recorder=recorder, clock=clock,
                                rng=random.Random(seed))
    return make
