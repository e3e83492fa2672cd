"""User text shown back by the bot (answers, display names) pings nobody and cannot format
the bot's embeds: code blocks, bold, masked links, spoilers and quotes arrive escaped.

Here: the daily grade and reveal (first correct answerers, the week's top), the report
card, the leaderboard, past seasons, a profile and the score history. (Interview and drill
feedback and the formula echo are in tests/cogs/test_injection.py.) After every test in
tests/security, every message the bot sent is checked for its effective mention policy
(``pings_nobody`` in conftest.py)."""

from __future__ import annotations

import datetime as dt
import re

import discord
import pytest

from bot.daily.scheduler import reveal_job
from bot.scoring.record import record_attempt
from bot.store import ensure_guild, ensure_user
from tests.security.conftest import CORRECT, UTC

NAME = "**Mal** ||x|| [m](http://x) `c` @everyone"
ANSWER = ("```\nboom\n``` **bold** __under__ ||spoiler|| [link](http://x)\n"
          "> quote @everyone @here <@{uid}> <@&{rid}>")
RAW = ["**bold**", "__under__", "||spoiler||", "[link](http://x)", "```", "**Mal**", "||x||",
       "[m](http://x)", "`c`"]


def assert_inert(text: str) -> None:
    """No markdown of the hostile text is live: every token is escaped."""
    for token in RAW:
        live = re.search(r"(?<!\\)" + re.escape(token), text)
        assert live is None, f"{token!r} is live in {text!r}"
    assert not re.search(r"(?m)^> ", text), f"a live quote in {text!r}"


def embed_text(shown) -> str:
    """Every visible text of the embeds of a message or an interaction's reply."""
    embeds = shown.embeds if isinstance(shown, discord.Message) else shown.response.embeds
    return "\n".join(part for e in embeds for part in (
        e.title or "", e.description or "", e.footer.text or "", e.author.name or "",
        *(f"{f.name}\n{f.value}" for f in e.fields)))


@pytest.fixture
def pingable(guild):
    return guild.create_role("Pingable", mentionable=True)


@pytest.fixture
def mallory(env, guild):
    return guild.add_member(env.create_user("mallory"), nick=NAME)


@pytest.fixture
def hostile(bob, pingable):
    return ANSWER.format(uid=bob.id, rid=pingable.id)


async def test_daily_grade_and_reveal(env, daily, daily_clock, channel, admin, mallory,
                                      hostile):
    await admin.slash(channel, "daily setup", channel=channel, time="09:00",
                      timezone="Europe/Paris")
    await admin.slash(channel, "daily now")
    post = channel.last_message
    post_id = int(post.embeds[0].footer.text.split("daily #")[1].split(" ")[0])
    shown = await mallory.click(post, label="Answer")
    graded = await mallory.submit_modal(shown, {"answer": f"{CORRECT} {hostile}"})
    assert graded.response.embeds[0].title == "Score 90/100 · strong"
    assert_inert(embed_text(graded))
    assert "@\u200beveryone" in embed_text(graded)
    await mallory.click(graded.response.message,
                        label="Name me in reveals when I'm among the first correct")

    daily_clock.set(dt.datetime(2026, 3, 24, 8, 0, tzinfo=UTC))
    assert await reveal_job(daily.runtime_id, post_id) == "revealed"
    [reveal] = [m for m in channel.history() if m.embeds and
                m.embeds[0].title.startswith("Answer · ")]
    fields = {f.name: f.value for f in reveal.embeds[0].fields}
    assert "Mal" in fields["First correct"] and "Mal" in fields["This week's top 5"]
    assert_inert(embed_text(reveal))


async def test_report_card(env, channel, mallory, hostile):
    await mallory.slash(channel, "interview start", length=1)
    thread = channel.threads[-1]
    shown = await mallory.click(thread.last_message, label="Answer")
    await mallory.submit_modal(shown, {"answer": hostile})
    ended = await mallory.slash(thread, "interview end")
    report = ended.response.embeds[-1]
    assert report.title.startswith("Report card")
    text = embed_text(ended)
    assert_inert(text)
    assert "boom" not in text  # the report card quotes no answer


async def test_names_on_boards_seasons_profiles_and_history(env, app, guild, channel, admin,
                                                            mallory, alice):
    now = dt.datetime.now(dt.UTC)
    async with app.sessions() as s:  # points last season and this one
        await ensure_guild(s, guild_id=guild.id, name=guild.name)
        await ensure_user(s, user_id=mallory.id, name=NAME)
        for at in (now - dt.timedelta(days=70), now - dt.timedelta(minutes=5)):
            await record_attempt(s, user_id=mallory.id, guild_id=guild.id,
                                 question_id="math.logistic-gradient", question_hash="h",
                                 kind="question", answer="x", score=80, band="strong", now=at)
        await s.commit()

    board = await alice.slash(channel, "leaderboard", period="all")
    assert "Mal" in board.response.embeds[0].description
    seasons = await alice.slash(channel, "seasons")
    assert "Mal" in embed_text(seasons)
    profile = await alice.slash(channel, "profile", user=mallory)
    assert "Mal" in profile.response.embeds[0].title
    await admin.slash(channel, "score adjust", user=mallory, points=1,
                      reason="**typo** @everyone [x](http://x)")
    history = await admin.slash(channel, "score history", user=mallory)
    assert "Mal" in history.response.embeds[0].title
    for shown in (board, seasons, profile, history):
        assert_inert(embed_text(shown))
    assert "**typo**" not in embed_text(history)
