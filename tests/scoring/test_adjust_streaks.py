"""Admin adjustments are audited rows that move the totals; streaks and the grace rule."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import select

from bot.errors import UserFacingError
from bot.scoring.adjust import adjust_score, adjustments
from bot.scoring.models import ScoreAdjustment
from bot.scoring.standing import standing
from bot.scoring.streaks import count_streak
from tests.scoring.conftest import BAYES, GUILD, MATH, T0

D = dt.date(2026, 11, 24)


def days(*offsets: int) -> set[dt.date]:
    return {D - dt.timedelta(days=o) for o in offsets}


async def test_an_adjustment_is_a_row_with_who_when_why_and_moves_every_board(store, answer,
                                                                             board):
    await answer(1, MATH, 80)
    async with store.sessions() as s:
        await adjust_score(s, guild_id=GUILD, user_id=1, admin_id=5, points=-4,
                           reason="  answer copied   from the  reference ", now=T0)
        await adjust_score(s, guild_id=GUILD, user_id=2, admin_id=5, points=3,
                           reason="lost in an outage", now=T0 + dt.timedelta(hours=1))
        await s.commit()
    for period in ("week", "season", "all"):
        assert {r.user_id: r.points for r in (await board(period)).rows} == {1: 6, 2: 3}
    async with store.sessions() as s:
        rows, total = await adjustments(s, guild_id=GUILD, user_id=1)
    assert total == 1
    assert (rows[0].admin_id, rows[0].points, rows[0].reason) == (
        5, -4, "answer copied from the reference")
    assert rows[0].created_at.replace(tzinfo=dt.UTC) == T0


@pytest.mark.parametrize(("points", "reason", "message"), [
    (0, "because", "changes nothing"), (5000, "because", "at most"),
    (5, "  ", "Say why"), (5, "x" * 301, "under 300")])
async def test_bad_adjustments_change_nothing(store, points, reason, message):
    async with store.sessions() as s:
        with pytest.raises(UserFacingError, match=message):
            await adjust_score(s, guild_id=GUILD, user_id=1, admin_id=5, points=points,
                               reason=reason, now=T0)
        await s.rollback()
        assert (await s.exec(select(ScoreAdjustment))).all() == []


@pytest.mark.parametrize(("active", "streak"), [
    (days(), 0),
    (days(0), 1),
    (days(1, 2, 3), 3),  # today not answered yet: the streak stands until today ends
    (days(0, 1, 2), 3),
    (days(0, 2, 3), 3),  # one missed day (yesterday's) is forgiven and not counted
    (days(2, 3), 2),  # today pending and yesterday missed: still alive through grace
    (days(0, 3, 4), 1),  # two missed days end it
    (days(0, 2, 4, 5), 2),  # a second gap within 7 days is not forgiven
    (days(0, *range(2, 10), 11, 12), 11),  # gaps 9 days apart are both forgiven
])
def test_streak_and_grace_rule(active, streak):
    assert count_streak(active, D) == streak


async def test_standing_reads_points_rank_streak_and_answers_in_server_time(store, answer):
    paris_monday = dt.datetime(2026, 11, 22, 23, 30, tzinfo=dt.UTC)  # Mon 00:30 in Paris
    await answer(1, MATH, 80, at=paris_monday)
    await answer(1, BAYES, 100, at=paris_monday + dt.timedelta(days=1))
    await answer(1, MATH, 100, at=paris_monday + dt.timedelta(days=1, hours=1))  # practice
    await answer(2, MATH, 100, at=paris_monday)
    async with store.sessions() as s:
        mine = await standing(s, guild_id=GUILD, user_id=1, now=T0)
        nobody = await standing(s, guild_id=GUILD, user_id=3, now=T0)
    assert (mine.points, mine.rank, mine.players, mine.streak, mine.answered) == (22, 1, 2, 2, 3)
    assert mine.season_rank == 1 and mine.week_points == 22 and mine.week_rank is None
    assert (nobody.points, nobody.rank, nobody.streak, nobody.answered) == (0, None, 0, 0)
