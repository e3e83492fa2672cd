"""Calibration: how well a candidate's stated confidence predicts a strong answer.

An answer may carry a confidence of 50, 70, 90 or 99 %. "Correct" means the answer was
graded ``strong`` (band, i.e. score ≥ 75 with no misconception and no wrong formula): a
research answer is right when it is complete, and partial credit is not what the candidate
claimed to be sure of. The Brier score is mean((confidence − correct)²): 0 is perfect, 0.25
is what always saying 50 % earns, lower is better. The reliability chart compares, for each
confidence level, the stated confidence with the observed share of strong answers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.errors import UserFacingError
from bot.store.models import Attempt

CHOICES = (0.5, 0.7, 0.9, 0.99)  # what the Answer modal and the console offer
_NUMBER = re.compile(r"^\s*(\d{1,3}(?:\.\d+)?)\s*%?\s*$")


def parse_confidence(text: str) -> float:
    """'90', '90%' or '0.9' as 0.9; one of 50/70/90/99 %, else a friendly error."""
    match = _NUMBER.match(text or "")
    value = float(match.group(1)) if match else -1.0
    if 0 < value <= 1:
        value *= 100
    for choice in CHOICES:
        if abs(value - choice * 100) < 1e-9:
            return choice
    raise UserFacingError("Confidence is one of 50, 70, 90 or 99 (percent), e.g. /confidence 90.")


def check_confidence(value: float | None) -> float | None:
    """A confidence passed to a service: None, or a probability in (0, 1]."""
    if value is None:
        return None
    if not 0 < value <= 1:
        raise UserFacingError("Confidence must be between 0 and 100 %.")
    return float(value)


@dataclass(frozen=True)
class ReliabilityBin:
    confidence: float  # stated
    observed: float  # share of strong answers
    count: int


@dataclass(frozen=True)
class Calibration:
    brier: float | None  # None when no answer carried a confidence
    count: int
    bins: list[ReliabilityBin]


def calibrate(pairs: list[tuple[float, bool]]) -> Calibration:
    """``pairs``: (stated confidence, answer was strong)."""
    if not pairs:
        return Calibration(brier=None, count=0, bins=[])
    brier = sum((c - float(ok)) ** 2 for c, ok in pairs) / len(pairs)
    bins = []
    for level in sorted({round(c, 2) for c, _ in pairs}):
        hits = [ok for c, ok in pairs if round(c, 2) == level]
        bins.append(ReliabilityBin(confidence=level, observed=sum(hits) / len(hits),
                                   count=len(hits)))
    return Calibration(brier=brier, count=len(pairs), bins=bins)


async def load_calibration(session: AsyncSession, *, user_id: int,
                           limit: int = 1000) -> Calibration:
    """From the user's latest ``limit`` attempts that carried a confidence."""
    query = (select(Attempt.confidence, Attempt.verdict)
             .where(Attempt.user_id == user_id, Attempt.confidence.is_not(None))
             .order_by(Attempt.created_at.desc()).limit(limit))
    rows = (await session.exec(query)).all()
    return calibrate([(float(c), verdict == "strong") for c, verdict in rows])
