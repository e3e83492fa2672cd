"""The interviewer's next move after an answer, decided like a real examiner would:

1. a **critique** probe when the answer asserted a misconception;
2. a **derive** probe when a formula was stated without a derivation;
3. a **gap** probe for the most important key point the answer missed (the bank's probe
   that targets it, else a generic "you did not mention X" built from the key point);
4. an **extend** probe when the answer was strong;
otherwise (or once ``max_probes`` follow-ups were asked) the interview moves on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.bank import KeyPoint, Probe, Question
from bot.interview.steps import GradeLike, ProbeAsk

GENERIC_GAP = "gap:"  # probe ids of generic gap probes: "gap:<key point id>"
WHY = {
    "critique": "Part of your answer states something a careful researcher would dispute.",
    "derive": "You stated the result; an interviewer will want to see where it comes from.",
    "gap": "Your answer left out something important.",
    "extend": "Strong answer. Let's push further.",
}
_STEP = re.compile(r"(=|⇒|=>|\\implies|therefore|hence|so that|because|since|differentiat|take the)",
                   re.IGNORECASE)


def looks_derived(answer: str) -> bool:
    """A derivation shows steps: several lines or sentences that chain equalities or reasons."""
    steps = [s for s in re.split(r"[\n;]|(?<=[.])\s", answer) if _STEP.search(s)]
    return len(steps) >= 3


def resolve_probe(question: Question, probe_id: str) -> Probe | None:
    """The probe with this id: one of the bank's, or a generic gap probe."""
    for probe in question.probes:
        if probe.id == probe_id:
            return probe
    if probe_id.startswith(GENERIC_GAP):
        kp = next((k for k in question.key_points if k.id == probe_id[len(GENERIC_GAP):]), None)
        return generic_gap(kp) if kp else None
    return None


def generic_gap(kp: KeyPoint) -> Probe:
    point = kp.text.rstrip(".")
    # model_construct: the "gap:" id deliberately cannot clash with an authored probe id
    return Probe.model_construct(
        id=f"{GENERIC_GAP}{kp.id}",
        kind="gap",
        prompt=f"You did not mention this: {point[0].lower()}{point[1:]}. "
               "Why does it matter here, and when does it fail?",
        targets=kp.id,
        key_points=[kp],
        symbolic=kp.symbolic,
        reference=None,
    )


def _unasked(question: Question, kind: str, asked: set[str]) -> list[Probe]:
    return [p for p in question.probes if p.kind == kind and p.id not in asked]


def _has_formula(grade: GradeLike) -> bool:
    symbolic = grade.symbolic or {}
    return symbolic.get("verdict") in ("correct", "incorrect")


def choose_probe(
    question: Question, grade: GradeLike, answer: str, *, asked: set[str],
    probes_asked: int, max_probes: int,
) -> ProbeAsk | None:
    """The next follow-up for ``question`` after ``answer`` was graded ``grade``, or None."""
    if probes_asked >= max_probes:
        return None
    probe: Probe | None = None
    if grade.misconceptions:
        probe = next(iter(_unasked(question, "critique", asked)), None)
    if probe is None and _has_formula(grade) and not looks_derived(answer):
        probe = next(iter(_unasked(question, "derive", asked)), None)
    if probe is None and grade.missed and grade.band != "strong":
        probe = _gap_for(question, grade, asked)
    if probe is None and grade.band == "strong":
        probe = next(iter(_unasked(question, "extend", asked)), None)
    if probe is None:
        return None
    return ProbeAsk(id=probe.id, kind=probe.kind, prompt=probe.prompt, why=WHY[probe.kind])


def _gap_for(question: Question, grade: GradeLike, asked: set[str]) -> Probe | None:
    weights = {k.id: k.weight for k in question.key_points}
    missed = sorted((m["id"] for m in grade.missed if m["id"] in weights),
                    key=lambda kid: -weights[kid])
    for kid in missed:
        targeted = [p for p in _unasked(question, "gap", asked) if p.targets == kid]
        if targeted:
            return targeted[0]
        kp = next(k for k in question.key_points if k.id == kid)
        if f"{GENERIC_GAP}{kid}" not in asked and kp.hints:
            return generic_gap(kp)
    return None


@dataclass
class StandingGrade:
    """Where a question stands after a follow-up: the main answer's missed key points,
    minus those a follow-up has since dealt with; the latest answer's band."""

    score: int
    band: str
    missed: list[dict]
    misconceptions: list[dict] = field(default_factory=list)
    feedback: list[str] = field(default_factory=list)
    symbolic: dict | None = None

    def to_dict(self) -> dict:
        return {"score": self.score, "band": self.band, "missed": self.missed}


def standing_after_probe(main_result: dict | None, answered: list[Probe],
                         latest: GradeLike) -> StandingGrade:
    dealt_with = {p.targets for p in answered if p.targets}
    dealt_with |= {c.get("id") for c in (latest.to_dict().get("covered") or [])}
    missed = [m for m in (main_result or {}).get("missed", []) if m.get("id") not in dealt_with]
    band = latest.band if not missed else ("partial" if latest.band == "strong" else latest.band)
    return StandingGrade(score=latest.score, band=band, missed=missed)
