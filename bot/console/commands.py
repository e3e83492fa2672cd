"""The console's command registry. A feature module defines its commands with
``@command(...)`` and is listed in ``FEATURES`` in ``bot/console/session.py``."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.console.session import Console

Handler = Callable[["Console", list[str]], Awaitable[str]]


@dataclass(frozen=True)
class Command:
    name: str
    usage: str
    summary: str
    handler: Handler


COMMANDS: dict[str, Command] = {}
HELP_TOPICS: dict[str, str] = {}  # /help TOPIC: filled in by feature modules


def command(name: str, usage: str, summary: str) -> Callable[[Handler], Handler]:
    """Register ``handler`` as ``/name``; it returns the text to print and may raise
    ``UserFacingError`` for bad input."""

    def register(handler: Handler) -> Handler:
        COMMANDS[name] = Command(name, usage, summary, handler)
        return handler

    return register
