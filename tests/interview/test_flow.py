"""A whole interview through the core: start → answers → probes → report."""

from __future__ import annotations

import asyncio

import pytest
from sqlmodel import select

from bot.app import open_app
from bot.errors import UserFacingError
from bot.interview.models import Interview, InterviewTurn

MISCONCEIVED = "L2 gives sparse solutions because of the diamond corner."


async def _start(service, **kw):
    outcome = await service.start(user_id=10, user_name="ada", guild_id=99, section="math",
                                  length=2, **kw)
    return outcome.next


async def _answer_until(service, ask, question_id):
    """Skip questions until ``question_id`` is being asked (the order is random)."""
    while ask.question_id != question_id:
        ask = (await service.skip(interview_id=ask.interview_id, user_id=10)).next
    return ask


async def test_misconception_gets_a_critique_then_a_gap_then_a_report(make_service, recorder):
    service = make_service()
    ask = await _start(service)
    assert (ask.question_number, ask.total, ask.probe) == (1, 2, None)
    ask = await _answer_until(service, ask, "math.reg-l1-l2")

    first = await service.answer(interview_id=ask.interview_id, user_id=10, text=MISCONCEIVED)
    assert first.feedback.band != "strong"
    assert first.next.probe.kind == "critique"
    assert first.next.prompt.startswith("A colleague says ridge regression selects features")

    second = await service.answer(interview_id=ask.interview_id, user_id=10,
                                  text="Ridge never sets a coefficient exactly to zero.")
    # the main answer missed "L1 gives sparse solutions" (weight 3): a generic gap probe
    assert second.next.probe.kind == "gap"
    assert second.next.probe.id == "gap:l1-sparse"
    assert "You did not mention this: l1 gives sparse solutions" in second.next.prompt

    third = await service.answer(interview_id=ask.interview_id, user_id=10,
                                 text="Right: L1 gives sparse solutions at the corners.")
    assert third.report is not None or third.next.question_number == 2  # max 2 probes: moves on
    if third.next is not None:
        third = await service.skip(interview_id=ask.interview_id, user_id=10)
    report = third.report
    row = next(q for q in report.questions if q.question_id == "math.reg-l1-l2")
    assert ("L2 gives sparse solutions",
            "L2 shrinks every weight but almost never sets one exactly to zero.") in row.misconceptions
    assert row.sources == ["Hastie, Tibshirani, Friedman, ESL §3.4"]
    assert "Next: drill Mathematical Foundations" in report.suggestion
    kinds = [c["kind"] for c in recorder.calls]
    assert kinds == ["interview", "probe", "probe"]


async def test_strong_answer_gets_an_extend_probe(make_service):
    service = make_service()
    ask = await _answer_until(service, await _start(service), "math.reg-l1-l2")
    out = await service.answer(
        interview_id=ask.interview_id, user_id=10,
        text="L1 makes the solution sparse: the diamond has a corner on each axis.")
    assert out.feedback.band == "strong"
    assert out.next.probe.kind == "extend"
    assert out.next.probe.why == "Strong answer. Let's push further."


async def test_formula_without_derivation_gets_a_derive_probe(make_service):
    service = make_service()
    ask = await _answer_until(service, await _start(service), "math.sgd-update")
    out = await service.answer(interview_id=ask.interview_id, user_id=10,
                               text="theta_{t+1} = theta_t - eta g_t")
    assert out.next.probe.kind == "derive"
    assert out.feedback.read_as == "theta - eta*g"


async def test_restart_resumes_exactly_where_it_was(make_service, settings, interview_bank):
    service = make_service()
    ask = await _answer_until(service, await _start(service), "math.reg-l1-l2")
    probe = (await service.answer(interview_id=ask.interview_id, user_id=10,
                                  text=MISCONCEIVED)).next
    # a new process: new engine, new service, same database
    async with open_app(settings, bank=interview_bank) as fresh_app:
        resumed = make_service(fresh_app)
        again = await resumed.current(ask.interview_id, 10)
        assert again.probe.id == probe.probe.id and again.prompt == probe.prompt
        assert again.question_number == probe.question_number
        out = await resumed.answer(interview_id=ask.interview_id, user_id=10,
                                   text="Ridge has no exact zero coefficients.")
        assert out.next.probe.id == "gap:l1-sparse"


async def _snapshot(app, interview_id):
    async with app.sessions() as s:
        row = await s.get(Interview, interview_id)
        turns = (await s.exec(select(InterviewTurn))).all()
    return row.version, row.current_index, row.pending_probe, len(turns)


