"""A whole interview through the cog layer on simcord: /interview start opens a private
thread, the Answer button opens a modal, follow-ups and the report card come back."""

from __future__ import annotations

import discord
import pytest

from bot.app import open_app
from bot.bank import load_bank
from cogs.client import VivaBot
from tests.conftest import FIXTURES

MISCONCEIVED = "I believe L2 gives sparse solutions thanks to the diamond corner."


@pytest.fixture
async def app(settings):
    async with open_app(settings, bank=load_bank(FIXTURES / "interview_bank")) as opened:
        yield opened


async def _start(alice, channel, **options):
    result = await alice.slash(channel, "interview start", **options)
    assert result.ephemeral and "Your interview is in" in result.response.content
    thread = channel.threads[-1]
    return thread, thread.last_message


async def _answer(alice, message, text):
    shown = await alice.click(message, label="Answer")
    assert shown.modal is not None
    return await alice.submit_modal(shown, {"answer": text})


async def test_full_interview_in_a_private_thread(env, channel, alice):
    thread, first = await _start(alice, channel, length=1, section="math", difficulty=3)
    assert first.embeds[0].title.startswith("Question 1/1")
    assert [c.label for row in first.components for c in row.children] == [
        "Answer", "Hint (costs points)", "Skip"]

    graded = await _answer(alice, first, MISCONCEIVED)
    follow = thread.last_message
    titles = [e.title for e in follow.embeds]
    assert titles[0].startswith("Score ") and titles[1] == "Follow-up · Critique this"

    await _answer(alice, follow, "Ridge never sets a weight exactly to zero.")
    nxt = thread.last_message
    while not nxt.embeds[-1].title.startswith("Report card"):
        await alice.click(nxt, label="Skip")
        nxt = thread.last_message
    report = nxt.embeds[-1]
    text = " ".join(f.value for f in report.fields)
    assert "L2 shrinks every weight but almost never sets one exactly to zero." in text
    assert graded is not None


async def test_someone_else_cannot_press_the_buttons(env, guild, channel, alice):
    mods = guild.create_role("Mods", permissions=discord.Permissions(manage_threads=True))
    bob = guild.add_member(env.create_user("bob"), roles=[mods])  # can see private threads
    thread, first = await _start(alice, channel, length=1)
    before = len(thread.history())
    pressed = await bob.click(first, label="Skip")
    assert pressed.ephemeral and "belongs to someone else" in pressed.response.content
    hint = await bob.click(first, label="Hint (costs points)")
    assert hint.ephemeral and "belongs to someone else" in hint.response.content
    answer = await bob.click(first, label="Answer")
    assert answer.modal is None and "belongs to someone else" in answer.response.content
    assert len(thread.history()) == before  # nothing changed


async def test_hint_is_private_and_second_start_refused(env, channel, alice):
    thread, first = await _start(alice, channel, length=1)
    hint = await alice.click(first, label="Hint (costs points)")
    assert hint.ephemeral and hint.response.content.startswith("Hint 1/")
    again = await alice.slash(channel, "interview start")
    assert again.ephemeral and "already have an interview running" in again.response.content
    assert len(channel.threads) == 1


async def test_buttons_keep_working_after_a_restart(env, channel, alice, app, interview_service):
    thread, first = await _start(alice, channel, length=1)
    # a new process: a new bot object over the same database; dynamic items re-attach
    await env.restart_bot(VivaBot(app, shard_count=1, interviews=interview_service,
                                  drills=env.bot.drills))
    await env.bot.tree.sync()
    await _answer(alice, first, "L1 gives sparse solutions at the diamond corner.")
    assert thread.last_message.embeds[0].title.startswith("Score ")


async def test_end_gives_the_report_and_expired_buttons_say_so(env, channel, alice):
    thread, first = await _start(alice, channel, length=2)
    ended = await alice.slash(thread, "interview end")
    assert ended.response.embeds[0].title.startswith("Report card")
    late = await alice.click(first, label="Skip")
    assert late.ephemeral and "has finished" in late.response.content


async def test_commands_without_an_interview(env, channel, alice):
    result = await alice.slash(channel, "interview skip")
    assert result.ephemeral and "no interview running" in result.response.content


async def test_one_off_drill_offers_a_follow_up_that_can_be_answered(env, channel, alice,
                                                                    recorder):
    posted = await alice.slash(channel, "question", id="8")
    shown = await alice.click(posted.response.message, label="Answer")
    graded = await alice.submit_modal(shown, {"answer": MISCONCEIVED})
    assert graded.ephemeral
    assert [e.title for e in graded.response.embeds][1] == "Follow-up · Critique this"
    follow = await alice.click(graded.response.message, label="Answer the follow-up")
    probe_graded = await alice.submit_modal(follow, {"answer": "Ridge never zeroes weights."})
    assert probe_graded.ephemeral
    assert probe_graded.response.embeds[0].title == "Score 100/100 · strong"
    assert [c["kind"] for c in recorder.calls] == ["question", "probe"]
