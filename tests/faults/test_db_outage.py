"""PostgreSQL goes away (the proxy in front of it is cut) and comes back: commands fail with
a friendly message, nothing is half-written, and Viva recovers without a restart."""

from __future__ import annotations

import asyncio
import os
import random
import time

import pytest
from sqlmodel import func, select

from bot.app import open_app
from bot.bank import load_bank
from bot.console import Console
from bot.interview.models import Interview, InterviewTurn
from bot.interview.service import InterviewService
from bot.store.outage import DB_UNAVAILABLE, is_db_outage
from tests.conftest import FIXTURES
from tests.interview.fakes import fake_grader

ANSWER = "L1 gives sparse solutions at the corners of the diamond."
# The outage is 30 s; CI runs it in full, a laptop a short one (or set the variable).
OUTAGE_S = float(os.environ.get("VIVA_OUTAGE_SECONDS",
                                "30" if os.environ.get("CI") == "true" else "2"))


@pytest.fixture
async def pg_app(pg_settings):
    async with open_app(pg_settings, bank=load_bank(FIXTURES / "interview_bank")) as app:
        yield app


async def _state(app, interview_id: int) -> tuple[int, int, int, str | None]:
    async with app.sessions() as s:
        turns = (await s.exec(select(func.count()).select_from(InterviewTurn).where(
            InterviewTurn.interview_id == interview_id))).one()
        row = await s.get(Interview, interview_id)
        return turns, row.version, row.current_index, row.pending_probe


async def test_an_answer_while_the_database_is_down_fails_and_then_recovers(pg_app, db_proxy):
    service = InterviewService(pg_app, fake_grader, rng=random.Random(0))
    iid = (await service.start(user_id=1, length=2)).next.interview_id
    before = await _state(pg_app, iid)
    await db_proxy.cut()
    failures = 0
    deadline = time.monotonic() + OUTAGE_S  # down for a while: every attempt fails cleanly
    while time.monotonic() < deadline:
        with pytest.raises(Exception) as info:
            await service.answer(interview_id=iid, user_id=1, text=ANSWER)
        assert is_db_outage(info.value), repr(info.value)
        failures += 1
        await asyncio.sleep(0.2)
    assert failures >= 3
    await db_proxy.restore()
    outcome = await service.answer(interview_id=iid, user_id=1, text=ANSWER)  # no restart
    assert outcome.feedback is not None
    after = await _state(pg_app, iid)
    assert after[0] == before[0] + 1 and after[1] == before[1] + 1  # recorded exactly once


async def test_a_connection_lost_mid_write_leaves_nothing_half_written(pg_app, db_proxy):
    async def cut_inside_the_transaction(session, **_):
        await db_proxy.cut()  # the turn is flushed and the interview updated, not committed
        await session.exec(select(func.count()).select_from(InterviewTurn))

    broken = InterviewService(pg_app, fake_grader, recorder=cut_inside_the_transaction,
                              rng=random.Random(0))
    iid = (await broken.start(user_id=2, length=2)).next.interview_id
    before = await _state(pg_app, iid)
    with pytest.raises(Exception) as info:
        await broken.answer(interview_id=iid, user_id=2, text=ANSWER)
    assert is_db_outage(info.value), repr(info.value)
    await db_proxy.restore()
    assert await _state(pg_app, iid) == before  # no turn, no version bump, same question
    healthy = InterviewService(pg_app, fake_grader, rng=random.Random(0))
    assert (await healthy.answer(interview_id=iid, user_id=2, text=ANSWER)).feedback


async def test_the_console_says_the_database_is_unavailable(pg_app, db_proxy):
    console = Console(pg_app)
    console.state["interview_service"] = InterviewService(pg_app, fake_grader)
    await db_proxy.cut()
    assert await console.handle("/interview start length=1") == DB_UNAVAILABLE
    assert await console.handle("some answer text") == DB_UNAVAILABLE
    await db_proxy.restore()
    assert "Question 1 of 1" in await console.handle("/interview start length=1")
