"""A transparent stand-in grader: it covers a key point when one of its hint words
appears, flags a misconception when its hint words appear, and says so. It lets the
interview flow be tested independently of the real rubric."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from bot.bank import Probe, Question


@dataclass
class FakeGrade:
    score: int
    band: str
    covered: list[dict] = field(default_factory=list)
    missed: list[dict] = field(default_factory=list)
    misconceptions: list[dict] = field(default_factory=list)
    feedback: list[str] = field(default_factory=list)
    symbolic: dict | None = None

    def to_dict(self) -> dict:
        return asdict(self)


def _hit(hint: str, text: str) -> bool:
    return all(part.strip().lower() in text.lower() for part in hint.split(" + "))


async def fake_grader(question: Question, probe: Probe | None, text: str) -> FakeGrade:
    points = probe.key_points if probe else question.key_points
    covered = [k for k in points if any(_hit(h, text) for h in k.hints)]
    missed = [k for k in points if k not in covered]
    wrong = [] if probe else [m for m in question.misconceptions
                              if any(_hit(h, text) and "not" not in text for h in m.hints)]
    total = sum(k.weight for k in points) or 1
    score = round(100 * sum(k.weight for k in covered) / total) - 40 * len(wrong)
    score = max(0, min(100, score))
    band = "strong" if score >= 75 and not wrong else "partial" if score >= 45 else "weak"
    symbolic = {"verdict": "correct", "read_as": "theta - eta*g"} if "=" in text else None
    return FakeGrade(
        score=score, band=band, symbolic=symbolic,
        covered=[{"id": k.id, "text": k.text} for k in covered],
        missed=[{"id": k.id, "text": k.text, "weight": k.weight} for k in missed],
        misconceptions=[{"id": m.id, "text": m.text, "correction": m.correction} for m in wrong],
        feedback=[f"You did not mention: {k.text}." for k in missed],
    )
