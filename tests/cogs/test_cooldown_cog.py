"""The grading cooldown seen from Discord: a private message with the wait, nothing posted
publicly, nothing recorded."""

from __future__ import annotations

import pytest

from bot.drill import DrillService
from bot.ratelimit import RateLimiter
from cogs.client import VivaBot
from tests.interview.fakes import fake_grader


@pytest.fixture
def simcord_bot(app, interview_service, recorder):
    limiter = RateLimiter(1, clock=lambda: 0.0)  # time stands still: one answer a minute
    return VivaBot(app, shard_count=1, interviews=interview_service,
                   drills=DrillService(app, fake_grader, recorder=recorder, limiter=limiter))


async def test_a_second_answer_within_the_minute_gets_the_wait(env, channel, alice, recorder):
    posted = await alice.slash(channel, "question", id="11")
    first = await alice.submit_modal(await alice.click(posted.response.message, label="Answer"),
                                     {"answer": "P(A|B) = P(B|A) P(A) / P(B)"})
    assert first.response.embeds[0].title.startswith("Score ")
    again = await alice.submit_modal(await alice.click(posted.response.message, label="Answer"),
                                     {"answer": "once more"})
    assert again.ephemeral
    assert "send it again in 60 s" in again.response.content
    assert len(recorder.calls) == 1
    assert channel.last_message.id == posted.response.message.id  # nothing public
