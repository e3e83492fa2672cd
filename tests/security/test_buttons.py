"""Every button of the bot, by who may press it. Interview buttons (Answer, Hint, Skip, on a
question and on its follow-ups) belong to the candidate: anyone else who can see them is
refused privately and nothing changes. Buttons under a private reply (follow-ups of a
drill or a daily answer, the reveal opt-in, a review) cannot even be seen by others.
Buttons under a public post act for whoever presses them, never for the post's author.

A button registered without a row below fails ``test_every_button_is_classified``.
"""

from __future__ import annotations

import datetime as dt

import discord
import pytest
from simcord import SetupError
from sqlmodel import select

from bot.store import ensure_guild, ensure_user
from bot.store.models import Attempt
from bot.wiring import default_recorder
from tests.security.conftest import snapshot

BUTTONS = {
    # the candidate only: custom id carries the interview, the service checks its owner
    "AnswerButton": "owner", "HintButton": "owner", "SkipButton": "owner",
    # only ever under an ephemeral reply: nobody else sees them
    "ProbeAnswerButton": "private", "ReviewAnswerButton": "private",
    "DailyProbeButton": "private", "DailyCreditButton": "private",
    # under a public post: each presser answers (or gets a hint) for themselves
    "QuestionAnswerButton": "presser", "DailyAnswerButton": "presser",
    "DailyHintButton": "presser",
    # the leaderboard: the owner pages in place, anyone else gets a private copy
    # (tests/cogs/test_scoring_cog.py::test_pages_turn_for_the_owner_and_open_privately...)
    "PageButton": "owner-or-private-copy",
}
INTERVIEW_LABELS = ["Answer", "Hint (costs points)", "Skip"]


def test_every_button_is_classified(env):
    registered = {item.__name__ for item in env.bot._connection._view_store
                  ._dynamic_items.values()}
    assert registered == set(BUTTONS), f"classify: {sorted(registered ^ set(BUTTONS))}"


async def _public_thread(env, channel):
    """A public thread: an interview started there is posted where everyone can see it."""
    created = await env.bot.get_channel(channel.id).create_thread(
        name="study", type=discord.ChannelType.public_thread)
    return next(t for t in channel.threads if t.id == created.id)


@pytest.fixture
async def interview(env, channel, alice):
    thread = await _public_thread(env, channel)
    started = await alice.slash(thread, "interview start", length=2)
    assert not started.ephemeral
    return thread, started.response.message


@pytest.mark.parametrize("stage", ["question", "follow-up"])
@pytest.mark.parametrize("label", INTERVIEW_LABELS)
async def test_nobody_else_presses_interview_buttons(env, app, interview, alice, bob, stage,
                                                     label):
    thread, message = interview
    if stage == "follow-up":
        shown = await alice.click(message, label="Answer")
        await alice.submit_modal(shown, {"answer": "a weak answer"})
        message = thread.last_message
        assert message.embeds[-1].title.startswith("Follow-up · ")
    before, history = await snapshot(app), [m.id for m in thread.history()]

    pressed = await bob.click(message, label=label)

    assert pressed.modal is None and pressed.ephemeral
    assert "This interview belongs to someone else" in pressed.response.content
    assert await snapshot(app) == before
    assert [m.id for m in thread.history()] == history
    again = await alice.click(message, label=label)  # still alice's to press
    assert again.modal is not None or "someone else" not in (again.response.content or "")


async def test_a_private_interview_thread_is_out_of_reach(env, channel, alice, bob):
    started = await alice.slash(channel, "interview start", length=1)
    assert started.ephemeral
    thread = channel.threads[-1]
    with pytest.raises(SetupError, match="not accessible|not visible"):
        await bob.click(thread.last_message, label="Skip")


async def test_interview_commands_act_on_your_own_interview_only(env, app, interview, bob):
    thread, _ = interview
    before = await snapshot(app)
    for name in ("interview hint", "interview skip", "interview end"):
        result = await bob.slash(thread, name)
        assert result.ephemeral and "You have no interview running" in result.response.content
    assert await snapshot(app) == before


async def test_a_drill_follow_up_is_the_answerers_alone(env, app, channel, alice, bob):
    posted = await alice.slash(channel, "question", id="11")
    shown = await alice.click(posted.response.message, label="Answer")
    graded = await alice.submit_modal(shown, {"answer": "a weak answer"})
    assert graded.ephemeral and graded.response.embeds[1].title.startswith("Follow-up · ")
    assert graded.response.message.id not in [m.id for m in channel.history(viewer=bob)]
    with pytest.raises(SetupError, match="not visible"):
        await bob.click(graded.response.message, label="Answer the follow-up")

    # bob's press of the public Answer button is bob's answer, privately
    shown = await bob.click(posted.response.message, label="Answer")
    mine = await bob.submit_modal(shown, {"answer": "bob's own"})
    assert mine.ephemeral
    async with app.sessions() as s:
        rows = (await s.exec(select(Attempt.user_id, Attempt.answer))).all()
    assert sorted(rows) == sorted([(alice.id, "a weak answer"), (bob.id, "bob's own")])


async def test_a_review_is_private(env, app, guild, channel, alice, bob):
    async with app.sessions() as s:  # alice answered weakly two days ago: due now
        await ensure_user(s, user_id=alice.id, name=alice.name)
        await ensure_guild(s, guild_id=guild.id, name=guild.name)
        await default_recorder()(
            s, user_id=alice.id, guild_id=guild.id, question_id="math.logistic-gradient",
            question_hash="h", kind="question", answer="a", score=10, band="weak",
            now=dt.datetime.now(dt.UTC) - dt.timedelta(days=2))
        await s.commit()
    review = await alice.slash(channel, "review next")
    assert review.ephemeral and review.response.embeds[0].author.name.startswith("Review · ")
    with pytest.raises(SetupError, match="not visible"):
        await bob.click(review.response.message, label="Answer")