@pytest.mark.parametrize(("text", "message"), [
    ("", "Your answer is empty"),
    ("   \n  ", "Your answer is empty"),
    ("x" * 5001, "the limit is 5,000"),
])
async def test_bad_answers_change_nothing(make_service, iv_app, text, message):
    service = make_service()
    ask = await _start(service)
    before = await _snapshot(iv_app, ask.interview_id)
    with pytest.raises(UserFacingError, match=message):
        await service.answer(interview_id=ask.interview_id, user_id=10, text=text)
    assert await _snapshot(iv_app, ask.interview_id) == before


async def test_someone_else_cannot_answer(make_service, iv_app):
    service = make_service()
    ask = await _start(service)
    before = await _snapshot(iv_app, ask.interview_id)
    with pytest.raises(UserFacingError, match="belongs to someone else"):
        await service.answer(interview_id=ask.interview_id, user_id=11, text="L1 + sparse")
    with pytest.raises(UserFacingError, match="belongs to someone else"):
        await service.skip(interview_id=ask.interview_id, user_id=11)
    assert await _snapshot(iv_app, ask.interview_id) == before


async def test_idle_session_expires(make_service, clock, iv_app):
    service = make_service()
    ask = await _start(service)
    clock.advance(hours=25)
    with pytest.raises(UserFacingError, match="expired after 24 h without activity"):
        await service.answer(interview_id=ask.interview_id, user_id=10, text="anything")
    with pytest.raises(UserFacingError, match="has expired"):
        await service.answer(interview_id=ask.interview_id, user_id=10, text="anything")
    assert (await _snapshot(iv_app, ask.interview_id))[3] == 0
    assert (await _start(service)).interview_id != ask.interview_id  # a new one may start


async def test_question_time_limit_moves_on(make_service, clock, recorder):
    service = make_service()
    ask = await _start(service)
    clock.advance(minutes=21)
    out = await service.answer(interview_id=ask.interview_id, user_id=10, text="late answer")
    assert out.notice == "Time was up for that question; moving on."
    assert out.next.question_number == 2 and out.feedback is None
    assert recorder.calls == []  # nothing graded, nothing scored


async def test_double_submission_is_recorded_once(make_service, iv_app):
    """Two submissions that both read the same state (a double click on Submit): the
    optimistic lock lets exactly one through."""
    from bot.interview.service import InterviewService
    from tests.interview.fakes import fake_grader

    arrived = 0
    both_read = asyncio.Event()

    async def slow_grader(question, probe, text):
        nonlocal arrived
        arrived += 1
        if arrived == 2:
            both_read.set()
        await both_read.wait()  # neither writes before both have loaded the interview
        return await fake_grader(question, probe, text)

    service = make_service()
    ask = await _start(service)
    racing = InterviewService(iv_app, slow_grader, clock=service.clock)
    results = await asyncio.gather(
        racing.answer(interview_id=ask.interview_id, user_id=10, text="L1 + sparse corner"),
        racing.answer(interview_id=ask.interview_id, user_id=10, text="L1 + sparse corner"),
        return_exceptions=True)
    errors = [r for r in results if isinstance(r, Exception)]
    assert len(errors) == 1 and "already recorded" in str(errors[0])
    assert (await _snapshot(iv_app, ask.interview_id))[3] == 1


async def test_hints_cost_and_run_out(make_service, iv_app):
    service = make_service()
    ask = await _answer_until(service, await _start(service), "math.reg-l1-l2")
    first = await service.hint(interview_id=ask.interview_id, user_id=10)
    assert first == "Hint 1/2 (costs points): Draw the unit balls of both norms."
    await service.hint(interview_id=ask.interview_id, user_id=10)
    with pytest.raises(UserFacingError, match="No more hints"):
        await service.hint(interview_id=ask.interview_id, user_id=10)
    await service.answer(interview_id=ask.interview_id, user_id=10, text="L1 + sparse")
    async with iv_app.sessions() as s:
        turn = (await s.exec(select(InterviewTurn).where(InterviewTurn.skipped.is_(False)))).one()
    assert turn.hints_used == 2


async def test_one_interview_at_a_time_and_end_gives_report(make_service):
    service = make_service()
    ask = await _start(service)
    with pytest.raises(UserFacingError, match="already have an interview running"):
        await _start(service)
    out = await service.end(interview_id=ask.interview_id, user_id=10)
    assert out.report.questions == [] and out.report.overall == 0
    with pytest.raises(UserFacingError, match="has finished"):
        await service.skip(interview_id=ask.interview_id, user_id=10)


async def test_bad_start_options(make_service):
    service = make_service()
    with pytest.raises(UserFacingError, match="1 to 10 questions"):
        await service.start(user_id=10, length=0)
    with pytest.raises(UserFacingError, match="Unknown section"):
        await service.start(user_id=10, section="astrology")
    with pytest.raises(UserFacingError, match="Difficulty goes from 1"):
        await service.start(user_id=10, difficulty=9)
