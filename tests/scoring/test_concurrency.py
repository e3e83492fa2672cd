"""200 simultaneous attempts, each in its own transaction, give the exact totals on both
stores; simultaneous repeats of one answer still count exactly once."""

from __future__ import annotations

import asyncio

from sqlalchemy import func
from sqlmodel import select

from bot.scoring.models import ScoreTotal
from bot.scoring.rules import points_for
from bot.store import ensure_user
from bot.store.models import Attempt
from tests.scoring.conftest import BAYES, MATH

PLAYERS = range(10, 20)


async def _players(store) -> None:
    async with store.sessions() as s:
        for uid in PLAYERS:
            await ensure_user(s, user_id=uid, name=f"p{uid}")
        await s.commit()


async def test_200_simultaneous_attempts_give_the_exact_total(store, answer, board):
    await _players(store)
    jobs = [(10 + i % 10, i, (i * 37) % 101) for i in range(200)]  # (player, post, score)
    results = await asyncio.gather(*[
        answer(uid, BAYES, score, kind="daily", daily_post_id=post) for uid, post, score in jobs])
    assert all(r.counted for r in results)
    expected: dict[int, int] = {}
    for uid, _, score in jobs:
        band = "strong" if score >= 75 else "partial" if score >= 25 else "weak"
        expected[uid] = expected.get(uid, 0) + points_for(kind="daily", score=score, band=band)
    week = await board("week", limit=50)
    assert {r.user_id: r.points for r in week.rows} == expected
    assert week.total_players == 10
    async with store.sessions() as s:
        stored = (await s.exec(select(func.sum(Attempt.points)))).one()
        answers = (await s.exec(select(func.sum(ScoreTotal.answers)).where(
            ScoreTotal.period == "all", ScoreTotal.section == ""))).one()
    assert stored == sum(expected.values()) and answers == 200


async def test_simultaneous_repeats_of_one_answer_count_once(store, answer, board):
    results = await asyncio.gather(*[answer(1, MATH, 90) for _ in range(100)],
                                   *[answer(2, BAYES, 50, kind="daily", daily_post_id=9)
                                     for _ in range(100)])
    assert sum(r.counted for r in results[:100]) == 1
    assert sum(r.counted for r in results[100:]) == 1
    week = await board("week")
    assert {r.user_id: r.points for r in week.rows} == {1: 11, 2: 7}
    async with store.sessions() as s:
        assert (await s.exec(select(func.count()).select_from(Attempt))).one() == 200
