"""Choosing the questions of a mock interview."""

from __future__ import annotations

import random

from bot.bank import Bank, Question, section_key
from bot.bank.scoped import eligible_questions
from bot.errors import UserFacingError

MAX_LENGTH = 10
DEFAULT_LENGTH = 3


def pick_questions(
    bank: Bank, *, section: str | None = None, difficulty: int | None = None,
    length: int = DEFAULT_LENGTH, rng: random.Random | None = None,
) -> list[Question]:
    """``length`` distinct questions, from one section if asked, closest to ``difficulty``
    (exact matches first, then ±1, ±2 …), in random order."""
    if not 1 <= length <= MAX_LENGTH:
        raise UserFacingError(f"An interview has 1 to {MAX_LENGTH} questions.")
    if difficulty is not None and not 1 <= difficulty <= 5:
        raise UserFacingError("Difficulty goes from 1 (warm-up) to 5 (research).")
    rng = rng or random.Random()
    pool = bank.in_section(section_key(section) if section else None)
    if not pool:
        raise UserFacingError("There are no questions in that section yet.")
    if difficulty is None:
        return rng.sample(pool, min(length, len(pool)))
    chosen: list[Question] = []
    for distance in range(5):
        ring = [q for q in pool if abs(q.difficulty - difficulty) == distance]
        rng.shuffle(ring)
        chosen += ring[: length - len(chosen)]
        if len(chosen) == length:
            break
    rng.shuffle(chosen)
    return chosen


async def pick_scoped(app, guild_id: int | None, **options) -> list[Question]:
    """``pick_questions`` among what this server may ask: the shipped bank and its own
    imported questions (``bot.bank.scoped``)."""
    return pick_questions(Bank(await eligible_questions(app, guild_id)), **options)
