"""/review next and /review remind on simcord, with the real review recorder."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.review.jobs import job_id
from bot.review.memory import update_review
from bot.review.record import with_review
from bot.scoring.record import record_attempt
from bot.store import ensure_user

MATH = "math.sample-derivative"


class Recording:
    """The real recorder (attempt + review card), remembering what it was asked."""

    def __init__(self):
        self.calls: list[dict] = []
        self.real = with_review(record_attempt)

    async def __call__(self, session, **kw):
        self.calls.append(kw)
        return await self.real(session, **kw)


@pytest.fixture
def recorder():
    return Recording()


async def seed_due(app, user_id: int, question_id: str = MATH) -> None:
    """A weak answer two days ago: due now."""
    async with app.sessions() as s:
        await ensure_user(s, user_id=user_id, name="alice")
        await update_review(s, user_id=user_id, question_id=question_id, score=5,
                            now=dt.datetime.now(dt.UTC) - dt.timedelta(days=2))
        await s.commit()


def cog(env):
    return env.bot.get_cog("ReviewCog")


async def test_nothing_to_review_is_a_friendly_private_message(env, channel, alice):
    result = await alice.slash(channel, "review next")
    assert result.ephemeral
    assert "Nothing to review yet" in result.response.content


async def test_review_serves_the_due_question_and_records_a_review(env, app, channel, alice,
                                                                   recorder):
    await seed_due(app, alice.id)
    before = channel.last_message
    served = await alice.slash(channel, "review next")
    assert served.ephemeral and channel.last_message is before  # nothing public
    message = served.response
    assert message.embeds[0].title == "Derivative of the sigmoid"
    assert message.embeds[0].author.name.startswith("Review · ")
    assert "Due for 2 days" in message.content and "1 due" in message.content
    shown = await alice.click(message, label="Answer")
    assert shown.modal is not None
    graded = await alice.submit_modal(shown, {"answer": "sigma(1 - sigma)",
                                              "confidence": ["0.9"]})
    assert graded.ephemeral and graded.response.embeds[0].title.startswith("Score ")
    assert [(c["kind"], c["confidence"]) for c in recorder.calls] == [("review", 0.9)]
    again = await alice.slash(channel, "review next")
    assert "Nothing is due for review. Next up: 'Derivative of the sigmoid'" in \
        again.response.content


async def test_question_answer_modal_takes_an_optional_confidence(env, channel, alice,
                                                                  recorder):
    posted = await alice.slash(channel, "question", id="1")
    shown = await alice.click(posted.response.message, label="Answer")
    await alice.submit_modal(shown, {"answer": "no idea"})
    shown = await alice.click(posted.response.message, label="Answer")
    await alice.submit_modal(shown, {"answer": "no idea", "confidence": ["0.5"]})
    assert [(c["kind"], c["confidence"]) for c in recorder.calls] == [("question", None),
                                                                      ("question", 0.5)]


async def test_reminder_on_schedules_a_job_and_off_removes_it(env, channel, alice):
    on = await alice.slash(channel, "review remind on", hour=9, timezone="Europe/Paris")
    assert on.ephemeral and "09:00 (Europe/Paris)" in on.response.content
    job = cog(env).scheduler.get_job(job_id(alice.id))
    assert job is not None and str(job.trigger.timezone) == "Europe/Paris"
    off = await alice.slash(channel, "review remind off")
    assert "are off" in off.response.content
    assert cog(env).scheduler.get_job(job_id(alice.id)) is None
    assert "were not on" in (await alice.slash(channel, "review remind off")).response.content


async def test_an_unknown_time_zone_changes_nothing(env, channel, alice):
    bad = await alice.slash(channel, "review remind on", hour=9, timezone="Mars/Olympus")
    assert bad.ephemeral and "I don't know the time zone 'Mars/Olympus'" in bad.response.content
    assert cog(env).scheduler.get_job(job_id(alice.id)) is None


async def test_the_reminder_job_sends_a_dm_when_something_is_due(env, app, channel, alice):
    await seed_due(app, alice.id)
    hour = dt.datetime.now(dt.UTC).hour
    await alice.slash(channel, "review remind on", hour=hour, timezone="UTC")
    await cog(env).remind_job(alice.id)
    await env.settle()
    dm = alice.user.dm_channel.last_message
    assert dm is not None and "1 review question is due" in dm.content
    await cog(env).remind_job(alice.id)  # the same local day: not again
    await env.settle()
    assert alice.user.dm_channel.last_message.id == dm.id
