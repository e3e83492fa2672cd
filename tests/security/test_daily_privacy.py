"""Nobody sees another member's daily answer, grade or missed key points before the reveal:
grades are private replies, the post shows only a count, the discussion thread opens at
the reveal, and another member's profile leaves out today's rubric until then."""

from __future__ import annotations

import datetime as dt

import pytest
from simcord import SetupError

from bot.daily.scheduler import reveal_job
from tests.security.conftest import UTC

SECRET = "my private reasoning about variance, zebra-17"


def visible_text(guild, viewer) -> str:
    """Everything ``viewer`` can read in the server: every channel and thread they can open."""
    texts = []
    for channel in guild.channels.values():
        for where in (channel, *channel.threads):
            try:
                history = where.history(viewer=viewer)
            except SetupError:  # a channel or private thread they cannot open
                continue
            for m in history:
                texts.append(m.content or "")
                for e in m.embeds:
                    texts += [e.title or "", e.description or "", e.footer.text or "",
                              e.author.name or "", *(f"{f.name} {f.value}" for f in e.fields)]
    return "\n".join(texts)


@pytest.fixture
async def posted(env, daily, channel, admin):
    await admin.slash(channel, "daily setup", channel=channel, time="09:00",
                      timezone="Europe/Paris")
    await admin.slash(channel, "daily now")
    post = channel.last_message
    post_id = int(post.embeds[0].footer.text.split("daily #")[1].split(" ")[0])
    return post, post_id


def _fields(embed) -> dict[str, str]:
    return {f.name: f.value for f in embed.fields}


async def test_answers_grades_and_rubric_stay_private_until_the_reveal(
        env, daily, daily_clock, guild, channel, posted, alice, bob):
    post, post_id = posted
    title = post.embeds[0].title.removeprefix("Daily question · ")
    shown = await alice.click(post, label="Answer")
    graded = await alice.submit_modal(shown, {"answer": SECRET})
    assert graded.ephemeral and graded.response.embeds[0].title == "Score 30/100 · weak"
    assert SECRET in graded.response.embeds[0].description  # alice sees her own

    with pytest.raises(SetupError, match="not visible"):  # her follow-up and opt-in button
        await bob.click(graded.response.message, label="Answer the follow-up")
    assert _fields(channel.last_message.embeds[0])["Answers"] == "1"  # a count, nothing more
    assert not channel.threads, "the discussion thread opens at the reveal"
    hint = await bob.click(post, label="Hint (costs points)")
    assert hint.ephemeral
    assert SECRET not in visible_text(guild, bob)

    own = await alice.slash(channel, "profile")
    assert f"({title})" in _fields(own.response.embeds[0])["Weakest key points"]
    theirs = await bob.slash(channel, "profile", user=alice)
    assert title not in _fields(theirs.response.embeds[0]).get("Weakest key points", "")
    assert theirs.ephemeral

    daily_clock.set(dt.datetime(2026, 3, 24, 8, 0, tzinfo=UTC))
    assert await reveal_job(daily.runtime_id, post_id) == "revealed"
    [reveal] = [m for m in channel.history() if m.embeds and
                m.embeds[0].title.startswith("Answer · ")]
    assert "First correct" not in _fields(reveal.embeds[0])  # nobody opted in and was right
    assert channel.threads  # now the discussion opens
    after = await bob.slash(channel, "profile", user=alice)
    assert f"({title})" in _fields(after.response.embeds[0])["Weakest key points"]
    assert SECRET not in visible_text(guild, bob)  # the answer itself is never shown
