"""Questions as one server sees them: the shipped bank plus that server's own imports.

Every adapter and feature (``/question``, drills, interviews, the daily question) looks
questions up here, so a server's imported questions are askable only in that server and
never in DMs (``guild_id=None``) or in another server.
"""

from __future__ import annotations

from bot.bank.schema import Question
from bot.bank.server import server_question, server_questions


async def eligible_questions(app, guild_id: int | None) -> list[Question]:
    """The questions that may be asked in ``guild_id`` (``None``: a DM or no server):
    the shipped bank plus that server's imported questions that are not retired."""
    shipped = list(app.bank)
    if guild_id is None:
        return shipped
    return shipped + await server_questions(app, guild_id)


async def find_question(app, key: str, guild_id: int | None) -> Question:
    """A question by id or seed number, as ``guild_id`` sees it: a shipped question, or
    one of that server's own (by its author's id or its storage key). ``UserFacingError``
    when unknown there."""
    text = str(key).strip()
    shipped = app.bank.find(text)
    if shipped is not None:
        return shipped
    if guild_id is not None and text and not text.isdigit():
        own = await server_question(app, guild_id, text.lower())
        if own is not None:
            return own
    return app.bank.get(text)  # raises the bank's friendly "unknown" message
