"""Hostile text in answers, shown back by the bot: markdown and code injection are escaped
in embeds, and mentions in user text never ping (the bot's allowed_mentions is none)."""

from __future__ import annotations

import random

import discord
import pytest

from bot.drill import DrillService
from bot.interview.service import InterviewService
from cogs.client import VivaBot
from tests.interview.fakes import FakeGrade

HOSTILE = "@everyone @here <@{uid}> <@&{rid}> **bold** __under__ ~~gone~~ `code` [link](http://x)"


async def echo_grader(question, probe, text: str) -> FakeGrade:
    """A grader that quotes the answer back (the worst case for escaping)."""
    return FakeGrade(score=50, band="partial", feedback=[f"You wrote: {text}"],
                     symbolic={"verdict": "incorrect", "read_as": "x` **y** <@1>"})


@pytest.fixture
def simcord_bot(app, recorder):
    return VivaBot(app, shard_count=1,
                   interviews=InterviewService(app, echo_grader, rng=random.Random(0)),
                   drills=DrillService(app, echo_grader, recorder=recorder))


@pytest.fixture
def everyone_role(guild):
    return guild.create_role("Pingable", mentionable=True,
                             permissions=discord.Permissions(mention_everyone=True))


def _stored(env, message):
    return env.backend.messages[message.channel.id][message.id]


def _no_pings(stored) -> None:
    assert stored.ping_user_ids == [] and stored.ping_role_ids == []
    assert stored.mention_everyone is False


def test_the_bot_never_pings_by_default(env):
    assert env.bot.allowed_mentions.to_dict() == {"parse": []}


async def test_an_interview_answer_is_escaped_and_pings_nobody(env, guild, channel, alice,
                                                               everyone_role):
    text = HOSTILE.format(uid=alice.id, rid=everyone_role.id)
    await alice.slash(channel, "interview start", length=1)
    thread = channel.threads[-1]
    shown = await alice.click(thread.last_message, label="Answer")
    await alice.submit_modal(shown, {"answer": text})
    reply = thread.last_message
    description = reply.embeds[0].description
    assert r"\*\*bold\*\*" in description and r"\_\_under\_\_" in description
    assert r"\~\~gone\~\~" in description and r"\`code\`" in description
    assert "@\u200beveryone" in description and "@\u200bhere" in description
    assert f"<@{alice.id}>" not in description
    assert reply.embeds[0].fields[0].value == "`xˋ **y** <@1>`"  # one code span, not broken
    _no_pings(_stored(env, reply))


async def test_a_drill_answer_is_escaped_too(env, channel, alice):
    posted = await alice.slash(channel, "question", id="11")
    shown = await alice.click(posted.response.message, label="Answer")
    graded = await alice.submit_modal(shown, {"answer": HOSTILE.format(uid=alice.id, rid=1)})
    description = graded.response.embeds[0].description
    assert "@\u200beveryone" in description and r"\*\*bold\*\*" in description


async def test_user_text_in_an_error_message_pings_nobody(env, channel, alice, everyone_role):
    mention = f"@everyone <@{alice.id}> <@&{everyone_role.id}>"
    before = len(env.http_requests)
    result = await alice.slash(channel, "question", id=mention)
    assert result.ephemeral and mention in result.response.content  # echoed as typed
    replies = [r.json for r in env.http_requests[before:] if r.path.endswith("/callback")]
    assert replies and all(r["data"]["allowed_mentions"] == {"parse": []} for r in replies)


async def test_a_message_the_bot_sends_with_mentions_in_user_text_does_not_ping(
        env, guild, channel, alice, everyone_role):
    text = f"@everyone <@{alice.id}> <@&{everyone_role.id}>"
    sent = await env.bot.get_channel(channel.id).send(f"You wrote: {text}")
    stored = _stored(env, sent)
    assert stored.mention_user_ids == [alice.id]  # it is written as a mention ...
    _no_pings(stored)  # ... but pings nobody
