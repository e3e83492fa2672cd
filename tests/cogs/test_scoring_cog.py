"""/leaderboard, /score, /rewards, /season, /seasons and /help through the real command tree
on simcord, with the real recorder behind the Answer button."""

from __future__ import annotations

import datetime as dt

import discord
import pytest
from discord import app_commands

from bot.drill import DrillService
from bot.scoring.record import record_attempt
from bot.scoring.rules import HELP
from bot.store import ensure_guild, ensure_user
from bot.wiring import default_recorder
from cogs.client import VivaBot
from tests.interview.fakes import fake_grader

MATH = "math.sample-derivative"


@pytest.fixture
def simcord_bot(app, interview_service):
    return VivaBot(app, shard_count=1, interviews=interview_service,
                   drills=DrillService(app, fake_grader, recorder=default_recorder()))


@pytest.fixture
def admin(env, guild):
    role = guild.create_role("mods", permissions=discord.Permissions(manage_guild=True))
    return guild.add_member(env.create_user("mod"), roles=[role])


@pytest.fixture
def seed(app, guild):
    """Record a counted answer for each (member, score) straight through the core."""
    async def record(*players, at: dt.datetime | None = None):
        async with app.sessions() as s:
            await ensure_guild(s, guild_id=guild.id, name=guild.name)
            for i, (member, score) in enumerate(players):
                await ensure_user(s, user_id=member.id, name=member.name)
                await record_attempt(s, user_id=member.id, guild_id=guild.id,
                                     question_id=MATH, question_hash="h", kind="question",
                                     answer="x", score=score, band="partial",
                                     now=(at or dt.datetime.now(dt.UTC))
                                     - dt.timedelta(seconds=len(players) - i))
            await s.commit()
    return record


async def test_an_empty_board_is_a_private_friendly_message(channel, alice):
    result = await alice.slash(channel, "leaderboard")
    assert result.ephemeral and "Nobody has scored on the this week board" in \
        result.response.content


async def test_an_answer_puts_you_on_the_board(channel, alice):
    posted = await alice.slash(channel, "question", id="1")
    shown = await alice.click(posted.response.message, label="Answer")
    await alice.submit_modal(shown, {"answer": "sigma(z)(1 - sigma(z))"})
    board = await alice.slash(channel, "leaderboard")
    assert not board.ephemeral
    embed = board.response.embeds[0]
    assert embed.title == "Leaderboard · this week"
    assert "**alice**" in embed.description and "← you" in embed.description
    assert "#1 of 1" in embed.fields[0].value


async def test_pages_turn_for_the_owner_and_open_privately_for_others(env, guild, channel,
                                                                     alice, seed):
    players = [guild.add_member(env.create_user(f"p{i:02d}")) for i in range(14)]
    await seed(*[(m, 20 + 5 * i) for i, m in enumerate(players)], (alice, 1))
    board = await alice.slash(channel, "leaderboard", period="all")
    message = board.response.message
    first = message.embeds[0]
    assert first.description.count("\n") == 9 and "**p13**" in first.description
    assert "#15 of 15" in first.fields[0].value  # alice, off the first page
    assert "Page 1/2" in first.footer.text
    assert [c.disabled for row in message.components for c in row.children] == [True, False]

    turned = await alice.click(message, label="Next ▶")
    assert "Page 2/2" in turned.response.embeds[0].footer.text
    assert "**alice**" in channel.last_message.embeds[0].description  # edited in place

    bob = players[0]
    private = await bob.click(channel.last_message, label="◀ Previous")
    assert private.ephemeral and "Page 1/2" in private.response.embeds[0].footer.text
    assert "#14 of 15" in private.response.embeds[0].fields[0].value  # bob's own rank
    assert "Page 2/2" in channel.last_message.embeds[0].footer.text  # alice's board unchanged


async def test_a_member_who_left_is_shown_as_left(env, guild, channel, alice, seed):
    carol = guild.add_member(env.create_user("carol"))
    await seed((carol, 90), (alice, 50))
    guild.remove_member(carol)
    board = await alice.slash(channel, "leaderboard")
    assert "**carol (left)**" in board.response.embeds[0].description


