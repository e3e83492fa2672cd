"""Answering a daily post: graded privately, the first answer counts once, hints, the
credit opt-in, the reveal's share and names, and the throttled live count."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.daily.answers import CountThrottle, DailyAnswers
from bot.daily.posting import post_due
from bot.daily.reveal import reveal_due
from bot.errors import UserFacingError
from tests.daily.conftest import set_up
from tests.interview.fakes import FakeGrade

UTC = dt.UTC
G = 61 << 22


async def grader(question, probe, text):
    score = 90 if "right" in text else 30
    return FakeGrade(score=score, band="strong" if score >= 75 else "weak",
                     feedback=[f"graded {score}"])


class Recorder:
    def __init__(self):
        self.calls: list[dict] = []

    async def __call__(self, session, **kw):
        self.calls.append(kw)


@pytest.fixture
async def posted(make_ctx, clock, poster):
    ctx = make_ctx()
    await set_up(ctx, G, time="09:00", timezone="UTC")
    clock.set(dt.datetime(2026, 3, 23, 9, 0, tzinfo=UTC))
    assert await post_due(ctx, G) == "posted"
    return ctx, poster.posts[0][1]


async def test_first_answer_counts_and_a_second_is_graded_but_not_counted(posted, daily_app,
                                                                          clock):
    ctx, post = posted
    recorder = Recorder()
    answers = DailyAnswers(daily_app, grader, recorder=recorder, clock=clock)
    one = await answers.answer(post_id=post.post_id, user_id=1001, user_name="ada",
                               text="the right answer")
    assert one.first and one.answer_count == 1 and one.feedback.score == 90
    again = await answers.answer(post_id=post.post_id, user_id=1001, text="the right answer")
    assert not again.first and again.answer_count == 1
    other = await answers.answer(post_id=post.post_id, user_id=1002, text="a guess")
    assert other.first and other.answer_count == 2
    assert [(c["kind"], c["daily_post_id"]) for c in recorder.calls] == [
        ("daily", post.post_id)] * 3  # the scoring layer awards only the first one points


async def test_hints_cost_and_run_out(posted, daily_app, clock):
    ctx, post = posted
    answers = DailyAnswers(daily_app, grader, clock=clock)
    first = await answers.hint(post_id=post.post_id, user_id=1003)
    second = await answers.hint(post_id=post.post_id, user_id=1003)
    assert first.startswith("Hint 1/2") and second.startswith("Hint 2/2")
    with pytest.raises(UserFacingError, match="No more hints"):
        await answers.hint(post_id=post.post_id, user_id=1003)
    recorder = Recorder()
    answers.recorder = recorder
    await answers.answer(post_id=post.post_id, user_id=1003, text="right")
    assert recorder.calls[0]["hints_used"] == 2


async def test_reveal_shows_share_and_only_opted_in_first_correct(posted, daily_app, clock,
                                                                  poster):
    ctx, post = posted
    answers = DailyAnswers(daily_app, grader, clock=clock)
    await answers.set_credit(user_id=2001, opted_in=True, user_name="shy-not")
    for uid, name, text in [(2001, "shy-not", "right"), (2002, "private", "right"),
                            (2003, "wrong", "nope"), (2004, "late", "right")]:
        clock.advance(minutes=1)
        await answers.answer(post_id=post.post_id, user_id=uid, user_name=name, text=text)
    await answers.set_credit(user_id=2004, opted_in=True)
    clock.set(post.reveal_at)
    assert await reveal_due(ctx, post.post_id) == "revealed"
    [(_, reveal)] = poster.reveals
    assert (reveal.answer_count, reveal.correct_count) == (4, 3)
    assert reveal.correct_share == pytest.approx(0.75)
    assert reveal.first_correct == ["shy-not", "late"]  # "private" did not opt in
    assert reveal.reference == daily_app.bank.get(post.card.id).reference
    with pytest.raises(UserFacingError, match="closed"):
        await answers.answer(post_id=post.post_id, user_id=2005, text="right")
    with pytest.raises(UserFacingError, match="closed"):
        await answers.hint(post_id=post.post_id, user_id=2005)


async def test_reveal_before_its_time_does_nothing(posted, clock, poster):
    ctx, post = posted
    assert await reveal_due(ctx, post.post_id) == "not_due"
    assert poster.reveals == []


async def test_count_edits_are_throttled_but_the_last_count_lands(clock):
    throttle = CountThrottle(clock, interval=10)
    shown: list[int] = []
    state = {"count": 0}

    async def edit():
        shown.append(state["count"])

    for n in range(1, 6):  # five answers within a second
        state["count"] = n
        await throttle.bump(7, edit)
    await throttle.drain()
    assert shown == [1, 5]  # one edit now, one trailing edit with the final count
