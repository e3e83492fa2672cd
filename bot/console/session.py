"""A console session: parse a line, call the core, print the result."""

from __future__ import annotations

import asyncio
import logging
import shlex
import sys
from typing import TextIO

from bot.app import App
from bot.console import bank, basics, daily, interview, review, scoring
from bot.console.commands import COMMANDS
from bot.errors import UserFacingError
from bot.store import CONSOLE_GUILD_ID, CONSOLE_USER_ID
from bot.store.outage import DB_UNAVAILABLE, is_db_outage

log = logging.getLogger(__name__)
MAX_LINE = 10_000

# Feature modules whose @command handlers the console offers (imported for registration).
FEATURES = (basics, interview, bank, review, scoring, daily)


class Console:
    """One user's terminal session over an open ``App``."""

    def __init__(self, app: App, *, user_id: int = CONSOLE_USER_ID,
                 guild_id: int = CONSOLE_GUILD_ID):
        self.app = app
        self.user_id = user_id
        self.guild_id = guild_id
        self.running = True
        self.state: dict[str, object] = {}  # per-session scratch for feature modules

    async def handle(self, line: str) -> str:
        """Run one input line; returns the text to print (never raises for bad input)."""
        raw = line.rstrip("\r\n")
        line = raw.strip()
        if not line:
            return ""
        if len(line) > MAX_LINE:
            return f"That line is too long ({len(line)} characters; at most {MAX_LINE})."
        if not line.startswith("/"):
            try:
                collected = await interview.collect(self, raw.rstrip())
            except Exception as exc:
                return self._failure(exc, "collect")
            if collected is not None:
                return collected
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
        except Exception as exc:  # the console's single error path for bugs
            return self._failure(exc, name)

    @staticmethod
    def _failure(exc: Exception, name: str) -> str:
        if is_db_outage(exc):
            log.warning("database unavailable in /%s: %s", name, exc)
            return DB_UNAVAILABLE
        log.exception("bug in /%s", name, exc_info=exc)
        return "Something went wrong on my side. It has been logged; please try again."


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
