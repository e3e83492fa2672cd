"""Grading a whole answer: the rubric for prose plus the symbolic check of its formulas.

Score (0-100): weighted key-point coverage; on a question with a formula, 75 % coverage and
25 % for a formula that checks out (a wrong formula caps the score at 55); each asserted
misconception costs 25; an answer that is mostly keywords is capped at 60. Bands: strong
>= 75 with no misconception, no wrong formula and real argument; partial >= 25 (a correct
but incomplete answer); else weak. Thresholds calibrated on tests/rubric/answers/.
A wrong answer is never 'strong'.
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field

from bot.bank.schema import Probe, Question
from bot.grading import check_answer, extract_math
from bot.grading.pool import is_apology
from bot.grading.rubric import grade_rubric

MAX_ANSWER = 5000
STRONG, PARTIAL = 75, 25
RANK = {"correct": 4, "incorrect": 3, "undetermined": 2, "unparsed": 1}


@dataclass
class GradeResult:
    score: int
    band: str  # strong | partial | weak | invalid
    covered: list[dict] = field(default_factory=list)
    missed: list[dict] = field(default_factory=list)
    misconceptions: list[dict] = field(default_factory=list)
    feedback: list[str] = field(default_factory=list)
    symbolic: dict | None = None
    reason: str | None = None
    ms: float = 0.0

    def to_dict(self) -> dict:
        return asdict(self)


def invalid(reason: str) -> GradeResult:
    return GradeResult(0, "invalid", reason=reason, feedback=[reason])


async def _symbolic(spec, text: str, pool) -> dict | None:
    formulas = extract_math(text)
    if not formulas and len(text) <= 300:
        formulas = [text]
    best: dict | None = None
    for formula in formulas[:6]:
        result = (await check_answer(spec, formula, pool=pool)).to_dict()
        result["formula"] = formula
        if best is None or RANK.get(result["verdict"], 0) > RANK.get(best["verdict"], 0):
            best = result
        if best["verdict"] == "correct":
            break
    return best


async def grade_answer(question: Question, text: str, *, probe: Probe | None = None,
                       pool=None) -> GradeResult:
    """Grade an answer to ``question`` (or to one of its follow-ups)."""
    started = time.perf_counter()
    text = (text or "").strip()
    if not text:
        return invalid("The answer is empty.")
    if len(text) > MAX_ANSWER:
        return invalid(f"The answer is {len(text):,} characters; the limit is {MAX_ANSWER:,}.")
    key_points = list(probe.key_points if probe else question.key_points)
    spec = probe.symbolic if probe else question.symbolic
    rubric = grade_rubric(text, key_points, question.misconceptions)
    symbolic = await _symbolic(spec, text, pool) if spec else None
    verdict = symbolic["verdict"] if symbolic else None

    if key_points:
        score = 100 * rubric.coverage
        if spec is not None:
            score = 0.75 * score + (25 if verdict == "correct" else 0)
    else:
        score = {"correct": 100, "incorrect": 20}.get(verdict or "", 0)
    if verdict == "incorrect":
        score = min(score, 55)
    score -= 25 * len(rubric.misconceptions)
    if rubric.stuffed:
        score = min(score, 60)
    score = int(round(max(0, min(100, score))))
    strong_ok = not rubric.misconceptions and verdict != "incorrect" and not rubric.stuffed
    band = "strong" if score >= STRONG and strong_ok else "partial" if score >= PARTIAL else "weak"

    result = GradeResult(score, band, rubric.covered, rubric.missed, rubric.misconceptions,
                         feedback(rubric, symbolic, band), symbolic)
    result.ms = round((time.perf_counter() - started) * 1000, 1)
    return result


def feedback(rubric, symbolic: dict | None, band: str) -> list[str]:
    lines: list[str] = []
    for m in rubric.misconceptions:
        lines.append(f"Careful: {m['correction']}")
    if symbolic and symbolic["verdict"] == "correct":
        lines.append(f"Your formula checks out: {symbolic['read_as']}.")
    elif symbolic and symbolic["verdict"] == "incorrect":
        why = symbolic.get("diagnosis") or "it does not match the expected result"
        lines.append(f"I read your formula as {symbolic['read_as']}, and it is not right: {why}")
    elif symbolic and symbolic["verdict"] == "undetermined" and is_apology(symbolic["reason"]):
        lines.append(f"{symbolic['reason']} Your prose was still graded.")
    for kp in sorted(rubric.missed, key=lambda k: -k["weight"])[:3]:
        lines.append(f"You did not mention: {kp['text'][0].lower()}{kp['text'][1:]}.")
    if rubric.stuffed:
        lines.append("Argue, don't list: explain how the ideas connect.")
    if band == "strong" and not lines:
        lines.append("Strong answer: precise and complete.")
    return lines
