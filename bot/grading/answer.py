"""Grading a whole answer: the rubric for prose plus the symbolic check of its formulas.

Score (0-100): weighted key-point coverage, plus 15 for a formula that checks out on a
question whose answer is a formula. A wrong formula for the quantity asked (a near miss:
sign, factor, missing term) caps the score at 55 and costs 20; formulas about other things
(a side remark, another notation: other variables, an equation where an expression was
asked) neither help nor hurt. Each asserted misconception costs 80 (one confident false claim
makes an answer weak); a bare keyword list is capped at 20. Bands: strong >= 75 (>= 80 on a
formula question without a formula that checks out) with no misconception, no wrong formula,
no major key point (weight >= 2) missed and real argument; partial >= 25 (a correct but
incomplete answer); else weak. Thresholds calibrated on tests/rubric/answers/.
A wrong answer is never 'strong'.

All the symbolic checks of one answer (each formula, each side of a chain, each accepted form
alone) run in ONE worker call under one time limit: one pool round trip per answer, not up to
thirty, so a busy server's answers do not queue behind each other's checks.
"""

from __future__ import annotations

import re
import time
from dataclasses import asdict, dataclass, field

from bot.bank.schema import Probe, Question
from bot.grading import CheckResult, GradingPool, SymbolicSpec, _fill, engine, extract_math
from bot.grading.limits import work_budget
from bot.grading.pool import is_apology
from bot.grading.rubric import grade_rubric

MAX_ANSWER = 5000
STRONG, PARTIAL = 75, 25
STRONG_NO_FORMULA = 80  # a formula question answered without a formula that checks out
RANK = {"correct": 4, "incorrect": 3, "undetermined": 2, "unparsed": 1}
MAX_FORMULAS = 8
FORMULA_BONUS = 15  # a formula that checks out, on a question whose answer is one
WRONG_FORMULA_CAP = 55
WRONG_FORMULA_COST = 20  # the formula asked for, but wrong: a near miss (sign, factor, term)
KEYWORD_LIST_CAP = 20
MISCONCEPTION_COST = 80  # one confident false claim makes the answer weak, whatever surrounds it
MAJOR = 2  # a key point of this weight or more must be covered for 'strong'


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


# Diagnoses that mean "a different formula" (a side remark, another notation), not a wrong
# answer: a formula about other variables, or an equation where an expression was expected.
UNRELATED = ("does not depend on", "which the expected one does not", "expected an",
             "defined on a different domain", "not a clear near miss")
NEAR_MISS = ("Sign error", "Off by a constant factor", "Off by an additive", "A term is missing",
             "There is an extra term", "Transposes swapped")
RELATION = re.compile(r"(?<![<>!])=(?!=)|<=|>=|≤|≥|⩽|⩾")


def _sides(formula: str) -> list[str]:
    """The texts after each top-level relation sign: "∇ℓ(w) = Σ ... = Xᵀ(...)" ->
    ["Σ ...", "Xᵀ(...)"] (the named left side is not graded)."""
    depth, cuts = 0, []
    for k, ch in enumerate(formula):
        depth += ch in "([{"
        depth -= ch in ")]}"
        if depth == 0 and (found := RELATION.match(formula, k)):
            cuts.append((k, found.end()))
    sides = [formula[end:(cuts[n + 1][0] if n + 1 < len(cuts) else len(formula))].strip()
             for n, (_, end) in enumerate(cuts)]
    return [side for side in sides if side]


BARE_SUM = re.compile(r"(Σ|∑|\\sum|\bsum\b)(?!\s*_)")
INDEX = re.compile(r"(?:_\{?|(?<=[A-Za-z)]))([ijnkt])\b|([ᵢⱼₙₖₜ])")


def _with_sum_index(formula: str) -> str | None:
    """'Σ (yᵢ − σᵢ) xᵢ' -> 'Σ_i (yᵢ − σᵢ) xᵢ': the index the terms are subscripted by."""
    if not BARE_SUM.search(formula):
        return None
    found = INDEX.search(formula.replace("ᵀ", ""))
    if not found:
        return None
    index = found.group(1) or {"ᵢ": "i", "ⱼ": "j", "ₙ": "n", "ₖ": "k", "ₜ": "t"}[found.group(2)]
    return BARE_SUM.sub(lambda m: f"{m.group(1)}_{index}", formula)


