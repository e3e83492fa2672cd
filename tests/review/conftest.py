from __future__ import annotations

import datetime as dt

import pytest

from bot.review.memory import update_review
from bot.store import ensure_user

T0 = dt.datetime(2026, 3, 2, 12, 0, tzinfo=dt.UTC)
MATH = "math.sample-derivative"
BAYES = "probability.sample-bayes"


@pytest.fixture
def answer(app):
    """Grade-and-record one main answer of ``user_id`` (the recorder's review half)."""

    async def run(user_id: int, question_id: str, score: int, at: dt.datetime, missed=None):
        async with app.sessions() as s:
            await ensure_user(s, user_id=user_id, name=f"user{user_id}")
            due = await update_review(s, user_id=user_id, question_id=question_id,
                                      score=score, now=at, missed=missed)
            await s.commit()
        return due

    return run
