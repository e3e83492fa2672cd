"""Are two formulas the same? Numeric sampling inside the declared domains, with guards:

- expressions: equal at every sample point where both are defined; a point where only one
  side is defined counts against (``sqrt(x^2)`` is not ``x`` for real x, ``log(ab)`` is not
  ``log a + log b``); too few usable points gives ``undetermined``, never a guess;
- equations: ``lhs - rhs`` of one is a non-zero constant multiple of the other's (sides may
  be swapped or scaled); an equation whose left side is only a label (``dL/dw = …``,
  ``y = …``) is compared by its right side;
- inequalities: ``g >= 0`` forms agree in sign at every point, with both signs seen.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import numpy as np

from bot.grading import ast as A
from bot.grading.evaluate import MP, Context, Evaluator, Point, TooLarge, Undefined
from bot.grading.limits import out_of_time

POINTS = 12
MAX_TRIES = 48
FIRST = 12  # points tried first (= POINTS); the rest only for domain questions
MIN_VALID = 4
DIFFERS = "differs at a sample point"


@dataclass(frozen=True)
class Outcome:
    verdict: str  # equivalent | not_equivalent | undetermined
    reason: str | None = None
    diagnosis: str | None = None


class Sampler:
    """A fixed set of random points, reused for every node evaluated in one comparison.

    A node is first evaluated at the first ``FIRST`` points only; the other points are
    evaluated when a value there is missing or too large (a domain question, which needs
    every point) or when asked (``full``). Equality is decided on ``POINTS`` points anyway,
    so a formula defined everywhere costs a quarter of the full set. Values are remembered
    per node: the diagnosis re-reads the answer and the reference for free."""

    def __init__(self, ctx: Context, seed: int = 7):
        rng = random.Random(seed)
        self.points = [Point(ctx, random.Random(rng.random())) for _ in range(MAX_TRIES)]
        self._memo: dict[int, tuple[A.Node, list]] = {}  # id -> (node kept alive, values)

    def values(self, node: A.Node, *, full: bool = False) -> list[object | None]:
        kept = self._memo.get(id(node))
        out = kept[1] if kept is not None else _evaluate(node, self.points[:FIRST])
        if len(out) < len(self.points) and (full or not all(
                v is not None and v is not TOO_LARGE for v in out)):
            out = out + _evaluate(node, self.points[len(out):])
        self._memo[id(node)] = (node, out)
        return out

    def pair(self, a: A.Node, b: A.Node, *, full: bool = False) -> tuple[list, list]:
        """Values of both at the same points (all of them if either needed all)."""
        va, vb = self.values(a, full=full), self.values(b, full=full)
        if len(va) != len(vb):
            va, vb = self.values(a, full=True), self.values(b, full=True)
        return va, vb


def _evaluate(node: A.Node, points: list[Point]) -> list[object | None]:
    out: list[object | None] = []
    for point in points:
        if out_of_time():  # the check's work budget is spent: no more values
            out.append(TOO_LARGE)
            continue
        try:
            out.append(Evaluator(point).run(node))
        except TooLarge:
            out.append(TOO_LARGE)
        except (Undefined, ZeroDivisionError, OverflowError, ValueError, TypeError,
                FloatingPointError, np.linalg.LinAlgError):
            out.append(None)
    return out


class _TooLarge:
    """Marker: the value exists but is too large to compute."""


TOO_LARGE = _TooLarge()


def close(a: object, b: object) -> bool:
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        a_arr = np.asarray(a if isinstance(a, np.ndarray) else float(a), dtype=float)
        b_arr = np.asarray(b if isinstance(b, np.ndarray) else float(b), dtype=float)
        if a_arr.size == 1 and b_arr.size == 1:
            a_arr, b_arr = a_arr.ravel(), b_arr.ravel()
        if a_arr.shape != b_arr.shape:
            return False
        scale = max(1.0, float(np.max(np.abs(a_arr))), float(np.max(np.abs(b_arr))))
        return bool(np.all(np.abs(a_arr - b_arr) <= 1e-8 * scale))
    scale = max(MP.mpf(1), abs(a), abs(b))
    return abs(a - b) <= MP.mpf("1e-12") * scale


def is_zero(v: object) -> bool:
    return close(v, MP.mpf(0) if not isinstance(v, np.ndarray) else np.zeros_like(v))


def compare_values(va: list, vb: list) -> Outcome:
    """Both lists come from the same points."""
    if any(v is TOO_LARGE for v in va + vb):
        return Outcome("undetermined", "too large to evaluate: a huge number in it, or too much work")
    both = [(a, b) for a, b in zip(va, vb, strict=True) if a is not None and b is not None]
    one_sided = sum(1 for a, b in zip(va, vb, strict=True) if (a is None) != (b is None))
    if one_sided >= 2:
        agree = len(both) >= MIN_VALID and all(close(a, b) for a, b in both)
        note = ("They agree where both are defined, but one has no value where the other "
                "does: mind the domain." if agree else None)
        return Outcome("not_equivalent", "defined on a different domain: one side has no "
                       "real value where the other does", note)
    if len(both) < MIN_VALID:
        return Outcome("undetermined", "could not evaluate both sides at enough points")
    for a, b in both[:POINTS]:
        if not close(a, b):
            return Outcome("not_equivalent", DIFFERS)
    return Outcome("equivalent")


def label(node: A.Node) -> bool:
    """A left side that only names the result: dL/dw, y, theta_{t+1}."""
    return isinstance(node, A.DerivLabel | A.Sym)


def value_side(parsed: A.Parsed) -> A.Node | None:
    """The formula to compare when an equation's left side is just a label."""
    if parsed.kind == "expression":
        return parsed.items[0]
    if parsed.kind == "equation" and len(parsed.items) >= 2 and label(parsed.items[0]):
        return parsed.items[-1]
    return None


