"""Fairness: a question earns points once per season, only the first answer to a daily
counts, follow-ups count after a counted answer; practice is still graded and stored."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import select

from bot.scoring.record import record_attempt
from bot.store.models import Attempt
from tests.scoring.conftest import BAYES, GUILD, MATH, T0


async def test_first_answer_counts_and_a_repeat_in_the_season_is_practice(store, answer, board):
    first = await answer(1, MATH, 80)
    again = await answer(1, MATH, 100, at=T0 + dt.timedelta(days=3))
    assert (first.points, first.counted, first.reason) == (10, True, None)
    assert again.counted is False and again.points == 0
    assert "already answered this question this season" in again.reason
    async with store.sessions() as s:
        rows = (await s.exec(select(Attempt).order_by(Attempt.id))).all()
    assert [(r.score, r.counted) for r in rows] == [(80, True), (100, False)]  # both kept
    season = await board("season", at=T0 + dt.timedelta(days=3))
    assert [(r.user_id, r.points) for r in season.rows] == [(1, 10)]


async def test_the_same_question_counts_again_next_season(answer, board):
    await answer(1, MATH, 80)  # November
    december = dt.datetime(2026, 12, 2, 12, tzinfo=dt.UTC)
    again = await answer(1, MATH, 60, at=december)
    assert again.counted and again.points == 6
    assert (await board("all", at=december)).rows[0].points == 16


async def test_only_the_first_answer_to_a_daily_post_counts(answer):
    first = await answer(1, BAYES, 50, kind="daily", daily_post_id=7)
    second = await answer(1, BAYES, 100, kind="daily", daily_post_id=7)
    other = await answer(2, BAYES, 100, kind="daily", daily_post_id=7)
    assert first.counted and first.points == 5 + 2
    assert not second.counted and "first answer to a daily" in second.reason
    assert other.counted  # another player's first answer


async def test_follow_ups_count_only_after_a_counted_answer_and_are_capped(answer):
    early = await answer(1, MATH, 90, kind="probe", probes_answered=1)
    assert not early.counted and "after a counted answer" in early.reason
    await answer(1, MATH, 80)
    counted = [await answer(1, MATH, 100, kind="probe", probes_answered=1) for _ in range(5)]
    assert [p.counted for p in counted] == [True, True, True, True, False]
    assert counted[0].points == 5


async def test_answers_outside_a_server_are_practice(answer):
    dm = await answer(1, MATH, 90, guild_id=None)
    assert not dm.counted and dm.points == 0 and "outside a server" in dm.reason


async def test_hints_and_confidence_are_stored(store, answer):
    recorded = await answer(1, MATH, 80, hints_used=2, confidence=0.7)
    assert recorded.points == 10 - 4
    async with store.sessions() as s:
        row = await s.get(Attempt, recorded.attempt_id)
    assert (row.hints_used, row.confidence, row.points, row.counted) == (2, 0.7, 6, True)


@pytest.mark.parametrize("bad", [dict(kind="essay"), dict(confidence=0.0),
                                 dict(confidence=1.5), dict(kind="daily")])
async def test_bad_arguments_are_refused_and_write_nothing(store, bad):
    async with store.sessions() as s:
        with pytest.raises(ValueError):
            await record_attempt(s, user_id=1, guild_id=GUILD, question_id=MATH,
                                 question_hash="h", answer="x", score=50, band="partial",
                                 now=T0, **{"kind": "question", **bad})
        await s.rollback()
        assert (await s.exec(select(Attempt))).all() == []
