"""A server's own questions go through the real flows there: a drill is graded and
recorded against the stored question, an interview can pick it and report on it."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from sqlmodel import select

from bot.ask import card_for, choose_question
from bot.bank.server import import_questions, remove_question
from bot.drill import DrillService
from bot.errors import UserFacingError
from bot.interview.service import InterviewService
from bot.store.models import Attempt
from bot.wiring import default_recorder
from tests.interview.fakes import fake_grader

GOOD = (Path(__file__).parent / "files" / "good.yaml").read_bytes()
A, B = 31337, 4242


@pytest.fixture
async def imported(app):
    report = await import_questions(app, guild_id=A, data=GOOD, filename="good.yaml")
    assert report.ok
    return app


async def test_drill_on_a_server_question_is_graded_and_recorded(imported):
    app = imported
    drills = DrillService(app, fake_grader, recorder=default_recorder())
    chosen = await choose_question(app, A, ref="math.group-trace-trick")
    assert card_for(chosen).footer == "id: math.group-trace-trick"
    result = await drills.answer(question_id=chosen.id, user_id=5, user_name="bo", guild_id=A,
                                 text="a scalar is its own trace, and the trace is cyclic")
    assert result.feedback.score == 100
    async with app.sessions() as s:
        attempt = (await s.exec(select(Attempt))).one()
    assert attempt.question_id == chosen.id == f"g{A}.math.group-trace-trick"
    assert attempt.question_hash == chosen.content_hash()


async def test_the_same_drill_is_refused_elsewhere(imported):
    drills = DrillService(imported, fake_grader)
    key = f"g{A}.math.group-trace-trick"
    for guild_id in (B, None):
        with pytest.raises(UserFacingError, match="don't know"):
            await drills.answer(question_id=key, user_id=5, guild_id=guild_id, text="cyclic")


async def test_an_interview_picks_server_questions_and_reports_them(imported):
    app = imported
    service = InterviewService(app, fake_grader, rng=random.Random(1))
    outcome = await service.start(user_id=9, guild_id=A, section="probability", length=2)
    titles = {outcome.next.title}
    await remove_question(app, A, "probability.group-markov")  # mid-interview: still served
    outcome = await service.answer(interview_id=outcome.next.interview_id, user_id=9,
                                   text="E[X]/a for a non-negative X")
    while outcome.next is not None:
        titles.add(outcome.next.title)
        outcome = await service.skip(interview_id=outcome.next.interview_id, user_id=9)
    assert titles == {"Markov's inequality", "Bayes' theorem"}
    assert {r.title for r in outcome.report.questions} == titles


async def test_interviews_elsewhere_never_pick_them(imported):
    service = InterviewService(imported, fake_grader, rng=random.Random(1))
    outcome = await service.start(user_id=9, guild_id=B, section="probability", length=2)
    assert outcome.next.title == "Bayes' theorem" and outcome.next.total == 1