def compare(answer: A.Parsed, reference: A.Parsed, ctx: Context, *, seed: int = 7) -> Outcome:
    sampler = Sampler(ctx, seed)
    a_val, r_val = value_side(answer), value_side(reference)
    if reference.kind == "inequality" or answer.kind == "inequality":
        if answer.kind != reference.kind:
            return Outcome("not_equivalent", f"expected an {reference.kind}, got an "
                           f"{answer.kind}")
        return _inequalities(answer, reference, sampler)
    if a_val is not None and r_val is not None and not (
            answer.kind == reference.kind == "equation" and not _same_label(answer, reference)):
        from bot.grading.symbolic import proved_equal

        if proved_equal(a_val, r_val, ctx):
            return Outcome("equivalent", "proved symbolically")
        outcome = compare_values(*sampler.pair(a_val, r_val))
        if outcome.verdict == "not_equivalent" and outcome.reason == DIFFERS:
            from bot.grading.diagnosis import diagnose

            return Outcome(outcome.verdict, outcome.reason, diagnose(a_val, r_val, sampler))
        return outcome
    if answer.kind == reference.kind == "equation":
        return _equations(answer, reference, sampler)
    return Outcome("not_equivalent", f"expected an {reference.kind}, got an {answer.kind}")


def _same_label(a: A.Parsed, b: A.Parsed) -> bool:
    """Both left sides name the result, and neither name is used on a right side."""
    la, lb = a.items[0], b.items[0]
    if not (label(la) and label(lb)):
        return False
    used = names(a.items[-1]) | names(b.items[-1])
    return not ({getattr(la, "name", None), getattr(lb, "name", None)} & used)


def names(node: A.Node) -> set[str]:
    """Free symbol names (not counting sum indices)."""
    found: set[str] = set()

    def walk(n: object, bound: frozenset[str]) -> None:
        if isinstance(n, A.Sym):
            if n.name not in bound:
                found.add(n.name)
            return
        if isinstance(n, A.SumOver):
            walk(n.body, bound | {n.index})
            return
        if isinstance(n, A.Node):
            for value in n.__dict__.values():
                walk(value, bound)
        elif isinstance(n, tuple):
            for value in n:
                walk(value, bound)

    walk(node, frozenset())
    return found


def _difference(parsed: A.Parsed) -> A.Node:
    return A.Add((parsed.items[0], A.Neg(parsed.items[-1])))


