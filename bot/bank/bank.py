"""The loaded question bank: lookup by id or seed number, by section, random picks."""

from __future__ import annotations

import random
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

import questions as _questions_pkg
from bot.bank.loader import load_paths
from bot.bank.schema import SECTIONS, Question
from bot.errors import ConfigError, UserFacingError

BANK_DIR = Path(_questions_pkg.__file__).resolve().parent


class Bank:
    """An immutable collection of validated questions."""

    def __init__(self, questions: Iterable[Question]):
        self._by_id: dict[str, Question] = {}
        self._by_seed: dict[int, Question] = {}
        for q in questions:
            self._by_id[q.id] = q
            if q.seed_number is not None:
                self._by_seed[q.seed_number] = q

    def __len__(self) -> int:
        return len(self._by_id)

    def __iter__(self) -> Iterator[Question]:
        return iter(self._by_id.values())

    def ids(self) -> list[str]:
        return list(self._by_id)

    def find(self, ref: str | int) -> Question | None:
        """A question by id (``math.logistic-gradient``) or seed number (``1``)."""
        text = str(ref).strip()
        if text.isdigit():
            return self._by_seed.get(int(text))
        return self._by_id.get(text.lower())

    def get(self, ref: str | int) -> Question:
        question = self.find(ref)
        if question is None:
            raise UserFacingError(self._unknown_message(str(ref).strip()))
        return question

    def _unknown_message(self, ref: str) -> str:
        if ref.isdigit():
            seeds = sorted(self._by_seed)
            span = f"{seeds[0]}–{seeds[-1]}" if seeds else "none"
            return f"There is no question number {ref} (seed numbers: {span})."
        close = [i for i in self._by_id if ref.lower() in i or i.split(".")[-1] in ref.lower()]
        tip = f" Did you mean {', '.join(close[:3])}?" if close else " Try `viva bank list`."
        return f"I don't know a question with id '{ref[:80]}'.{tip}"

    def in_section(self, section: str | None) -> list[Question]:
        if section is None:
            return list(self)
        key = section_key(section)
        return [q for q in self if q.section == key]

    def pick(self, *, section: str | None = None, rng: random.Random | None = None) -> Question:
        pool = self.in_section(section)
        if not pool:
            raise UserFacingError("The bank has no questions in that section yet.")
        return (rng or random).choice(pool)


def section_key(text: str) -> str:
    """Accept a section key, its title, or a 1-based section number."""
    value = text.strip().lower()
    keys = list(SECTIONS)
    if value.isdigit() and 1 <= int(value) <= len(keys):
        return keys[int(value) - 1]
    for key, title in SECTIONS.items():
        if value in (key, title.lower()) or title.lower().startswith(value) and len(value) >= 3:
            return key
    raise UserFacingError(f"Unknown section '{text[:40]}'. Sections: {', '.join(SECTIONS)}.")


def load_bank(path: Path | None = None) -> Bank:
    """Load the shipped bank (or another folder); a broken bank is a ``ConfigError``."""
    if path is None:
        return _shipped_bank()
    return _load(path)


@lru_cache(maxsize=1)
def _shipped_bank() -> Bank:
    return _load(BANK_DIR)


def _load(path: Path) -> Bank:
    result = load_paths([path])
    if result.problems:
        first = result.problems[0]
        more = f" (and {len(result.problems) - 1} more; run `viva bank validate`)" if len(result.problems) > 1 else ""
        raise ConfigError(f"question bank is invalid: {first}{more}")
    return Bank(result.questions)
