"""Compose spaced review into recording: every graded main answer also reviews its card,
in the same session, so the attempt row and the memory state commit (or roll back)
together."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from bot.review.memory import update_review
from bot.store.models import utcnow

REVIEWED_KINDS = {"question", "interview", "daily", "review"}  # not "probe" (memory.py)


def with_review(record: Callable[..., Awaitable[object]]) -> Callable[..., Awaitable[object]]:
    """``record`` (``record_attempt``) followed by ``update_review``. The services may pass
    ``missed=`` (the grade's missed key points); it goes to the card, not to ``record``."""

    async def recorder(session, *, missed: list[dict] | None = None, **kw) -> object:
        recorded = await record(session, **kw)
        if kw.get("kind") in REVIEWED_KINDS and kw.get("band") != "invalid":
            await update_review(session, user_id=kw["user_id"], question_id=kw["question_id"],
                                score=kw["score"], now=kw.get("now") or utcnow(),
                                missed=missed)
        return recorded

    return recorder
