"""/leaderboard, /score and /help scoring in the console, over the wired recorder."""

from __future__ import annotations

import re

import pytest

from bot.console import Console
from bot.drill import DrillService
from bot.scoring.rules import HELP
from bot.wiring import default_recorder
from tests.interview.fakes import fake_grader


@pytest.fixture
def console(app):
    console = Console(app)
    console.state["drill_service"] = DrillService(app, fake_grader, recorder=default_recorder())
    return console


async def test_an_answer_shows_on_the_board_and_in_score(console):
    assert "nobody has scored yet" in await console.handle("/leaderboard")
    assert "No points yet" in await console.handle("/score")
    await console.handle("/question 11")
    assert "Score" in await console.handle("/send P(A|B) = P(B|A) P(A) / P(B)")
    board = await console.handle("/leaderboard")
    assert "Leaderboard · this week" in board and "#1" in board and "← you" in board
    assert "page 1/1 · 1 players" in board
    assert "#1" in await console.handle("/leaderboard season probability")
    assert "nobody has scored yet" in await console.handle("/leaderboard all math")
    mine = await console.handle("/score")
    assert "rank #1 of 1" in mine and "streak: 1 day · answered: 1" in mine


async def test_help_scoring_prints_the_rules(console):
    assert await console.handle("/help scoring") == HELP
    assert "/leaderboard" in await console.handle("/help")
    assert "No help on 'cooking'" in await console.handle("/help cooking")


@pytest.mark.parametrize(("line", "message"), [
    ("/leaderboard year", "Unknown section 'year'"),
    ("/leaderboard week math extra", "Usage: /leaderboard"),
    ("/leaderboard page=0", "A page is a number"),
    ("/leaderboard page=two", "A page is a number"),
    ("/score me", "Usage: /score"),
])
async def test_bad_input_is_explained(console, line, message):
    assert message in await console.handle(line)


async def test_the_grade_says_what_it_earned_and_why_a_repeat_earns_nothing(console):
    await console.handle("/question 11")
    first = await console.handle("/send P(A|B) = P(B|A) P(A) / P(B)")
    assert re.fullmatch(r"\+\d+ points?", first.splitlines()[-1])  # counted: no excuse
    await console.handle("/question 11")
    again = await console.handle("/send P(A|B) = P(B|A) P(A) / P(B)")
    assert "+0 points (" in again  # graded again, with the reason it earns nothing
