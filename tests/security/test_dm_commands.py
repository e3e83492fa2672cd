"""Commands in DMs: Discord offers only those that make sense there; a server-only command
that arrives from a DM anyway (a modified client) gets a clear private message, changes
nothing and is not logged as a bug."""

from __future__ import annotations

import pytest
from discord import app_commands

from tests.security.conftest import forged, snapshot
from tests.security.test_admin_matrix import GOOD, MEMBER, SERVER_ONLY

# A DM cannot carry a server's channel or role, so these options cannot be forged there
# (the tree refuses them before their options are read, like the others). A new
# server-only command with required options fails below until it gets its DM_OPTIONS.
NEEDS_SERVER_ENTITY = {"daily setup", "rewards set", "rewards season-winner", "rewards remove"}
DM_OPTIONS = {
    "bank import": dict(file=("ours.yaml", GOOD)),
    "bank remove": dict(id="math.group-trace-trick"),
    "score adjust": dict(points=500, reason="for me"),  # + user: the caller
    "score history": {},  # + user
    "season length": dict(length="quarter"),
}


def test_dms_offer_only_what_works_there(env):
    carol = env.create_user("carol")
    assert set(carol.available_commands()) == MEMBER - SERVER_ONLY


@pytest.mark.parametrize("name", sorted(SERVER_ONLY - NEEDS_SERVER_ENTITY))
async def test_a_server_only_command_from_a_dm_is_refused_clearly(env, app, daily, name):
    carol = env.create_user("carol")
    options = dict(DM_OPTIONS.get(name, {}))
    if name.startswith("score "):
        options["user"] = carol
    before = await snapshot(app)
    cursor = env.error_cursor
    with forged():
        result = await carol.slash(name, **options)
    assert result.ephemeral
    assert result.response.content == "This command only works in a server."
    assert await snapshot(app) == before
    assert [type(e) for e in env.errors_since(cursor)] == [app_commands.NoPrivateMessage]
    env.errors  # noqa: B018 (acknowledged: the refusal above)


async def test_what_dms_offer_works_in_dms(env, app):
    carol = env.create_user("carol")
    question = await carol.slash("question", id="11")
    assert not question.ephemeral and question.response.embeds[0].footer.text
    profile = await carol.slash("profile")
    assert profile.ephemeral and profile.response.embeds[0].title == "Profile · carol"
    started = await carol.slash("interview start", length=1)
    assert started.response.embeds[0].title.startswith("Question 1/1")
    assert not env.errors
