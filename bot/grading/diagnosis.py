"""One short sentence on how a wrong answer differs from the reference: missing dependence,
sign, constant factor, additive constant, a missing or extra term, swapped transposes."""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from bot.grading import ast as A
from bot.grading.equivalence import TOO_LARGE, Sampler, close, compare_values, names
from bot.grading.printer import to_text


def _same(a: A.Node, b: A.Node, sampler: Sampler) -> bool:
    return compare_values(*sampler.pair(a, b)).verdict == "equivalent"


def _constant(values: list) -> object | None:
    seen = [v for v in values if v is not None]
    if len(seen) < 4 or any(isinstance(v, np.ndarray) for v in seen):
        return None
    return seen[0] if all(close(v, seen[0]) for v in seen) else None


def _fraction(value: object) -> str:
    frac = Fraction(float(value)).limit_denominator(60)
    if abs(float(frac) - float(value)) > 1e-9 * max(1, abs(float(value))):
        return f"{float(value):.4g}"
    return str(frac)


def _pairwise(fn, va: list, vr: list) -> list:
    out = []
    for a, r in zip(va, vr, strict=True):
        if a is None or r is None:
            out.append(None)
            continue
        try:
            out.append(fn(a, r))
        except (ZeroDivisionError, ValueError, TypeError):
            out.append(None)
    return out


def diagnose(answer: A.Node, reference: A.Node, sampler: Sampler) -> str | None:
    missing = sorted(names(reference) - names(answer))
    extra = sorted(names(answer) - names(reference))
    if missing:
        return (f"Your answer does not depend on {', '.join(missing)}, but the expected "
                "one does.")
    va, vr = sampler.pair(answer, reference)
    negated = [v if v is None or v is TOO_LARGE else -v for v in va]
    if compare_values(negated, vr).verdict == "equivalent":
        return "Sign error: your answer is the negative of the expected one."
    ratio = _constant(_pairwise(lambda a, r: a / r, va, vr))
    if ratio is not None and not close(ratio, 1):
        return (f"Off by a constant factor: your answer is {_fraction(ratio)} times the "
                "expected one.")
    shift = _constant(_pairwise(lambda a, r: a - r, va, vr))
    if shift is not None and not close(shift, 0):
        return f"Off by an additive constant: your answer is the expected one plus {_fraction(shift)}."
    if isinstance(reference, A.Add):
        for k, term in enumerate(reference.terms):
            rest = reference.terms[:k] + reference.terms[k + 1:]
            if rest and _same(answer, rest[0] if len(rest) == 1 else A.Add(rest), sampler):
                return f"A term is missing: {_show(term)}."
    if isinstance(answer, A.Add):
        for k, term in enumerate(answer.terms):
            rest = answer.terms[:k] + answer.terms[k + 1:]
            if rest and _same(rest[0] if len(rest) == 1 else A.Add(rest), reference, sampler):
                return f"There is an extra term: {_show(term)}."
    if any(isinstance(v, np.ndarray) for v in vr if v is not None):
        if _same(A.Transpose(answer), reference, sampler):
            return "Transposes swapped: your answer is the transpose of the expected one."
    if extra:
        return (f"Your answer depends on {', '.join(extra)}, which the expected one does "
                "not.")
    return None


def _show(term: A.Node) -> str:
    return f"-({to_text(term.x)})" if isinstance(term, A.Neg) else to_text(term)
