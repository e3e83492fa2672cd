"""Console commands for a mock interview: /interview start|hint|skip|end|report, /send.

While an interview waits for an answer, lines that are not commands are collected as the
answer (several lines are fine) until ``/send``.
"""

from __future__ import annotations

import shlex
from typing import TYPE_CHECKING

from bot.console import render
from bot.console.commands import command
from bot.errors import UserFacingError
from bot.interview.service import InterviewService, active_interview

if TYPE_CHECKING:
    from bot.console.session import Console

USAGE = ("Usage: /interview start [section=S] [length=N] [difficulty=D] | resume | hint | skip "
         "| end | report")


def service(console: Console) -> InterviewService:
    svc = console.state.get("interview_service")
    if svc is None:
        from bot.wiring import default_service

        svc = default_service(console.app)
        console.state["interview_service"] = svc
    return svc  # type: ignore[return-value]


async def _active_id(console: Console) -> int:
    active = await service(console).active_for(console.user_id)
    if active is None:
        raise UserFacingError("No interview is running. Start one with /interview start.")
    return active.id  # type: ignore[return-value]


def _options(args: list[str]) -> dict[str, str]:
    options: dict[str, str] = {}
    for arg in args:
        key, sep, value = arg.partition("=")
        if not sep:
            key, value = "section", arg
        if key not in ("section", "length", "difficulty"):
            raise UserFacingError(f"Unknown option '{key[:20]}'. {USAGE}")
        options[key] = value
    return options


def _int(options: dict[str, str], key: str) -> int | None:
    if key not in options:
        return None
    try:
        return int(options[key])
    except ValueError:
        raise UserFacingError(f"{key} must be a whole number.") from None


@command("interview", "/interview start|resume|hint|skip|end|report",
         "a mock interview: questions one at a time, follow-ups, a report card")
async def interview(console: Console, args: list[str]) -> str:
    action = args[0].lower() if args else "start"
    if action == "start":
        options = _options(args[1:])
        result = await service(console).start(
            user_id=console.user_id, user_name="console", guild_id=console.guild_id,
            guild_name="console", section=options.get("section"),
            length=_int(options, "length") or 3, difficulty=_int(options, "difficulty"))
        console.state["buffer"] = []
        return render.outcome(result)
    if action in ("resume", "current"):  # where the running interview is (after a restart)
        interview_id = await _active_id(console)
        console.state["buffer"] = []
        return render.ask(await service(console).current(interview_id, console.user_id))
    if action == "hint":
        return await hint(console, [])
    if action == "skip":
        return await skip(console, [])
    if action == "end":
        return await end(console, [])
    if action == "report":
        last = console.state.get("last_interview")
        if last is None:
            raise UserFacingError("No finished interview yet in this console.")
        return render.report_card(await service(console).report(last))  # type: ignore[arg-type]
    raise UserFacingError(USAGE)


def _remember(console: Console, interview_id: int, text: str) -> str:
    console.state["last_interview"] = interview_id
    console.state["buffer"] = []
    return text


def drills(console: Console):
    svc = console.state.get("drill_service")
    if svc is None:
        from bot.wiring import default_drills

        svc = default_drills(console.app)
        console.state["drill_service"] = svc
    return svc


@command("send", "/send", "send the answer you typed (interview or last /question)")
async def send(console: Console, args: list[str]) -> str:
    buffer: list[str] = console.state.get("buffer") or []  # type: ignore[assignment]
    text = "\n".join(buffer + ([shlex.join(args)] if args else []))
    if await active_interview(console.app, console.user_id) is None:
        return await _send_drill(console, text)
    interview_id = await _active_id(console)
    result = await service(console).answer(interview_id=interview_id, user_id=console.user_id,
                                           text=text, confidence=console.state.get("confidence"))
    console.state.pop("confidence", None)  # /confidence applies to one answer
    return _remember(console, interview_id, render.outcome(result))


@command("hint", "/hint", "a hint for the current question (costs points)")
async def hint(console: Console, args: list[str]) -> str:
    return await service(console).hint(interview_id=await _active_id(console),
                                       user_id=console.user_id)


@command("skip", "/skip", "skip the current question")
async def skip(console: Console, args: list[str]) -> str:
    interview_id = await _active_id(console)
    result = await service(console).skip(interview_id=interview_id, user_id=console.user_id)
    return _remember(console, interview_id, render.outcome(result))


@command("end", "/end", "end the interview now and show the report card")
async def end(console: Console, args: list[str]) -> str:
    interview_id = await _active_id(console)
    result = await service(console).end(interview_id=interview_id, user_id=console.user_id)
    return _remember(console, interview_id, render.outcome(result))


async def _send_drill(console: Console, text: str) -> str:
    drill = console.state.get("drill")
    if drill is None:
        raise UserFacingError("No interview is running and no question is open. "
                              "Try /question or /interview start.")
    question_id, probe_id = drill  # type: ignore[misc]
    review = probe_id is None and console.state.get("review_of") == question_id  # /review
    result = await drills(console).answer(question_id=question_id, probe_id=probe_id,
                                          user_id=console.user_id, text=text,
                                          guild_id=console.guild_id,
                                          kind="review" if review else "question",
                                          confidence=console.state.get("confidence"))
    console.state["buffer"] = []
    console.state.pop("confidence", None)
    console.state.pop("review_of", None)
    if result.probe is not None:
        console.state["drill"] = (question_id, result.probe.id)
    else:
        console.state.pop("drill", None)
    return render.drill(result)


async def collect(console: Console, line: str) -> str | None:
    """Free text while an interview (or a /question) is open becomes part of the answer."""
    if ("drill" not in console.state
            and await active_interview(console.app, console.user_id) is None):
        return None
    console.state.setdefault("buffer", [])
    console.state["buffer"].append(line)  # type: ignore[union-attr]
    return ""
