"""``/review``: the user's most-due question, ready for the usual Answer flow (the answer
is recorded with ``kind="review"``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bot.bank import Question
from bot.bank.scoped import find_question
from bot.errors import UserFacingError
from bot.review.memory import DueReview, due_count, due_reviews, next_review

LOOKAHEAD = 10  # due cards checked for one askable here (a server's own questions)


@dataclass(frozen=True)
class ReviewPick:
    question: Question
    due: DueReview
    due_total: int  # everything due now, this one included
    others: list[str]  # titles of the next few due after it


def span(delta: dt.timedelta) -> str:
    """'3 days', '5 hours', '12 minutes', 'a minute'."""
    seconds = max(0, int(delta.total_seconds()))
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds >= size:
            n = round(seconds / size)
            return f"{n} {unit}{'s' if n != 1 else ''}"
    return "a minute"


def when(delta: dt.timedelta) -> str:
    return f"in {span(delta)}"


async def _askable(app, due: list[DueReview], guild_id: int | None) -> list[tuple]:
    out = []
    for item in due:
        try:
            out.append((item, await find_question(app, item.question_id, guild_id)))
        except UserFacingError:
            continue  # another server's own question, or no longer in the bank
    return out


async def pick_review(app, *, user_id: int, guild_id: int | None,
                      now: dt.datetime) -> ReviewPick:
    """The most overdue question askable here; a friendly message when nothing is due."""
    async with app.sessions() as s:
        due = await due_reviews(s, user_id=user_id, now=now, limit=LOOKAHEAD)
        total = await due_count(s, user_id=user_id, now=now) if due else 0
        upcoming = None if due else await next_review(s, user_id=user_id, now=now)
    askable = await _askable(app, due, guild_id)
    if askable:
        first, question = askable[0]
        return ReviewPick(question=question, due=first, due_total=total,
                          others=[q.title for _, q in askable[1:4]])
    if due:
        raise UserFacingError("Your due reviews are questions from another server; run "
                              "/review there.")
    if upcoming is None:
        raise UserFacingError("Nothing to review yet: every graded answer (a /question, an "
                              "interview, the daily question) schedules its review. Answer one "
                              "first.")
    title = upcoming.question_id
    try:
        title = (await find_question(app, upcoming.question_id, guild_id)).title
    except UserFacingError:
        pass
    raise UserFacingError(f"Nothing is due for review. Next up: '{title}' "
                          f"{when(upcoming.due - now)}.")


async def due_titles(app, *, user_id: int, guild_id: int | None, now: dt.datetime,
                     limit: int = 5) -> list[str]:
    """What is due, as titles (the report card and the profile list these)."""
    async with app.sessions() as s:
        due = await due_reviews(s, user_id=user_id, now=now, limit=limit)
    return [q.title for _, q in await _askable(app, due, guild_id)]
