"""A console session: parse a line, call the core, print the result."""

from __future__ import annotations

import asyncio
import shlex
import sys
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TextIO

from bot.app import App
from bot.ask import card_for, choose_question
from bot.bank import SECTIONS, section_key
from bot.console import render
from bot.errors import UserFacingError

MAX_LINE = 10_000

Handler = Callable[["Console", list[str]], Awaitable[str]]


@dataclass(frozen=True)
class Command:
    name: str
    usage: str
    summary: str
    handler: Handler


async def _question(console: Console, args: list[str]) -> str:
    if len(args) > 1:
        raise UserFacingError("Usage: /question [section | id | number]")
    ref = section = None
    if args:
        try:
            section = section_key(args[0])
        except UserFacingError:
            ref = args[0]
    question = choose_question(console.app.bank, ref=ref, section=section)
    return render.question_card(card_for(question))


async def _help(console: Console, args: list[str]) -> str:
    lines = ["Commands:"]
    lines += [f"  {c.usage:<34} {c.summary}" for c in COMMANDS.values()]
    lines.append("Sections: " + ", ".join(SECTIONS))
    return "\n".join(lines)


async def _quit(console: Console, args: list[str]) -> str:
    console.running = False
    return "Bye. Good luck with the interview!"


COMMANDS: dict[str, Command] = {
    c.name: c
    for c in (
        Command("question", "/question [section|id|number]",
                "a question: random, from a section, or by id / seed number", _question),
        Command("help", "/help", "this list", _help),
        Command("quit", "/quit", "leave the console (Ctrl-D works too)", _quit),
    )
}


class Console:
    """One user's terminal session over an open ``App``."""

    def __init__(self, app: App):
        self.app = app
        self.running = True

    async def handle(self, line: str) -> str:
        """Run one input line; returns the text to print (never raises for bad input)."""
        line = line.strip()
        if not line:
            return ""
        if len(line) > MAX_LINE:
            return f"That line is too long ({len(line)} characters; at most {MAX_LINE})."
        if not line.startswith("/"):
            return "Commands start with '/'. Try /question, or /help for the list."
        try:
            words = shlex.split(line[1:])
        except ValueError:
            return "I could not read that line (an unclosed quote?)."
        if not words:
            return "Type /help for the commands."
        name, args = words[0].lower(), words[1:]
        command = COMMANDS.get(name)
        if command is None:
            return f"Unknown command /{name[:40]}. Type /help for the list."
        try:
            return await command.handler(self, args)
        except UserFacingError as exc:
            return str(exc)


async def run_console(app: App, stdin: TextIO | None = None, stdout: TextIO | None = None) -> int:
    """Read lines until /quit or end of input; prompts only when talking to a terminal."""
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    interactive = stdin.isatty()
    console = Console(app)
    stdout.write(f"Viva console · {len(app.bank)} questions · type /help, /question or /quit\n")
    while console.running:
        if interactive:
            stdout.write("viva> ")
            stdout.flush()
        line = await asyncio.to_thread(stdin.readline)
        if not line:
            break
        reply = await console.handle(line)
        if reply:
            stdout.write(reply + "\n")
            stdout.flush()
    return 0
