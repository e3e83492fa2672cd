"""Which question a server gets next.

- No repeat until the server has seen the whole eligible bank: candidates are the eligible
  questions posted the fewest times in this server (0 until every one has been posted once).
- Sections rotate (in the bank's order, after the last posted section) unless the schedule
  restricts them; a restriction to several sections rotates among those.
- Server-imported questions are eligible in their server (``bot.bank.scoped``).
- The pick within a section is random but reproducible: seeded by (server, local date).
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.bank import SECTIONS, Question
from bot.bank.scoped import eligible_questions, find_question
from bot.daily.models import DailyPost

COUNTED = ("claimed", "posted")


async def eligible(app, guild_id: int, sections: list[str]) -> list[Question]:
    questions = await eligible_questions(app, guild_id)
    if sections:
        questions = [q for q in questions if q.section in sections]
    return questions


async def question_for(app, question_id: str, guild_id: int) -> Question:
    """A posted question as that server sees it (raises ``UserFacingError`` if gone)."""
    return await find_question(app, question_id, guild_id)


def _section_order(found: set[str]) -> list[str]:
    return [s for s in SECTIONS if s in found] + sorted(found - set(SECTIONS))


def choose(questions: list[Question], history: list[tuple[str, str | None]], *,
           guild_id: int, local_date: dt.date) -> Question | None:
    """Pure choice: ``history`` is (question_id, section) of past posts, oldest first."""
    if not questions:
        return None
    counts = Counter(qid for qid, _ in history)
    fewest = min(counts.get(q.id, 0) for q in questions)
    candidates = [q for q in questions if counts.get(q.id, 0) == fewest]
    order = _section_order({q.section for q in candidates})
    last = history[-1][1] if history else None
    every = _section_order({q.section for q in questions} | ({last} if last else set()))
    if last in every:
        start = every.index(last) + 1
        rotation = every[start:] + every[:start]
        section = next(s for s in rotation if s in order)
    else:
        section = order[0]
    pool = sorted((q for q in candidates if q.section == section), key=lambda q: q.id)
    rng = random.Random(f"{guild_id}:{local_date.isoformat()}")
    return rng.choice(pool)


async def pick_question(session: AsyncSession, questions: list[Question], *, guild_id: int,
                        local_date: dt.date) -> Question | None:
    """Choose from ``questions`` (read with ``eligible`` *before* opening ``session``: it
    needs a connection of its own) given the server's posting history."""
    rows = (await session.exec(
        select(DailyPost.question_id, DailyPost.section)
        .where(DailyPost.guild_id == guild_id, DailyPost.question_id.is_not(None),
               DailyPost.status.in_(COUNTED))
        .order_by(DailyPost.local_date, DailyPost.id))).all()
    history = [(qid, section) for qid, section in rows]
    return choose(questions, history, guild_id=guild_id, local_date=local_date)