def _related(result: dict) -> bool:
    why = f"{result.get('diagnosis') or ''} {result.get('reason') or ''}"
    return not any(cue in why for cue in UNRELATED)


# Formulas written inside a sentence ("... the gradient is Σ (σ(wᵀxᵢ) − yᵢ) xᵢ, which ..."):
# runs of tokens that look like math, cut at prose words.
MATH_CHARS = re.compile(r"[=<>≤≥+\-−*/^_()\[\]|‖√Σ∑∇∂⊙·ᵀ⁻¹²³ᵢⱼₜ\\\u0370-\u03ffℓ]")
HYPHENATED = re.compile(r"[A-Za-z]+(-[A-Za-z]+)+")
MATH_WORDS = {"log", "ln", "exp", "sum", "sqrt", "max", "min", "tr", "det", "var", "cov",
              "sigma", "sigmoid", "softmax", "relu", "tanh", "frac"}
PROSE_SHORT = {"is", "in", "so", "we", "it", "of", "to", "on", "at", "by", "be", "as", "an",
               "or", "if", "no", "do", "up", "my", "me", "us", "am", "vs", "ie", "eg"}
SEGMENT = re.compile(r"(?<=[.;:?!])\s+|\n+|,\s+(?=[A-Za-z]{3,}\b)")
EDGE = re.compile(r"^[\s=<>≤≥,:]+|[\s=<>≤≥,:]+$")


def _inline_formulas(text: str, names: set[str]) -> list[str]:
    words = MATH_WORDS | {n.lower() for n in names}
    found: list[str] = []
    for segment in SEGMENT.split(text):
        run: list[str] = []
        for token in [*segment.split(), ""]:
            bare = token.strip(".,;!?")
            symbol = MATH_CHARS.search(bare) is not None and not HYPHENATED.fullmatch(bare)
            short = len(bare) <= 2 and bare.lower() not in PROSE_SHORT
            if bare and (symbol or short or bare.lower() in words):
                run.append(bare)
                continue
            formula = EDGE.sub("", " ".join(run))
            if MATH_CHARS.search(formula) and len(formula) >= 5:
                found.append(formula)
            run = []
    return found


def _nearest_form(spec: dict, formula: str, answers: list[str]) -> dict | None:
    """With several accepted forms the engine reports one diagnosis, maybe from a form in
    other variables ("does not depend on t"); ask each form alone for a near miss."""
    found: list[dict] = []
    for form in answers:
        one = _check(spec | {"answers": [form]}, formula)
        if one["verdict"] == "incorrect" and _related(one):
            found.append(one | {"formula": formula})
    return max(found, key=lambda r: r.get("diagnosis") is not None, default=None)


def _by_sides(spec: dict, formula: str) -> dict | None:
    """"E[(y - f)^2] = bias^2 + var + sigma^2", "∇ℓ = Σ (yᵢ − σᵢ) xᵢ = Xᵀ(y − σ(Xw))": a side
    that checks out makes the chain correct, unless another side is a near miss of the same
    quantity (a wrong step written as equal to a right one), which makes it incorrect."""
    sides = _sides(formula)
    if len(sides) > 1:
        sides = sides + [formula[: formula.rfind(sides[-1])].rstrip(" =")]  # a = b = c: a = b
    results = [_check(spec, side) for side in sides[:4]]
    correct = next((r for r in results if r["verdict"] == "correct"), None)
    near = [r for r in results if r["verdict"] == "incorrect"
            and (r.get("diagnosis") or "").startswith(NEAR_MISS)]
    if correct and not near:
        return correct | {"formula": formula}
    if near:  # "∇ℓ = Σ (σᵢ − yᵢ) xᵢ = ...": the near miss is the telling side
        return near[0] | {"formula": formula}
    return None


def _check(spec: dict, formula: str) -> dict:
    """One check, right here (this module's symbolic part runs inside a worker)."""
    started = time.perf_counter()
    return _fill(CheckResult, engine.check(spec, formula), started).to_dict()


def symbolic_part(spec: dict, text: str) -> dict | None:
    """Every check of one answer, in one worker call (one round trip, one time limit)."""
    with work_budget():
        return _symbolic(spec, text)


def answer_part(key_points: list, misconceptions: list, spec: dict | None, text: str) -> dict:
    """The rubric and every symbolic check of one answer, in one worker call: the prose
    matching is CPU work too, and on the bot's event loop it would delay every other reply."""
    with work_budget():
        return {"rubric": grade_rubric(text, key_points, misconceptions),
                "symbolic": _symbolic(spec, text) if spec is not None else None}


