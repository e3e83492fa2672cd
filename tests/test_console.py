"""The console drives the same core as the bot, line by line."""

from __future__ import annotations

import io
import random

from bot.console import Console, run_console


async def test_question_by_seed_id_and_section(app):
    console = Console(app)
    by_seed = await console.handle("/question 11")
    assert "BAYES' THEOREM" in by_seed and "seed #11" in by_seed
    by_id = await console.handle("/question math.sample-derivative")
    assert "DERIVATIVE OF THE SIGMOID" in by_id
    by_section = await console.handle("/question probability")
    assert "Probability & Statistics" in by_section


async def test_random_question_comes_from_the_bank(app):
    console = Console(app)
    random.seed(3)
    seen = {(await console.handle("/question")).splitlines()[1] for _ in range(20)}
    assert seen == {"BAYES' THEOREM", "DERIVATIVE OF THE SIGMOID"}


async def test_bad_input_gets_friendly_messages(app):
    console = Console(app)
    assert "I don't know a question with id 'math.nope'" in await console.handle("/question math.nope")
    assert "no question number 50" in await console.handle("/question 50")
    assert "Unknown command /frobnicate" in await console.handle("/frobnicate")
    assert "Commands start with '/'" in await console.handle("the answer is 42")
    assert "unclosed quote" in await console.handle('/question "math')
    assert "too long" in await console.handle("/question " + "x" * 20_000)
    assert "Usage: /question" in await console.handle("/question a b")
    assert await console.handle("   ") == ""


async def test_scripted_session_until_quit(app):
    out = io.StringIO()
    script = io.StringIO("/help\n/question 1\n/quit\n/question 11\n")
    assert await run_console(app, stdin=script, stdout=out) == 0
    text = out.getvalue()
    assert "/question [section|id|number]" in text
    assert "DERIVATIVE OF THE SIGMOID" in text
    assert "Bye." in text
    assert "BAYES" not in text  # nothing runs after /quit
