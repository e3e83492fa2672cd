"""What the daily core asks an adapter to do, and what can go wrong doing it.

The Discord cog implements ``Poster`` with discord.py, the console with ``print``, tests
and the benchmark with fakes. An adapter maps its own failures to a ``PostError`` kind, so
the core can tell admins once and keep going for everyone else.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal, Protocol

from bot.ask import QuestionCard

ErrorKind = Literal["channel_missing", "forbidden", "rate_limited", "unknown"]

ADVICE: dict[str, str] = {
    "channel_missing": "the daily-question channel no longer exists (or I can't see it). "
                       "Pick a channel again with /daily setup.",
    "forbidden": "I am missing permissions in the daily-question channel. Give me View "
                 "Channel, Send Messages, Embed Links, Attach Files and Create Public "
                 "Threads there, or pick another channel with /daily setup.",
    "rate_limited": "Discord rate-limited me and today's post could not be made in time. "
                    "Nothing to fix unless it keeps happening.",
    "unknown": "Discord refused the post for an unexpected reason; it has been logged.",
}


class PostError(Exception):
    """A failed send, as the core sees it."""

    def __init__(self, kind: ErrorKind, detail: str = "", *, retry_after: float | None = None):
        super().__init__(f"{kind}: {detail}" if detail else kind)
        self.kind: ErrorKind = kind
        self.detail = detail
        self.retry_after = retry_after


@dataclass(frozen=True)
class PostContent:
    """A daily post: the question card plus what the adapter needs to address it."""

    post_id: int
    guild_id: int
    channel_id: int
    local_date: dt.date
    card: QuestionCard
    reveal_at: dt.datetime
    answer_count: int = 0
    hints: int = 0  # how many hints the question has (0: no Hint button)


@dataclass(frozen=True)
class BoardLine:
    rank: int
    name: str
    points: int


@dataclass(frozen=True)
class RevealContent:
    """The end of a post's answer window: the reference answer and how the server did."""

    post_id: int
    guild_id: int
    channel_id: int
    message_id: int | None
    local_date: dt.date
    card: QuestionCard
    reference: str
    answer_count: int
    correct_count: int
    first_correct: list[str] = field(default_factory=list)  # names of opted-in users
    week_top: list[BoardLine] | None = None  # None: no leaderboard available
    thread_name: str = ""

    @property
    def correct_share(self) -> float | None:
        return self.correct_count / self.answer_count if self.answer_count else None


@dataclass(frozen=True)
class Sent:
    message_id: int | None = None
    thread_id: int | None = None


class Poster(Protocol):
    async def post(self, content: PostContent) -> Sent:
        """Send the post; raise ``PostError`` on failure."""

    async def reveal(self, content: RevealContent) -> Sent:
        """Send the reveal (and open the discussion thread); raise ``PostError``."""

    async def update_count(self, *, channel_id: int, message_id: int, content: PostContent
                           ) -> None:
        """Show the new answer count on the post (best effort)."""

    async def notify_admins(self, *, guild_id: int, channel_id: int | None, text: str) -> bool:
        """Tell the server's admins something they must fix; True if delivered."""
