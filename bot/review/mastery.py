"""Mastery per section and the weakest key points, read from the review cards.

Mastery of a question is its best grade decayed by time with a half-life of 30 days
(a grade of 90 earned 30 days ago counts 45 today, 60 days ago 22.5): knowledge fades
unless it is refreshed, and a review that scores well restores it. A section's mastery is
the mean over *all* its questions (unanswered ones count 0), so it measures coverage as well
as quality: 100 % means every question of the section answered perfectly, recently.

The weakest key points are the key points the latest answer to each question missed
(a later answer that covers one removes it), heaviest first, then from the lowest-scoring
answers; the same key point text is listed once.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.review.memory import utc
from bot.review.models import ReviewCard
from bot.store.models import QuestionRow

HALF_LIFE_DAYS = 30.0


@dataclass(frozen=True)
class CardView:
    """A review card with its question's section and title (what the profile reads)."""

    question_id: str
    section: str
    title: str
    best_score: int
    best_at: dt.datetime | None
    last_score: int
    missed: list[dict]


@dataclass(frozen=True)
class SectionMastery:
    section: str
    title: str
    mastery: float  # 0-1
    answered: int
    total: int


@dataclass(frozen=True)
class WeakPoint:
    text: str
    question_title: str
    weight: float


def decayed(score: float, at: dt.datetime | None, now: dt.datetime,
            half_life_days: float = HALF_LIFE_DAYS) -> float:
    if at is None:
        return 0.0
    age_days = max(0.0, (utc(now) - utc(at)).total_seconds() / 86400)
    return score * 0.5 ** (age_days / half_life_days)


async def load_cards(session: AsyncSession, *, user_id: int) -> list[CardView]:
    query = (select(ReviewCard, QuestionRow.section, QuestionRow.title)
             .join(QuestionRow, QuestionRow.id == ReviewCard.question_id)
             .where(ReviewCard.user_id == user_id))
    out = []
    for card, section, title in (await session.exec(query)).all():
        missed = json.loads(card.missed) if card.missed else []
        out.append(CardView(question_id=card.question_id, section=section, title=title,
                            best_score=card.best_score, best_at=card.best_at,
                            last_score=card.last_score, missed=missed))
    return out


def section_mastery(cards: list[CardView], totals: dict[str, int], titles: dict[str, str],
                    now: dt.datetime) -> list[SectionMastery]:
    """``totals``: questions per section the user could be asked (unanswered count 0)."""
    out = []
    for section, total in totals.items():
        mine = [c for c in cards if c.section == section]
        total = max(total, len(mine), 1)
        value = sum(decayed(c.best_score, c.best_at, now) for c in mine) / (100 * total)
        out.append(SectionMastery(section=section, title=titles.get(section, section),
                                  mastery=min(1.0, value), answered=len(mine), total=total))
    return out


def weakest_key_points(cards: list[CardView], limit: int = 5) -> list[WeakPoint]:
    found: list[tuple[float, int, WeakPoint]] = []
    for card in cards:
        for item in card.missed:
            point = WeakPoint(text=item.get("text", ""), question_title=card.title,
                              weight=float(item.get("weight", 1) or 1))
            if point.text:
                found.append((-point.weight, card.last_score, point))
    found.sort(key=lambda t: (t[0], t[1], t[2].text))
    out: list[WeakPoint] = []
    for _, _, point in found:
        if all(p.text != point.text for p in out):
            out.append(point)
    return out[:limit]
