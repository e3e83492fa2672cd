"""/bank on simcord: an admin imports an attachment, a member who does not manage the
server is refused even when allowed to see the command, export returns a file."""

from __future__ import annotations

from pathlib import Path

import discord
import pytest
from discord import app_commands

from bot.bank.scoped import eligible_questions

FILES = Path(__file__).parents[1] / "bank" / "files"
GOOD = (FILES / "good.yaml").read_bytes()


@pytest.fixture
def admin(env, guild):
    role = guild.create_role("mods", permissions=discord.Permissions(manage_guild=True))
    return guild.add_member(env.create_user("ada"), roles=[role])


@pytest.fixture
def bob(env, guild):
    """A plain member whom the server lets see /bank (a command-permission override)."""
    member = guild.add_member(env.create_user("bob"))
    command = env.backend.find_command("bank", None)
    guild.set_command_permissions(int(command["id"]), {member: True})
    return member


async def test_admin_imports_an_attachment_then_anyone_can_get_the_question(
        env, guild, channel, admin, alice):
    result = await admin.slash(channel, "bank import", file=("ours.yaml", GOOD))
    assert result.ephemeral
    assert result.response.content.startswith("Imported: 2 added, 0 updated, 0 unchanged.")
    assert "`math.group-trace-trick`" in result.response.content
    posted = await alice.slash(channel, "question", id="math.group-trace-trick")
    assert not posted.ephemeral
    assert posted.response.embeds[0].title == "The trace trick"
    assert posted.response.embeds[0].footer.text == "id: math.group-trace-trick"
    shown = await alice.click(posted.response.message, label="Answer")
    graded = await alice.submit_modal(shown, {"answer": "a scalar is its trace; cyclic"})
    assert graded.response.embeds[0].title.startswith("Score ")


async def test_the_question_is_unknown_in_another_server(env, guild, channel, admin):
    await admin.slash(channel, "bank import", file=("ours.yaml", GOOD))
    other = env.create_guild(name="Elsewhere")
    there = other.create_text_channel("general")
    carol = other.add_member(env.create_user("carol"))
    result = await carol.slash(there, "question", id="math.group-trace-trick")
    assert result.ephemeral and "I don't know a question" in result.response.content


async def test_a_member_who_does_not_manage_the_server_is_refused(env, app, channel, bob):
    result = await bob.slash(channel, "bank import", file=("ours.yaml", GOOD))
    assert result.ephemeral
    assert result.response.content == "You need the Manage Server permission for this command."
    assert len(await eligible_questions(app, channel.guild.id)) == len(app.bank)
    exported = await bob.slash(channel, "bank export")
    assert "Manage Server" in exported.response.content and not exported.response.attachments
    assert [type(e) for e in env.errors] == [app_commands.MissingPermissions] * 2  # acknowledged


async def test_the_command_is_hidden_from_plain_members(env, guild, channel, alice):
    assert "bank import" not in alice.available_commands(channel)


async def test_a_bad_file_lists_its_problems_and_changes_nothing(env, app, channel, admin):
    bad = GOOD.replace(b"difficulty: 2", b"difficulty: 7").replace(
        b'"probability.group-markov"', b'"probability.sample-bayes"')
    result = await admin.slash(channel, "bank import", file=("ours.yaml", bad))
    content = result.response.content
    assert content.startswith("Nothing was imported: 2 problem(s) in the file.")
    assert "`ours.yaml:6: question 1 ('math.group-trace-trick'): difficulty:" in content
    assert "belongs to a shipped question" in content
    assert len(await eligible_questions(app, channel.guild.id)) == len(app.bank)


async def test_export_returns_a_file_that_imports_back(env, channel, admin):
    await admin.slash(channel, "bank import", file=("ours.yaml", GOOD))
    exported = await admin.slash(channel, "bank export")
    assert exported.ephemeral
    [attachment] = exported.response.attachments
    assert attachment.filename.endswith(".yaml")
    data = await attachment.read()
    assert b"math.group-trace-trick" in data and b"reference: |" in data
    again = await admin.slash(channel, "bank import", file=("back.yaml", data))
    assert again.response.content.startswith("Imported: 0 added, 0 updated, 2 unchanged.")


async def test_list_and_remove(env, channel, admin, alice):
    await admin.slash(channel, "bank import", file=("ours.yaml", GOOD))
    listed = await admin.slash(channel, "bank list")
    embed = listed.response.embeds[0]
    assert embed.title == "This server's questions (2/200)"
    assert "`probability.group-markov` · Markov's inequality" in embed.description
    gone = await admin.slash(channel, "bank remove", id="probability.group-markov")
    assert gone.ephemeral and gone.response.content.startswith(
        "Removed `probability.group-markov` (Markov's inequality).")
    asked = await alice.slash(channel, "question", id="probability.group-markov")
    assert asked.ephemeral and "I don't know a question" in asked.response.content


async def test_empty_server_list_and_export_are_friendly(env, channel, admin):
    for command in ("bank list", "bank export"):
        result = await admin.slash(channel, command)
        assert result.ephemeral and "no questions of its own" in result.response.content
