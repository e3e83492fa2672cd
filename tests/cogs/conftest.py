"""Cogs run on simcord: an in-memory Discord with real discord.py objects, no network.

simcord's pytest plugin provides ``simcord_env`` from the ``simcord_bot`` fixture below.
"""

from __future__ import annotations

import random

import pytest

from bot.drill import DrillService
from bot.errors import UserFacingError
from bot.interview.service import InterviewService
from cogs.client import VivaBot
from tests.interview.fakes import fake_grader


@pytest.fixture
def interview_service(app):
    """The real interview flow with the transparent fake grader (tests/interview/fakes.py)."""
    return InterviewService(app, fake_grader, rng=random.Random(0))


@pytest.fixture
def recorder():
    from tests.interview.conftest import Recorder

    return Recorder()


@pytest.fixture
def simcord_bot(app, interview_service, recorder):
    return VivaBot(app, shard_count=1, interviews=interview_service,
                   drills=DrillService(app, fake_grader, recorder=recorder))


def _is_user_facing(error: BaseException) -> bool:
    return isinstance(getattr(error, "original", error), UserFacingError)


@pytest.fixture
async def env(simcord_env):
    """simcord records every error the tree saw; user-facing ones are expected (they were
    shown to the user ephemerally), anything else still fails the test."""
    await simcord_env.bot.tree.sync()
    yield simcord_env
    acknowledged = getattr(simcord_env, "_errors_acknowledged", 0)  # tests that read env.errors
    bugs = [e for e in simcord_env.errors_since(acknowledged) if not _is_user_facing(e)]
    simcord_env.errors  # noqa: B018 (acknowledge: the user-facing ones were handled)
    assert not bugs, f"unexpected errors: {bugs!r}"


@pytest.fixture
def guild(env):
    return env.create_guild(name="Study group")


@pytest.fixture
def channel(guild):
    return guild.create_text_channel("drills")


@pytest.fixture
def alice(env, guild):
    return guild.add_member(env.create_user("alice"))
