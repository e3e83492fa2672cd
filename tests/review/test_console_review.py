"""/review, /profile and /confidence in the console."""

from __future__ import annotations

import datetime as dt
import os
import re

import pytest
from sqlmodel import select

from bot.console import Console
from bot.drill import DrillService
from bot.review.record import with_review
from bot.scoring.record import record_attempt
from bot.store.models import Attempt
from tests.interview.fakes import fake_grader


@pytest.fixture
def console(app):
    console = Console(app)
    clock = [dt.datetime.now(dt.UTC) - dt.timedelta(days=2)]  # answers are graded then
    console.state["drill_service"] = DrillService(
        app, fake_grader, recorder=with_review(record_attempt), clock=lambda: clock[0])
    console.state["test_clock"] = clock
    return console


async def attempts(app) -> list[tuple[str, float | None]]:
    async with app.sessions() as s:
        rows = (await s.exec(select(Attempt).order_by(Attempt.id))).all()
    return [(a.kind, a.confidence) for a in rows]


async def test_review_serves_the_due_question_and_records_it_as_a_review(app, console):
    assert "Nothing to review yet" in await console.handle("/review")
    await console.handle("/question 1")
    assert "90% noted" in await console.handle("/confidence 90")
    assert "Score" in await console.handle("/send no idea")
    served = await console.handle("/review")  # answered weakly two days ago: due now
    assert "Review · due for" in served and "DERIVATIVE OF THE SIGMOID" in served
    console.state["test_clock"][0] = dt.datetime.now(dt.UTC)  # the review is answered now
    assert "Score" in await console.handle("/send sigma(1 - sigma)")
    assert await attempts(app) == [("question", 0.9), ("review", None)]
    assert "Nothing is due for review. Next up:" in await console.handle("/review")


async def test_profile_prints_text_and_writes_a_chart(app, console):
    empty = await console.handle("/profile")
    assert "No answers yet" in empty
    await console.handle("/question 11")
    await console.handle("/send P(A|B) = P(B|A) P(A) / P(B)")
    out = await console.handle("/profile")
    assert "Mastery" in out and "Probability & Statistics:" in out and "Due for review" in out
    path = re.search(r"Chart: (\S+\.png)", out).group(1)
    try:
        with open(path, "rb") as png:
            assert png.read(8) == b"\x89PNG\r\n\x1a\n"
    finally:
        os.unlink(path)
    assert "one user" in await console.handle("/profile bob")


async def test_reminder_settings_and_bad_input(console):
    on = await console.handle("/review remind 9 Europe/Paris")
    assert "09:00 Europe/Paris" in on
    assert "The hour is 0-23" in await console.handle("/review remind 25 UTC")
    assert "time zone 'Nowhere/Land'" in await console.handle("/review remind 9 Nowhere/Land")
    assert "Usage: /review" in await console.handle("/review remind")
    assert "Usage: /review" in await console.handle("/review sideways")
    assert "are off" in await console.handle("/review remind off")
    assert "were not on" in await console.handle("/review remind off")
    assert "50, 70, 90 or 99" in await console.handle("/confidence 80")
    assert "No confidence" in await console.handle("/confidence off")