def _too_large(va: list, vb: list) -> Outcome | None:
    if any(v is TOO_LARGE for v in va + vb):
        return Outcome("undetermined", "too large to evaluate: a huge number in it, or too much work")
    return None


def _equations(a: A.Parsed, b: A.Parsed, sampler: Sampler) -> Outcome:
    va, vb = sampler.pair(_difference(a), _difference(b))
    if (huge := _too_large(va, vb)) is not None:
        return huge
    pairs = [(x, y) for x, y in zip(va, vb, strict=True) if x is not None and y is not None]
    if len(pairs) < MIN_VALID:
        return Outcome("undetermined", "could not evaluate both equations at enough points")
    zeros = [(is_zero(x), is_zero(y)) for x, y in pairs]
    if all(za and zb for za, zb in zeros):
        return Outcome("equivalent", "both are identities")
    ratios = [_ratio(x, y) for (x, y), (za, zb) in zip(pairs, zeros, strict=True)
              if not (za and zb)]
    if any(r is None for r in ratios):
        return Outcome("not_equivalent", "the equations have different solutions")
    first = ratios[0]
    if is_zero(first) or not all(close(r, first) for r in ratios[:POINTS]):
        return Outcome("not_equivalent", "the equations have different solutions")
    return Outcome("equivalent")


def _ratio(x: object, y: object) -> object | None:
    if isinstance(x, np.ndarray) or isinstance(y, np.ndarray):
        xa, ya = np.asarray(x, float).ravel(), np.asarray(y, float).ravel()
        if xa.shape != ya.shape:
            return None
        mask = np.abs(ya) > 1e-9
        if not mask.any() or np.any(np.abs(xa[~mask]) > 1e-9):
            return None
        ratios = xa[mask] / ya[mask]
        return MP.mpf(float(ratios[0])) if np.allclose(ratios, ratios[0], rtol=1e-7) else None
    if is_zero(y):
        return None if not is_zero(x) else MP.mpf(1)
    return x / y


def _normal_form(parsed: A.Parsed) -> A.Node:
    """``a <= b`` and ``b >= a`` both become ``b - a`` (to be >= 0)."""
    left, right = parsed.items[0], parsed.items[-1]
    op = parsed.ops[0]
    if op in ("<=", "<"):
        return A.Add((right, A.Neg(left)))
    return A.Add((left, A.Neg(right)))


def _inequalities(a: A.Parsed, b: A.Parsed, sampler: Sampler) -> Outcome:
    if len(a.ops) != 1 or len(b.ops) != 1 or "!=" in a.ops + b.ops:
        return Outcome("undetermined", "chained or '!=' relations are not compared")
    strict_a, strict_b = a.ops[0] in ("<", ">"), b.ops[0] in ("<", ">")
    va, vb = sampler.pair(_normal_form(a), _normal_form(b), full=True)  # both signs
    if (huge := _too_large(va, vb)) is not None:
        return huge
    pairs = [(x, y) for x, y in zip(va, vb, strict=True) if x is not None and y is not None]
    if len(pairs) < MIN_VALID:
        return Outcome("undetermined", "could not evaluate both sides at enough points")
    if any(isinstance(x, np.ndarray) or isinstance(y, np.ndarray) for x, y in pairs):
        return Outcome("undetermined", "inequalities between arrays are not compared")
    ratios = [x / y for x, y in pairs if not is_zero(y)]
    scaled = ratios and all(r > 0 for r in ratios) and all(close(r, ratios[0]) for r in ratios)
    if scaled and strict_a == strict_b:
        return Outcome("equivalent")
    signs = [(x > 0, y > 0) for x, y in pairs if not is_zero(x) and not is_zero(y)]
    if any(sa != sb for sa, sb in signs):
        return Outcome("not_equivalent", "the inequalities disagree at a sample point",
                       "The inequality points the wrong way or bounds a different quantity.")
    if strict_a != strict_b:
        return Outcome("not_equivalent", "one inequality is strict and the other is not",
                       "One inequality is strict (<) and the other is not (<=).")
    if len({s for s, _ in signs}) < 2:
        return Outcome("undetermined", "every sample satisfied (or violated) both; "
                       "not enough evidence either way")
    return Outcome("equivalent")
