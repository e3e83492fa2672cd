"""The database outage seen from Discord (simcord, PostgreSQL behind a cuttable proxy):
a private "database unavailable" message, no thread opened, no answer lost, and the same
bot works again once the database is back."""

from __future__ import annotations

import pytest

from bot.app import open_app
from bot.bank import load_bank
from bot.store.outage import DB_UNAVAILABLE
from tests.conftest import FIXTURES


@pytest.fixture
async def app(pg_settings):
    async with open_app(pg_settings, bank=load_bank(FIXTURES / "interview_bank")) as opened:
        yield opened


def _acknowledge(env) -> None:
    env.errors  # noqa: B018  (the outage errors were shown to the user; not bugs)


async def test_commands_and_buttons_fail_politely_and_recover(env, channel, alice, db_proxy):
    await db_proxy.cut()
    refused = await alice.slash(channel, "interview start", length=1)
    assert refused.ephemeral and refused.response.content == DB_UNAVAILABLE
    assert channel.threads == []  # nothing was opened
    await db_proxy.restore()

    started = await alice.slash(channel, "interview start", length=1)
    assert "Your interview is in" in started.response.content
    thread = channel.threads[-1]
    question = thread.last_message
    await db_proxy.cut()
    shown = await alice.click(question, label="Answer")
    assert shown.modal is None and shown.response.content == DB_UNAVAILABLE
    skipped = await alice.click(question, label="Skip")
    assert skipped.ephemeral and skipped.response.content == DB_UNAVAILABLE
    assert thread.last_message.id == question.id  # the interview did not move
    await db_proxy.restore()

    shown = await alice.click(question, label="Answer")
    await alice.submit_modal(shown, {"answer": "L1 gives sparse solutions at the corner."})
    assert thread.last_message.embeds[0].title.startswith("Score ")
    _acknowledge(env)


async def test_an_answer_submitted_while_down_can_be_sent_again(env, channel, alice, db_proxy):
    await alice.slash(channel, "interview start", length=1)
    thread = channel.threads[-1]
    question = thread.last_message
    shown = await alice.click(question, label="Answer")  # modal opened while up
    await db_proxy.cut()
    failed = await alice.submit_modal(shown, {"answer": "L1 gives sparse solutions."})
    assert DB_UNAVAILABLE in (failed.response.content or "")
    await db_proxy.restore()
    again = await alice.click(question, label="Answer")
    await alice.submit_modal(again, {"answer": "L1 gives sparse solutions."})
    assert thread.last_message.embeds[0].title.startswith("Score ")
    _acknowledge(env)
