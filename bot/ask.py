"""Choosing a question to ask, and the card every adapter shows for it."""

from __future__ import annotations

import random
from dataclasses import dataclass

from bot.bank import Bank, Question
from bot.bank.scoped import eligible_questions, find_question
from bot.bank.server import display_id
from bot.errors import UserFacingError

DIFFICULTY = {1: "warm-up", 2: "core", 3: "solid", 4: "hard", 5: "research"}


@dataclass(frozen=True)
class QuestionCard:
    """What a question looks like to a candidate, independent of Discord or a terminal."""

    id: str
    title: str
    section: str
    section_title: str
    difficulty: int
    prompt: str
    seed_number: int | None

    @property
    def difficulty_label(self) -> str:
        return f"{'★' * self.difficulty}{'☆' * (5 - self.difficulty)} {DIFFICULTY[self.difficulty]}"

    @property
    def footer(self) -> str:
        seed = f" · seed #{self.seed_number}" if self.seed_number else ""
        return f"id: {self.id}{seed}"


def card_for(question: Question) -> QuestionCard:
    return QuestionCard(
        id=display_id(question.id),
        title=question.title,
        section=question.section,
        section_title=question.section_title,
        difficulty=question.difficulty,
        prompt=question.prompt,
        seed_number=question.seed_number,
    )


async def choose_question(
    app, guild_id: int | None, *, ref: str | None = None, section: str | None = None,
    rng: random.Random | None = None,
) -> Question:
    """By id or seed number when ``ref`` is given, else at random (optionally in a
    section), among the questions this server may ask (``bot.bank.scoped``)."""
    if ref is not None and ref.strip():
        if section is not None:
            raise UserFacingError("Give either a question id or a section, not both.")
        return await find_question(app, ref, guild_id)
    return Bank(await eligible_questions(app, guild_id)).pick(section=section, rng=rng)