async def _symbolic_checked(spec, text: str, pool) -> dict | None:
    data = spec.model_dump() if isinstance(spec, SymbolicSpec) else spec
    if pool is None:
        async with GradingPool() as own:
            return await own.run(symbolic_part, data, text)
    return await pool.run(symbolic_part, data, text)


async def _graded_parts(key_points: list, misconceptions: list, spec, text: str, pool):
    """(rubric, symbolic) for one answer: in the pool when there is one; if the worker gives
    up (time limit, crash), the rubric alone is redone here and the formulas are
    ``undetermined`` with the pool's apology."""
    if pool is None:
        rubric = grade_rubric(text, key_points, misconceptions)
        return rubric, (await _symbolic_checked(spec, text, None) if spec else None)
    data = spec.model_dump() if isinstance(spec, SymbolicSpec) else spec
    out = await pool.run(answer_part, key_points, misconceptions, data, text)
    if "rubric" in out:
        return out["rubric"], out["symbolic"]
    return grade_rubric(text, key_points, misconceptions), (out if spec else None)


def _symbolic(spec: dict, text: str) -> dict | None:
    """The most telling formula of the answer: one that checks out, else a wrong one about
    the same quantity (a near miss), else whatever was read."""
    formulas = extract_math(text)
    if not formulas and len(text) <= 300:
        formulas = [text]
    names = set(spec.get("symbols", {})) | set(spec.get("aliases", {})) | {
        key.split("(")[0] for key in spec.get("functions", {})}
    delimited = len(formulas)
    seen = {f.strip("$ ") for f in formulas}  # the same formula with its $ signs
    formulas += [f for f in _inline_formulas(text, names) if f.strip("$ ") not in seen]
    answers = spec["answers"]
    expects_relation = any(RELATION.search(form) for form in answers)
    best: dict | None = None
    for index, formula in enumerate(formulas[:MAX_FORMULAS]):
        result = _check(spec, formula)
        result["formula"] = formula
        indexed = _with_sum_index(formula) if result["verdict"] == "unparsed" else None
        if indexed:  # candidates often leave the index of a sum implicit
            result = _check(spec, indexed) | {"formula": formula}
        if result["verdict"] != "correct" and not expects_relation:
            result = _by_sides(spec, formula) or result
        if result["verdict"] == "incorrect" and not _related(result) and len(answers) > 1:
            result = _nearest_form(spec, formula, answers) or result
        if (result["verdict"] == "incorrect" and index >= delimited
                and not (result.get("diagnosis") or "").startswith(NEAR_MISS)):
            # a fragment found inside a sentence counts against only as a clear near miss
            result = result | {"diagnosis": None, "reason": "not a clear near miss"}
        if result["verdict"] == "incorrect" and not _related(result):
            result = result | {"verdict": "undetermined",
                               "reason": "this formula does not look like the answer asked for "
                                         f"({result.get('diagnosis') or result.get('reason')})"}
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
    rubric, symbolic = await _graded_parts(key_points, list(question.misconceptions), spec,
                                           text, pool)
    verdict = symbolic["verdict"] if symbolic else None

    if key_points:
        score = 100 * rubric.coverage
        if verdict == "correct":
            score = min(100, score + FORMULA_BONUS)
    else:
        score = {"correct": 100, "incorrect": 20}.get(verdict or "", 0)
    if verdict == "incorrect":
        score = min(score, WRONG_FORMULA_CAP) - WRONG_FORMULA_COST
    score -= MISCONCEPTION_COST * len(rubric.misconceptions)
    if rubric.stuffed:
        score = min(score, KEYWORD_LIST_CAP)
    score = int(round(max(0, min(100, score))))
    # strong means complete: no major point (weight >= 2) left out, however high the rest
    major_missed = any(kp["weight"] >= MAJOR for kp in rubric.missed)
    strong_ok = (not rubric.misconceptions and verdict != "incorrect" and not rubric.stuffed
                 and not major_missed)
    strong_at = STRONG_NO_FORMULA if spec is not None and verdict != "correct" else STRONG
    band = ("strong" if score >= strong_at and strong_ok
            else "partial" if score >= PARTIAL else "weak")

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
