"""The permission matrix runs on simcord like tests/cogs, with every extension loaded, the
shipped bank, the daily question on a fake clock and a grader that quotes the answer back
(the worst case for escaping). Helpers here stand for what a hostile or careless server
can do: let everyone see an admin command, or send an interaction the client would not."""

from __future__ import annotations

import contextlib
import datetime as dt
import random
import re

import discord
import pytest
from sqlalchemy import select
from sqlmodel import SQLModel

from bot.daily.answers import DailyAnswers
from bot.daily.clock import FakeClock
from bot.drill import DrillService
from bot.interview.service import InterviewService
from bot.wiring import default_recorder
from cogs.client import VivaBot
from tests.cogs import conftest as cogs
from tests.interview.fakes import FakeGrade

UTC = dt.UTC
SENT = (0, 19, 20)  # default, reply, slash-command reply: what the bot writes
env, guild, channel, alice = cogs.env, cogs.guild, cogs.channel, cogs.alice
CORRECT = "P(A|B) = P(B|A) P(A) / P(B)"


async def quoting_grader(question, probe, text: str) -> FakeGrade:
    """Strong when the answer holds CORRECT, else every key point missed (so a follow-up
    comes); always quotes the answer back."""
    strong = CORRECT in text
    points = probe.key_points if probe else question.key_points
    missed = [] if strong else [{"id": k.id, "text": k.text, "weight": k.weight}
                                for k in points]
    return FakeGrade(score=90 if strong else 30, band="strong" if strong else "weak",
                     feedback=[f"You wrote: {text}"], missed=missed)


@pytest.fixture
async def app(settings):
    from bot.app import open_app

    async with open_app(settings) as opened:  # the shipped bank (hints, probes, seeds 1-50)
        yield opened


@pytest.fixture
def daily_clock():
    return FakeClock(dt.datetime(2026, 3, 23, 10, 0, tzinfo=UTC))


@pytest.fixture
def simcord_bot(app, daily_clock):
    """The real recorder (attempts, points, review cards), so boards and profiles fill."""
    recorder = default_recorder()
    bot = VivaBot(app, shard_count=1,
                  interviews=InterviewService(app, quoting_grader, recorder=recorder,
                                              rng=random.Random(0)),
                  drills=DrillService(app, quoting_grader, recorder=recorder))
    bot.daily_clock = daily_clock
    bot.daily_answers = DailyAnswers(app, quoting_grader, recorder=recorder, clock=daily_clock)
    bot.daily_start = {"run": False}  # jobs are fired by hand with the fake clock
    bot.no_background_tasks = True
    return bot


@pytest.fixture
async def daily(env):
    """The daily scheduler, started (its jobs are fired by hand)."""
    await env.bot.get_cog("DailyCog")._starting
    return env.bot.daily


@pytest.fixture
def admin(env, guild):
    role = guild.create_role("mods", permissions=discord.Permissions(manage_guild=True))
    return guild.add_member(env.create_user("ada"), roles=[role])


@pytest.fixture
def bob(env, guild):
    return guild.add_member(env.create_user("bob"))


def let_see(env, guild, member, root: str) -> None:
    """The server's Integrations settings let ``member`` use ``/root`` although they lack its
    default permission: Discord then shows and delivers the command to them, so only the
    check in code stands between them and the command."""
    command = env.backend.find_command(root, None)
    guild.set_command_permissions(int(command["id"]), {member: True})


@contextlib.contextmanager
def forged():
    """Deliver interactions the Discord client would not offer (a command hidden in this
    context, e.g. a server-only command in DMs), as a modified client or a raw API call
    would try: simcord's picker check is skipped, nothing else."""
    import simcord.actors as actors

    saved = actors._check_command_access
    actors._check_command_access = lambda *a, **k: None
    try:
        yield
    finally:
        actors._check_command_access = saved


async def snapshot(app) -> dict[str, list[tuple]]:
    """Every row of every table, to show that a refused command changed nothing."""
    rows = {}
    async with app.sessions() as s:
        connection = await s.connection()
        for table in SQLModel.metadata.sorted_tables:
            result = await connection.execute(select(table))
            rows[table.name] = sorted(map(tuple, result.all()), key=repr)
    return rows


@pytest.fixture(autouse=True)
def pings_nobody(env):
    """After the test: the bot's messages ping no role, not @everyone, and no user but the
    candidate it opens an interview thread for."""
    yield
    for channel_messages in env.backend.messages.values():
        for m in channel_messages.values():
            if m.author_id != env.backend.bot_user.id or m.type not in SENT:
                continue  # a member's message, or a system one (a thread was created)
            policy = m.allowed_mentions
            assert policy.everyone is False and policy.roles == frozenset(), m.content
            assert not m.mention_everyone and m.ping_role_ids == []
            opener = re.fullmatch(r"<@(\d+)>, your interview starts now\.", m.content or "")
            expected = [int(opener[1])] if opener else []
            assert m.ping_user_ids == expected, m.content
            if not opener:
                assert policy.users == frozenset(), m.content
