"""Scoped lookups: what one server (or a DM) may be asked."""

from __future__ import annotations

import pytest

from bot.bank.scoped import eligible_questions, find_question
from bot.errors import UserFacingError


async def test_shipped_questions_are_eligible_everywhere(app):
    for guild_id in (None, 42):
        ids = {q.id for q in await eligible_questions(app, guild_id)}
        assert ids == set(app.bank.ids())


async def test_find_by_id_or_seed_number(app):
    by_id = await find_question(app, "math.sample-derivative", 42)
    by_seed = await find_question(app, "1", None)
    assert by_id.id == by_seed.id == "math.sample-derivative"


async def test_unknown_key_is_a_friendly_error(app):
    with pytest.raises(UserFacingError, match="don't know"):
        await find_question(app, "math.no-such-thing", 42)
