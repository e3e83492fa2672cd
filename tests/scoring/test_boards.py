"""Leaderboards: deterministic ties, pagination, the viewer's rank off the page, sections,
empty boards and bad input."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.errors import UserFacingError
from bot.store import ensure_user
from tests.scoring.conftest import BAYES, MATH, T0

MIN = dt.timedelta(minutes=1)


async def _many(store, n: int) -> None:
    async with store.sessions() as s:
        for uid in range(10, 10 + n):
            await ensure_user(s, user_id=uid, name=f"p{uid}")
        await s.commit()


async def test_ties_go_to_whoever_reached_the_total_first_then_the_lower_id(answer, board):
    await answer(3, MATH, 80, at=T0)  # 10 points, first
    await answer(1, MATH, 80, at=T0 + MIN)  # 10 points, later
    await answer(2, MATH, 80, at=T0 + MIN)  # 10 points, same instant as 1: lower id first
    await answer(4, MATH, 100, at=T0 + 2 * MIN)  # 12 points
    rows = (await board()).rows
    assert [(r.rank, r.user_id, r.points) for r in rows] == [
        (1, 4, 12), (2, 3, 10), (3, 1, 10), (4, 2, 10)]
    assert rows[1].name == "player3"


async def test_pages_and_the_viewers_rank_even_off_the_page(store, answer, board):
    await _many(store, 25)
    for i, uid in enumerate(range(10, 35)):
        await answer(uid, MATH, 4 * i, band="partial", at=T0 + i * MIN)
    first = await board(limit=10, viewer_id=10)
    assert [r.rank for r in first.rows] == list(range(1, 11))
    assert first.rows[0].user_id == 34 and first.total_players == 25
    # 10 and 11 both have 0 points; 10 got there first, so 24th and 11 is last
    assert (first.viewer.rank, first.viewer.user_id, first.viewer.points) == (24, 10, 0)
    third = await board(offset=20, limit=10, viewer_id=34)
    assert [r.rank for r in third.rows] == [21, 22, 23, 24, 25]
    assert [r.user_id for r in third.rows][-2:] == [10, 11]
    assert third.viewer.rank == 1  # the leader, viewing page 3
    beyond = await board(offset=40, limit=10)
    assert beyond.rows == [] and beyond.total_players == 25
    seen = [r.user_id for off in (0, 10, 20) for r in (await board(offset=off)).rows]
    assert sorted(seen) == list(range(10, 35))  # every player once across the pages


async def test_a_section_board_counts_only_that_section(answer, board):
    await answer(1, MATH, 100)
    await answer(2, BAYES, 50)
    assert [r.user_id for r in (await board(section="probability")).rows] == [2]
    assert [r.user_id for r in (await board(section="1")).rows] == [1]  # section number
    assert [r.user_id for r in (await board()).rows] == [1, 2]


async def test_week_board_starts_on_monday_at_server_midnight(answer, board):
    await answer(1, MATH, 100, at=dt.datetime(2026, 11, 22, 22, 59, tzinfo=dt.UTC))  # Sun 23:59
    await answer(2, MATH, 100, at=dt.datetime(2026, 11, 22, 23, 0, tzinfo=dt.UTC))  # Mon 00:00
    week = await board()
    assert [r.user_id for r in week.rows] == [2]
    assert week.period_start == dt.datetime(2026, 11, 22, 23, 0, tzinfo=dt.UTC)


async def test_an_empty_board_and_a_viewer_without_points(board):
    for period in ("week", "season", "all"):
        empty = await board(period, viewer_id=1)
        assert empty.rows == [] and empty.total_players == 0 and empty.viewer is None
    assert (await board("season")).period_end == dt.datetime(2026, 11, 30, 23, tzinfo=dt.UTC)


@pytest.mark.parametrize(("kw", "message"), [
    (dict(period="year"), "week, season or all"),
    (dict(section="astrology"), "Unknown section"),
])
async def test_bad_period_or_section_is_a_friendly_error(board, kw, message):
    with pytest.raises(UserFacingError, match=message):
        await board(**kw)
