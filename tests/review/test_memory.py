"""FSRS scheduling of (user, question) cards: what comes due when, and in which order."""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest
from fsrs import Rating
from sqlalchemy import update

from bot.app import open_app
from bot.review.memory import due_count, due_reviews, next_review, rating_for, update_review
from bot.review.record import with_review
from bot.scoring.record import record_attempt
from bot.store import QuestionRow, ensure_user
from tests.review.conftest import BAYES, MATH, T0

DAY = dt.timedelta(days=1)


@pytest.mark.parametrize(("score", "rating"), [
    (0, Rating.Again), (24, Rating.Again), (25, Rating.Hard), (59, Rating.Hard),
    (60, Rating.Good), (84, Rating.Good), (85, Rating.Easy), (100, Rating.Easy)])
def test_grade_to_rating_bands(score, rating):
    assert rating_for(score) == rating


async def test_a_weak_answer_comes_due_sooner_than_a_strong_one(answer):
    weak = await answer(10, MATH, 10, T0)
    partial = await answer(11, MATH, 40, T0)
    good = await answer(12, MATH, 70, T0)
    strong = await answer(13, MATH, 95, T0)
    assert weak.due < partial.due < good.due < strong.due
    assert weak.due - T0 <= dt.timedelta(hours=8)  # back later the same day
    assert strong.due - T0 >= 3 * DAY


async def test_a_lapse_brings_a_learned_question_back_soon(answer):
    first = await answer(10, MATH, 95, T0)
    again = await answer(10, MATH, 90, first.due)
    assert again.due - first.due > first.due - T0  # intervals grow while answers stay strong
    forgot = await answer(10, MATH, 5, again.due)
    assert forgot.state == "relearning"
    assert forgot.due - again.due <= dt.timedelta(hours=8)


async def test_due_reviews_most_overdue_first_and_only_what_is_due(app, answer):
    await answer(10, MATH, 10, T0)
    await answer(10, BAYES, 10, T0 + dt.timedelta(hours=1))
    async with app.sessions() as s:
        assert await due_reviews(s, user_id=10, now=T0 + dt.timedelta(hours=2)) == []
        later = T0 + DAY
        due = await due_reviews(s, user_id=10, now=later)
        assert [d.question_id for d in due] == [MATH, BAYES]
        assert await due_count(s, user_id=10, now=later) == 2
        assert [d.question_id for d in await due_reviews(s, user_id=10, now=later, limit=1)] \
            == [MATH]
        assert await due_reviews(s, user_id=99, now=later) == []  # someone else: nothing
        upcoming = await next_review(s, user_id=10, now=T0)
        assert upcoming.question_id == MATH and upcoming.due > T0


async def test_a_retired_question_is_not_served(app, answer):
    await answer(10, MATH, 10, T0)
    async with app.sessions() as s:
        await s.exec(update(QuestionRow).where(QuestionRow.id == MATH).values(retired_at=T0))
        await s.commit()
        assert await due_reviews(s, user_id=10, now=T0 + DAY) == []


async def test_recorder_reviews_in_the_same_transaction_and_skips_probes(app):
    recorder = with_review(record_attempt)
    kw = dict(user_id=10, guild_id=None, question_id=MATH, question_hash="h", answer="a",
              score=10, band="weak", now=T0)
    async with app.sessions() as s:
        await ensure_user(s, user_id=10)
        await s.commit()
        await recorder(s, kind="question", **kw)
        await s.rollback()  # the step failed: neither the attempt nor the card is kept
        assert await due_count(s, user_id=10, now=T0 + DAY) == 0
        await recorder(s, kind="probe", **kw)
        await s.commit()
        assert await due_count(s, user_id=10, now=T0 + DAY) == 0
        await recorder(s, kind="review", missed=[{"id": "k", "text": "chain rule"}], **kw)
        await s.commit()
        assert await due_count(s, user_id=10, now=T0 + DAY) == 1


async def test_simultaneous_first_answers_to_one_question_make_one_card(db_url, settings,
                                                                       sample_bank):
    settings = settings.model_copy(update={"database_url": db_url})
    async with open_app(settings, bank=sample_bank) as app:
        async with app.sessions() as s:
            await ensure_user(s, user_id=10)
            await s.commit()

        async def one(score: int):
            async with app.sessions() as s:
                await update_review(s, user_id=10, question_id=MATH, score=score, now=T0)
                await s.commit()

        await asyncio.gather(*(one(score) for score in (10, 95, 50, 70)))
        async with app.sessions() as s:
            due = await next_review(s, user_id=10, now=T0)
        assert due.reps == 4  # every answer reviewed the one card, none was lost