async def test_score_adjust_is_audited_and_shown_in_history(env, guild, channel, alice, admin,
                                                           seed):
    await seed((alice, 50))
    command = env.backend.find_command("score", None)  # the server lets alice see /score
    guild.set_command_permissions(int(command["id"]), {alice: True})
    refused = await alice.slash(channel, "score adjust", user=alice, points=100, reason="me!")
    assert refused.ephemeral and "You need the Manage Server permission" in \
        refused.response.content  # the check in code
    assert [type(e) for e in env.errors] == [app_commands.MissingPermissions]  # acknowledged
    done = await admin.slash(channel, "score adjust", user=alice, points=-3,
                             reason="copied the reference")
    assert done.ephemeral and "by **-3** points" in done.response.content
    assert "All-time total now 2" in done.response.content
    history = await admin.slash(channel, "score history", user=alice)
    embed = history.response.embeds[0]
    assert "**-3**" in embed.description and "copied the reference" in embed.description
    assert f"<@{admin.id}>" in embed.description
    board = await alice.slash(channel, "leaderboard")
    assert "2 pts" in board.response.embeds[0].description


@pytest.mark.parametrize(("options", "message"), [
    (dict(points=0, reason="because"), "changes nothing"),
    (dict(points=5, reason="  "), "Say why"),
])
async def test_bad_adjustments_are_refused(env, channel, alice, admin, options, message):
    result = await admin.slash(channel, "score adjust", user=alice, **options)
    assert result.ephemeral and message in result.response.content
    history = await admin.slash(channel, "score history", user=alice)
    assert "has no score adjustments" in history.response.content


async def test_reward_roles_follow_the_board(env, guild, channel, alice, admin, seed):
    await seed((alice, 80))
    champion = guild.create_role("Champion")  # below the bot's role: assignable
    result = await admin.slash(channel, "rewards set", rank=1, role=champion)
    assert result.ephemeral and "Saved:" in result.response.content
    assert "Roles given: 1, taken back: 0." in result.response.content
    assert champion.id in env.backend.get_member(guild.id, alice.id).role_ids
    bob = guild.add_member(env.create_user("bob"))
    await seed((bob, 100))  # bob overtakes alice
    synced = await admin.slash(channel, "rewards sync")
    assert "Roles given: 1, taken back: 1." in synced.response.content
    assert champion.id not in env.backend.get_member(guild.id, alice.id).role_ids
    assert champion.id in env.backend.get_member(guild.id, bob.id).role_ids
    listed = await admin.slash(channel, "rewards list")
    assert f"<@&{champion.id}> → top 1 of the season" in listed.response.content


async def test_a_role_the_bot_cannot_manage_is_reported_and_left_alone(env, guild, channel,
                                                                      alice, admin, seed):
    await seed((alice, 80))
    crown = guild.create_role("Crown", position=5)  # above the bot's own role
    result = await admin.slash(channel, "rewards season-winner", role=crown)
    text = result.response.content
    assert "goes to the winner of the last season" in text
    assert "I can't assign" in text and "my highest role" in text
    assert crown.id not in env.backend.get_member(guild.id, alice.id).role_ids
    listed = await admin.slash(channel, "rewards list")
    assert "⚠️ my highest role" in listed.response.content
    missing = await admin.slash(channel, "rewards remove", role=guild.create_role("Other"))
    assert missing.ephemeral and "is not a reward role here" in missing.response.content


async def test_season_length_and_seasons(channel, alice, admin):
    bad = await admin.slash(channel, "season length", length="fortnight")
    assert bad.ephemeral and "`month`, `quarter` or `N weeks`" in bad.response.content
    good = await admin.slash(channel, "season length", length="2 weeks")
    assert "Seasons will last 2 weeks, from the next season on" in good.response.content
    shown = await alice.slash(channel, "seasons")
    assert shown.response.embeds[0].title == "Season #1"
    assert "Seasons last 2 weeks" in shown.response.embeds[0].description


async def test_help_scoring(channel, alice):
    result = await alice.slash(channel, "help", topic="scoring")
    assert result.ephemeral and result.response.embeds[0].description == HELP
