"""Which question a server gets: no repeat before the whole eligible bank, sections rotate
unless restricted, server-imported questions included, invalid setup changes nothing."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from bot.bank import SECTIONS, load_bank
from bot.daily import schedules
from bot.daily.models import DailySchedule
from bot.daily.select import choose
from bot.errors import UserFacingError
from tests.daily.conftest import set_up

BANK = list(load_bank())
D0 = dt.date(2026, 3, 23)


def _run(questions, days: int, guild: int = 1) -> list:
    history: list[tuple[str, str | None]] = []
    picked = []
    for i in range(days):
        q = choose(questions, history, guild_id=guild, local_date=D0 + dt.timedelta(days=i))
        history.append((q.id, q.section))
        picked.append(q)
    return picked


def test_no_repeat_until_the_whole_bank_has_been_seen_and_sections_rotate():
    picked = _run(BANK, len(BANK) + 10)
    first_cycle = [q.id for q in picked[: len(BANK)]]
    assert len(set(first_cycle)) == len(BANK)  # 50 days, 50 different questions
    assert set(q.id for q in picked[len(BANK):]) <= set(first_cycle)
    assert len({q.id for q in picked[len(BANK):]}) == 10  # the second cycle repeats nothing yet
    sections = [q.section for q in picked[:10]]
    assert sections == list(SECTIONS) * 2  # math, probability, ... in turn


def test_restricted_sections_rotate_among_themselves_only():
    pool = [q for q in BANK if q.section in ("math", "robustness")]
    picked = _run(pool, 6)
    assert [q.section for q in picked] == ["math", "robustness"] * 3


def test_servers_get_different_but_reproducible_orders():
    assert [q.id for q in _run(BANK, 5, guild=1)] == [q.id for q in _run(BANK, 5, guild=1)]
    assert [q.id for q in _run(BANK, 10, guild=1)] != [q.id for q in _run(BANK, 10, guild=2)]


async def test_server_imported_questions_are_eligible(make_ctx, daily_app, clock, poster):
    """A question a server imported (bot.bank.server) joins that server's rotation only."""
    from bot.bank.imports import dump_questions
    from bot.bank.server import import_questions
    from bot.daily.posting import post_due

    math = next(q for q in BANK if q.section == "math")
    own = math.model_copy(update={"id": "math.our-own-question", "title": "Our own question",
                                  "seed_number": None})
    report = await import_questions(daily_app, guild_id=42 << 22, filename="ours.yaml",
                                    data=dump_questions([own]).encode())
    assert not report.problems
    ctx = make_ctx()
    for guild in (42 << 22, 43 << 22):
        await set_up(ctx, guild, sections="math")
    for day in range(11):
        clock.set(dt.datetime(2026, 3, 23, 9, 0, tzinfo=dt.UTC) + dt.timedelta(days=day))
        for guild in (42 << 22, 43 << 22):
            assert await post_due(ctx, guild) == "posted"
    titles = {g: Counter(c.card.title for _, c in poster.posts if c.guild_id == g)
              for g in (42 << 22, 43 << 22)}
    assert "Our own question" in titles[42 << 22] and len(titles[42 << 22]) == 11
    assert "Our own question" not in titles[43 << 22]


@pytest.mark.parametrize(("field", "value", "message"), [
    ("timezone", "Mars/Olympus", "not an IANA time zone"),
    ("time", "25:00", "not a time of day"),
    ("weekdays", "funday", "could not read the weekdays"),
    ("answer_window", "3 weeks", "not an answer window"),
    ("answer_window", "5", "between 10 minutes and 7 days"),
    ("sections", "astrology", "Unknown section"),
])
async def test_invalid_setup_values_are_refused_and_change_nothing(make_ctx, daily_app, field,
                                                                   value, message):
    ctx = make_ctx()
    options = {"time": "09:00", "timezone": "Europe/Paris", field: value}
    with pytest.raises(UserFacingError, match=message):
        await set_up(ctx, 5 << 22, **options)
    async with daily_app.sessions() as s:
        assert await s.get(DailySchedule, 5 << 22) is None


async def test_setup_accepts_friendly_forms(make_ctx):
    status = await set_up(make_ctx(), 5 << 22, time="6:30pm", timezone="europe/paris",
                          weekdays="mon-fri", sections="1, probability", answer_window="1h30")
    assert (status.time, status.timezone, status.weekdays) == ("18:30", "Europe/Paris",
                                                              "Mon–Fri")
    assert status.sections == ["math", "probability"] and status.answer_window == "90 min"
    with pytest.raises(UserFacingError, match="already paused"):
        await schedules.set_paused(make_ctx(), 5 << 22, True) and \
            await schedules.set_paused(make_ctx(), 5 << 22, True)
