"""/daily on simcord: setup (Manage Server, clear errors, time-zone autocomplete), a post
with Answer and Hint buttons graded privately, the live count, the reveal with its thread,
and Discord errors mapped to one admin notice."""

from __future__ import annotations

import datetime as dt

import discord
import pytest
from discord import app_commands

from bot.daily.answers import DailyAnswers
from bot.daily.clock import FakeClock
from bot.daily.scheduler import reveal_job
from cogs.client import VivaBot
from tests.interview.fakes import FakeGrade

UTC = dt.UTC


async def grader(question, probe, text):
    score = 90 if "P(B|A)" in text else 30
    return FakeGrade(score=score, band="strong" if score >= 75 else "weak",
                     feedback=[f"graded {score}"])


@pytest.fixture
async def app(settings):
    from bot.app import open_app

    async with open_app(settings) as opened:  # the shipped bank: its questions have hints
        yield opened


@pytest.fixture
def daily_clock():
    return FakeClock(dt.datetime(2026, 3, 23, 10, 0, tzinfo=UTC))


@pytest.fixture
def simcord_bot(app, interview_service, recorder, daily_clock):
    from bot.drill import DrillService
    from tests.interview.fakes import fake_grader

    bot = VivaBot(app, shard_count=1, interviews=interview_service,
                  drills=DrillService(app, fake_grader, recorder=recorder))
    bot.daily_clock = daily_clock
    bot.daily_answers = DailyAnswers(app, grader, recorder=recorder, clock=daily_clock)
    bot.daily_start = {"run": False}  # jobs are fired by hand with the fake clock
    return bot


@pytest.fixture
async def started(env):
    cog = env.bot.get_cog("DailyCog")
    await cog._starting
    return env.bot.daily


@pytest.fixture
def admin(env, guild):
    role = guild.create_role("mods", permissions=discord.Permissions(manage_guild=True))
    return guild.add_member(env.create_user("ada"), roles=[role])


async def _setup(admin, channel, **options):
    options = {"time": "09:00", "timezone": "Europe/Paris", **options}
    return await admin.slash(channel, "daily setup", channel=channel, **options)


async def test_setup_then_post_now_answer_hint_and_reveal(env, started, guild, channel, admin,
                                                          alice, recorder, daily_clock):
    result = await _setup(admin, channel, weekdays="mon-fri")
    assert result.ephemeral and result.response.content == "The daily question is set up."
    fields = {f.name: f.value for f in result.response.embeds[0].fields}
    assert fields["When"] == "09:00 Europe/Paris, Mon–Fri"
    assert f"daily-post:{guild.id}" in started.job_ids()

    now = await admin.slash(channel, "daily now")
    assert now.ephemeral and "posted in" in now.response.content
    post = channel.last_message
    assert post.embeds[0].title.startswith("Daily question · ")
    assert [c.label for row in post.components for c in row.children] == [
        "Answer", "Hint (costs points)"]

    hint = await alice.click(post, label="Hint (costs points)")
    assert hint.ephemeral and hint.response.content.startswith("Hint 1/")
    shown = await alice.click(post, label="Answer")
    graded = await alice.submit_modal(shown, {"answer": "P(A|B) = P(B|A) P(A) / P(B)"})
    assert graded.ephemeral and graded.response.embeds[0].title == "Score 90/100 · strong"
    assert "This is your counted answer" in graded.response.embeds[0].footer.text
    assert channel.last_message.id == post.id  # nothing public but the count
    count = {f.name: f.value for f in channel.last_message.embeds[0].fields}["Answers"]
    assert count == "1"
    assert [c["kind"] for c in recorder.calls] == ["daily"]

    post_id = int(post.embeds[0].footer.text.split("daily #")[1].split(" ")[0])
    daily_clock.set(dt.datetime(2026, 3, 24, 8, 0, tzinfo=UTC))  # 1 h before the next 09:00
    assert await reveal_job(started.runtime_id, post_id) == "revealed"
    history = channel.history()
    [reveal] = [m for m in history if m.embeds and m.embeds[0].title.startswith("Answer · ")]
    assert reveal.reference.message_id == post.id  # a reply to the post
    shares = {f.name: f.value for f in reveal.embeds[0].fields}
    assert shares["How the server did"] == "1 of 1 correct (100 %)"
    assert channel.threads and channel.threads[-1].name.startswith("Daily 2026-03-23")
    assert not history[0].components  # the post's buttons are gone: answers are closed
    assert await reveal_job(started.runtime_id, post_id) == "taken"  # once only


async def test_members_without_manage_server_are_refused(env, started, guild, channel, alice):
    assert "daily setup" not in alice.available_commands(channel)
    command = env.backend.find_command("daily", None)
    guild.set_command_permissions(int(command["id"]), {alice: True})
    result = await _setup(alice, channel)
    assert result.ephemeral
    assert result.response.content == "You need the Manage Server permission for this command."
    assert f"daily-post:{guild.id}" not in started.job_ids()  # nothing was scheduled
    assert [type(e) for e in env.errors] == [app_commands.MissingPermissions]  # acknowledged


async def test_invalid_values_get_clear_messages_and_change_nothing(env, started, channel,
                                                                    admin):
    bad = await _setup(admin, channel, timezone="Mars/Olympus")
    assert bad.ephemeral and "not an IANA time zone" in bad.response.content
    bad = await _setup(admin, channel, time="25:61")
    assert "not a time of day" in bad.response.content
    status = await admin.slash(channel, "daily status")
    assert "no daily question yet" in status.response.content


async def test_timezone_autocomplete_offers_iana_names(env, started, channel, admin):
    choices = await admin.autocomplete(channel, "daily setup", "timezone", "paris",
                                       channel=channel, time="09:00")
    assert "Europe/Paris" in [c.value if hasattr(c, "value") else c["value"] for c in choices]


async def test_a_deleted_channel_is_told_to_admins_once(env, started, guild, channel, admin,
                                                        daily_clock):
    from bot.daily.posting import post_due

    await _setup(admin, channel)
    env.inject_error("POST", f"/channels/{channel.id}/messages", status=404, code=10003,
                     message="Unknown Channel", times=None)
    for day in range(2):
        daily_clock.set(dt.datetime(2026, 3, 24, 8, 0, tzinfo=UTC) + dt.timedelta(days=day))
        assert await post_due(started.ctx, guild.id) == "failed"
    owner_dms = guild.owner.dm_channel.history()
    told = [m for m in owner_dms if "could not post today's daily question" in m.content]
    assert len(told) == 1 and "channel no longer exists" in told[0].content
    status = await admin.slash(channel, "daily status")
    assert "channel_missing" in status.response.embeds[0].footer.text
