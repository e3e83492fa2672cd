"""A full mock interview in the console, answers typed over several lines."""

from __future__ import annotations

import io

from bot.console import Console, run_console


async def test_full_interview_in_the_console(iv_app, make_service):
    console = Console(iv_app)
    console.state["interview_service"] = make_service(seed=0)  # asks math.reg-l1-l2
    out = await console.handle("/interview start section=math length=1 difficulty=3")
    assert "Question 1 of 1" in out and "then /send" in out
    assert await console.handle("I think L2 gives sparse solutions,") == ""
    assert await console.handle("  thanks to the corner of the diamond.") == ""
    reply = await console.handle("/send")
    assert "Score" in reply and "Follow-up" in reply
    reply = await console.handle("/send ridge never sets weights exactly to zero")
    assert "Follow-up" in reply or "Report card" in reply
    while "Report card" not in reply:
        reply = await console.handle("/skip")
    assert "L2 shrinks every weight but almost never sets one exactly to zero." in reply
    assert "Read next:" in reply
    assert "No interview is running" in await console.handle("/send more")
    assert "Report card" in await console.handle("/interview report")


async def test_console_interview_bad_input(iv_app, make_service):
    console = Console(iv_app)
    console.state["interview_service"] = make_service()
    assert "No interview is running" in await console.handle("/hint")
    assert "Unknown option 'colour'" in await console.handle("/interview start colour=red")
    assert "length must be a whole number" in await console.handle("/interview start length=x")
    await console.handle("/interview start length=1")
    assert "Your answer is empty" in await console.handle("/send")
    assert "Hint 1/" in await console.handle("/hint")
    assert "Commands start with" not in await console.handle("free text is an answer")


async def test_scripted_interview_from_stdin(iv_app, make_service):
    script = "/interview start length=1\nL1 gives sparse solutions\n/send\n/end\n/quit\n"
    out = io.StringIO()
    console_service = make_service()

    class Scripted(io.StringIO):
        pass

    # run_console builds its own Console; share the fake grader through the app
    from bot.console import session

    original = session.Console.__init__

    def init(self, app, **kw):
        original(self, app, **kw)
        self.state["interview_service"] = console_service

    session.Console.__init__ = init
    try:
        await run_console(iv_app, stdin=Scripted(script), stdout=out)
    finally:
        session.Console.__init__ = original
    text = out.getvalue()
    assert "Question 1 of 1" in text and "Score" in text and "Report card" in text


async def test_console_drill_after_question(iv_app, make_service):
    from bot.drill import DrillService
    from tests.interview.fakes import fake_grader

    console = Console(iv_app)
    console.state["drill_service"] = DrillService(iv_app, fake_grader)
    out = await console.handle("/question 8")
    assert "type, then /send" in out
    await console.handle("L2 gives sparse solutions")
    reply = await console.handle("/send")
    assert "Score" in reply and "Follow-up (critique)" in reply
    reply = await console.handle("/send ridge never sets a weight to zero")
    assert "Score 100/100" in reply and "Follow-up" not in reply
    assert "no question is open" in await console.handle("/send again")
