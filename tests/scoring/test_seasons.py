"""Seasons roll over at the server's local midnight (also across a DST change), are
configurable, and are archived with their winners."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import select

from bot.errors import UserFacingError
from bot.scoring.models import Season
from bot.scoring.periods import natural_season, parse_length, week_of, zone
from bot.scoring.seasons import archive, close_ended, current_season, set_season_length
from bot.store.models import Guild
from tests.scoring.conftest import BAYES, GUILD, MATH

UTC = dt.UTC


async def _set_zone(store, name: str) -> None:
    async with store.sessions() as s:
        (await s.get(Guild, GUILD)).timezone = name
        await s.commit()


async def test_october_season_in_paris_ends_at_local_midnight_after_dst_ended(store, answer,
                                                                             board):
    # Paris leaves summer time on 25 Oct 2026: October starts at 22:00 UTC (CEST, +2) and
    # ends at 23:00 UTC on 31 Oct (CET, +1).
    last_minute = dt.datetime(2026, 10, 31, 22, 59, 59, tzinfo=UTC)
    first_minute = dt.datetime(2026, 10, 31, 23, 0, tzinfo=UTC)
    await answer(1, MATH, 80, at=dt.datetime(2026, 9, 30, 22, 0, tzinfo=UTC))  # 1 Oct 00:00
    await answer(2, MATH, 100, at=last_minute)
    november = await answer(3, MATH, 50, at=first_minute)
    async with store.sessions() as s:
        seasons = (await s.exec(select(Season).order_by(Season.starts_at))).all()
    starts = [(s.starts_at.replace(tzinfo=UTC), s.ends_at.replace(tzinfo=UTC)) for s in seasons]
    assert starts == [
        (dt.datetime(2026, 9, 30, 22, tzinfo=UTC), first_minute),
        (first_minute, dt.datetime(2026, 11, 30, 23, tzinfo=UTC)),
    ]
    assert november.counted  # a new season: MATH counts again
    october = await board("season", at=last_minute)
    assert [(r.user_id, r.points) for r in october.rows] == [(2, 12), (1, 10)]
    assert [r.user_id for r in (await board("season", at=first_minute)).rows] == [3]


async def test_the_ended_season_is_archived_with_its_winners(store, answer):
    await answer(1, MATH, 100, at=dt.datetime(2026, 10, 5, tzinfo=UTC))
    await answer(2, MATH, 60, at=dt.datetime(2026, 10, 6, tzinfo=UTC))
    await answer(3, BAYES, 10, kind="daily", daily_post_id=1,
                 at=dt.datetime(2026, 10, 7, tzinfo=UTC))
    await answer(4, MATH, 0, band="weak", at=dt.datetime(2026, 10, 8, tzinfo=UTC))  # 0 points
    await answer(5, MATH, 90, at=dt.datetime(2026, 11, 1, tzinfo=UTC))  # rolls October over
    async with store.sessions() as s:
        closed = await archive(s, guild_id=GUILD)
    assert len(closed) == 1
    season, winners = closed[0]
    assert season.number == 1 and season.closed_at is not None
    assert [(w.rank, w.user_id, w.points) for w in winners] == [(1, 1, 12), (2, 2, 6), (3, 3, 3)]


async def test_closing_twice_archives_once(store, answer):
    await answer(1, MATH, 100, at=dt.datetime(2026, 10, 5, tzinfo=UTC))
    later = dt.datetime(2026, 12, 1, tzinfo=UTC)
    async with store.sessions() as s:
        assert len(await close_ended(s, now=later)) == 1
        assert await close_ended(s, now=later) == []
        await s.commit()


async def test_new_york_season_boundary_on_the_night_dst_ends(store, answer):
    await _set_zone(store, "America/New_York")  # clocks go back at 2:00 on 1 Nov 2026
    before = await answer(1, MATH, 80, at=dt.datetime(2026, 11, 1, 3, 59, tzinfo=UTC))
    after = await answer(1, MATH, 80, at=dt.datetime(2026, 11, 1, 4, 0, tzinfo=UTC))
    assert before.counted and after.counted  # 23:59 EDT in October, 00:00 EDT in November


async def test_weekly_seasons_roll_at_midnight_across_the_spring_change(store):
    await _set_zone(store, "Europe/Paris")  # clocks go forward on 29 Mar 2026
    tz = zone("Europe/Paris")
    assert natural_season(dt.date(2026, 3, 29), "weeks", 2, dt.date(2026, 3, 16)) == (
        dt.date(2026, 3, 16), dt.date(2026, 3, 30))
    week = week_of(dt.datetime(2026, 3, 29, 21, 59, tzinfo=UTC), tz)  # Sunday 23:59 CEST
    assert (week.start, week.end, week.key) == (dt.datetime(2026, 3, 22, 23, tzinfo=UTC),
                                                dt.datetime(2026, 3, 29, 22, tzinfo=UTC),
                                                "2026-W13")
    async with store.sessions() as s:
        first = await current_season(s, guild_id=GUILD,
                                     now=dt.datetime(2026, 3, 10, tzinfo=UTC))
        message = await set_season_length(s, guild_id=GUILD, length="2 weeks", admin_id=1,
                                          now=dt.datetime(2026, 3, 10, tzinfo=UTC))
        second = await current_season(s, guild_id=GUILD,
                                      now=dt.datetime(2026, 4, 1, tzinfo=UTC))
        await s.commit()
    assert "from the next season on" in message and "2026-04-01" in message
    assert first.ends_at.replace(tzinfo=UTC) == dt.datetime(2026, 3, 31, 22, tzinfo=UTC)
    assert (second.starts_at.replace(tzinfo=UTC), second.ends_at.replace(tzinfo=UTC)) == (
        dt.datetime(2026, 3, 31, 22, tzinfo=UTC), dt.datetime(2026, 4, 14, 22, tzinfo=UTC))
    assert second.number == 2


@pytest.mark.parametrize("text", ["fortnight", "0 weeks", "27 weeks", "", "weeks"])
def test_bad_season_lengths_are_explained(text):
    with pytest.raises(UserFacingError, match="month"):
        parse_length(text)


def test_good_season_lengths():
    assert parse_length("Month") == ("month", 4)
    assert parse_length("quarter") == ("quarter", 4)
    assert parse_length(" 3  weeks ") == ("weeks", 3)
