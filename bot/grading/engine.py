"""The engine's synchronous entry points (they run inside a worker process): read a formula,
compare two formulas, check an answer against a question's spec, check a derivation.

Results are plain dicts, ready for JSON."""

from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import dataclass

from bot.grading import ast as A
from bot.grading.equivalence import Outcome, compare, value_side
from bot.grading.evaluate import Context
from bot.grading.limits import MathInputError, out_of_time, work_budget
from bot.grading.normalize import unwrap
from bot.grading.parser import parse
from bot.grading.printer import relation_text, to_text
from bot.grading.spec import SymbolicSpec

BUILTIN_ALIASES = {"sigmoid": "sigma", "logistic": "sigma", "ln": "log"}
ANSWER_PREFIX = re.compile(r"^\s*(answer|final answer|result)\s*[:=]\s*", re.IGNORECASE)


@dataclass
class Env:
    """Everything needed to read formulas for one spec (or for a bare --symbols list)."""

    ctx: Context
    names: set[str]
    functions: set[str]
    aliases: dict[str, str]

    def read(self, text: str) -> A.Parsed:
        text = ANSWER_PREFIX.sub("", unwrap(text)).strip().strip("$").strip()
        arrays = {name for name in self.ctx.domains if self.ctx.shape_of(name)}
        parsed = parse(text, names=self.names, functions=self.functions, arrays=arrays)
        return A.Parsed(tuple(rename(n, self.aliases) for n in parsed.items), parsed.ops)


def make_env(spec: SymbolicSpec | None = None, symbols: dict[str, str] | None = None) -> Env:
    domains = dict(spec.symbols if spec else {}) | dict(symbols or {})
    aliases = BUILTIN_ALIASES | (dict(spec.aliases) if spec else {})
    ctx = Context(domains=domains)
    functions: set[str] = set()
    if spec is not None:
        for key, body in spec.functions.items():
            name, _, params = key.partition("(")
            name = name.strip()
            functions.add(name)
            if body.strip() in ("unknown", "?"):
                ctx.unknown.add(name)
                continue
            args = tuple(p.strip() for p in params.rstrip(")").split(",") if p.strip())
            parsed = parse(body, names=set(args) | set(domains), functions=functions)
            ctx.defined[name] = (args, rename(parsed.items[0], aliases))
    names = set(domains) | {a for a in aliases if a not in BUILTIN_ALIASES}
    return Env(ctx, names, functions, aliases)


def rename(node: A.Node, aliases: dict[str, str], calls_only: bool = False) -> A.Node:
    if not aliases:
        return node
    if isinstance(node, A.Sym) and not calls_only:
        return A.Sym(aliases.get(node.name, node.name), node.sub and rename(node.sub, aliases))
    if isinstance(node, A.Call):
        return A.Call(aliases.get(node.name, node.name),
                      tuple(rename(a, aliases, calls_only) for a in node.args))
    if isinstance(node, A.Node):
        fields = {k: _rename_value(v, aliases, calls_only) for k, v in node.__dict__.items()}
        return type(node)(**fields)
    return node


def _rename_value(value: object, aliases: dict[str, str], calls_only: bool = False) -> object:
    if isinstance(value, A.Node):
        return rename(value, aliases, calls_only)
    if isinstance(value, tuple):
        return tuple(_rename_value(v, aliases, calls_only) for v in value)
    return value


def echo(parsed: A.Parsed) -> tuple[str, str]:
    return relation_text(parsed.items, parsed.ops), relation_text(parsed.items, parsed.ops, True)


# -- the three operations -------------------------------------------------------------------
def equiv(a: str, b: str, symbols: dict[str, str] | None = None) -> dict:
    """Compare two formulas; every free symbol is real unless ``symbols`` says otherwise."""
    result: dict = {"verdict": "invalid", "read_a": None, "read_b": None, "latex_a": None,
                    "latex_b": None, "diagnosis": None, "reason": None}
    try:
        env = make_env(symbols=symbols)
    except (MathInputError, ValueError) as exc:
        result["reason"] = f"symbols: {exc}"
        return result
    parsed = []
    for key, text in (("a", a), ("b", b)):
        if not isinstance(text, str):
            result["reason"] = f"{key}: expected a formula as text"
            return result
        try:
            p = env.read(text)
        except MathInputError as exc:
            result["reason"] = f"{key}: {exc}"
            return result
        result[f"read_{key}"], result[f"latex_{key}"] = echo(p)
        parsed.append(p)
    outcome = compare(parsed[0], parsed[1], env.ctx)
    result.update(verdict=outcome.verdict, diagnosis=outcome.diagnosis, reason=outcome.reason)
    return result


def check(spec: SymbolicSpec | dict | None, answer: str) -> dict:
    """The question-level verdict for the symbolic part of an answer (within a work budget:
    past it the formula is ``undetermined``, never a timeout)."""
    with work_budget():
        return _check(spec, answer)


def _check(spec: SymbolicSpec | dict | None, answer: str) -> dict:
    result: dict = {"verdict": "no_symbolic_part", "read_as": None, "latex": None,
                    "diagnosis": None, "reason": None}
    if spec is None:
        result["reason"] = "this question has no symbolic part"
        return result
    spec = spec if isinstance(spec, SymbolicSpec) else SymbolicSpec.model_validate(spec)
    env = make_env(spec)
    try:
        parsed = env.read(answer)
    except MathInputError as exc:
        result.update(verdict="unparsed", reason=str(exc))
        return result
    forms = [env.read(form) for form in spec.answers]
    parsed = _shorthand(parsed, forms, env)
    result["read_as"], result["latex"] = echo(parsed)
    if all(form.kind == "expression" for form in forms) and _names_a_quantity(parsed):
        # "KL(q||p) = ...", "log p(x) = ...", "d/dz σ(z) = ...": the left side names what the
        # right side computes
        parsed = A.Parsed(parsed.items[1:], ())
    pending = _written_out(parsed, forms, env)
    if pending is not None:
        shown = to_text(pending)
        result.update(verdict="undetermined", reason="this is the derivative written out, not "
                      "worked out: work out " + (shown if len(shown) <= 40 else "the derivative")
                      + " to get the answer")
        return result
    key = spec.model_dump_json(exclude={"answers"}) if len(answer) <= REMEMBER_UP_TO else None
    outcomes = [_compared(_expectations_as_in(parsed, form), form, env, key) for form in forms]
    if any(o.verdict == "equivalent" for o in outcomes):
        result["verdict"] = "correct"
        return result
    wrong = next((o for o in outcomes if o.verdict == "not_equivalent" and o.diagnosis),
                 next((o for o in outcomes if o.verdict == "not_equivalent"), None))
    if wrong is None:
        result.update(verdict="undetermined", reason=outcomes[0].reason)
        return result
    result.update(verdict="incorrect", diagnosis=wrong.diagnosis, reason=wrong.reason)
    return result


# compare() is deterministic (its sample points are seeded), so its outcomes are remembered
# per worker: an answer's sides and single-form re-checks repeat comparisons, and the
# candidates of one server write the same formulas (spacing and notation aside: the key is
# the parsed formula). Short formulas only, a bounded number.
REMEMBER_UP_TO = 400
MAX_REMEMBERED = 2048
_OUTCOMES: OrderedDict[tuple, Outcome] = OrderedDict()


def _compared(answer: A.Parsed, form: A.Parsed, env: Env, key: str | None) -> Outcome:
    if key is None:
        return compare(answer, form, env.ctx)
    try:
        remembered = _OUTCOMES.get(entry := (key, answer, form))
    except (TypeError, RecursionError):  # a node that cannot be hashed, or too deep
        return compare(answer, form, env.ctx)
    if remembered is not None:
        _OUTCOMES.move_to_end(entry)
        return remembered
    outcome = compare(answer, form, env.ctx)
    if out_of_time():  # cut short by the work budget: a busier moment's outcome, not kept
        return outcome
    _OUTCOMES[entry] = outcome
    if len(_OUTCOMES) > MAX_REMEMBERED:
        _OUTCOMES.popitem(last=False)
    return outcome


def _expectations_as_in(parsed: A.Parsed, form: A.Parsed) -> A.Parsed:
    """E[...] written without its distribution is read as the one the reference uses, when
    the reference uses one (E_q in the ELBO) and the answer names no other."""
    used = {key for item in form.items for key in _expectation_keys(item)} - {"E"}
    mine = {key for item in parsed.items for key in _expectation_keys(item)}
    if len(used) != 1 or "E" not in mine or mine - {"E"} - used:
        return parsed
    return A.Parsed(tuple(rename(n, {"E": next(iter(used))}, calls_only=True)
                          for n in parsed.items), parsed.ops)


def _expectation_keys(node: object) -> set[str]:
    if isinstance(node, A.Call) and (node.name == "E" or node.name.startswith("E_")):
        return {node.name} | {k for a in node.args for k in _expectation_keys(a)}
    if isinstance(node, A.Node):
        return {k for v in node.__dict__.values() for k in _expectation_keys(v)}
    if isinstance(node, tuple):
        return {k for v in node for k in _expectation_keys(v)}
    return set()


def _names_a_quantity(parsed: A.Parsed) -> bool:
    return (parsed.kind == "equation" and len(parsed.items) == 2
            and isinstance(parsed.items[0], A.Call | A.Deriv))


def _shorthand(parsed: A.Parsed, forms: list[A.Parsed], env: Env) -> A.Parsed:
    """σ alone for σ(z) (σ(1−σ), the logistic derivative): a declared function's name used
    alone, where every accepted form applies it to the same one argument, is that value."""
    for name in sorted(env.functions - set(env.ctx.domains)):
        applied = {call.args for form in forms for item in form.items
                   for call in _nodes(item, A.Call) if call.name == name}
        if len(applied) != 1 or len(next(iter(applied))) != 1:
            continue
        value = A.Call(name, next(iter(applied)))
        parsed = A.Parsed(tuple(_replace(n, A.Sym(name), value) for n in parsed.items),
                          parsed.ops)
    return parsed


def _replace(node: object, old: A.Node, new: A.Node) -> object:
    if node == old:
        return new
    if isinstance(node, A.Node) and not isinstance(node, A.DerivLabel):
        return type(node)(**{k: _replace(v, old, new) for k, v in node.__dict__.items()})
    if isinstance(node, tuple):
        return tuple(_replace(v, old, new) for v in node)
    return node


def _written_out(parsed: A.Parsed, forms: list[A.Parsed], env: Env) -> A.Node | None:
    """The derivative still to compute in an answer (d/dz σ(z), ∇_w of a formula), when no
    accepted form has one: that restates the question."""
    def pending(node: A.Node) -> list[A.Node]:
        return [n for n in _nodes(node, A.Deriv | A.Grad) if isinstance(n, A.Deriv) or (
            isinstance(n.fn, A.Call) and n.fn.name in env.ctx.defined)]

    value = value_side(parsed)
    if value is None or any(pending(item) for form in forms for item in form.items):
        return None
    return next(iter(pending(value)), None)


def _nodes(node: object, kind) -> list:
    """Every node of ``kind`` in ``node``, outermost first (not inside labels)."""
    if isinstance(node, A.DerivLabel):
        return []
    found = [node] if isinstance(node, kind) else []
    values = node.__dict__.values() if isinstance(node, A.Node) else (
        node if isinstance(node, tuple) else ())
    return found + [n for v in values for n in _nodes(v, kind)]


STEP_MARK = re.compile(r"^\s*(?:\[\s*)?(?:d|∂|\\partial\s*)\s*/\s*(?:d|∂|\\partial\s*)\s*"
                       r"([A-Za-z\\][A-Za-z_{}\\]*)\s*(?:\]|:)\s*")


def derive(spec: SymbolicSpec | dict | None, lines: list[str]) -> dict:
    """Check each line follows from the previous one (equal, or marked as d/dvar of it)."""
    spec = spec if isinstance(spec, SymbolicSpec) or spec is None else (
        SymbolicSpec.model_validate(spec))
    env = make_env(spec)
    steps: list[dict] = []
    previous: A.Node | None = None
    previous_label: str | None = None
    first_wrong: int | None = None
    last_text: str | None = None
    for number, raw in enumerate(lines, start=1):
        text = raw.split("#", 1)[0].strip()
        if not text:
            continue
        step: dict = {"line": number, "text": raw.rstrip("\n"), "read_as": None,
                      "status": "ok", "reason": None}
        steps.append(step)
        wrt = None
        mark = STEP_MARK.match(text)
        if mark:
            wrt = mark.group(1).strip("\\{}")
            text = text[mark.end():]
        if text.startswith("="):
            text = text[1:]
        try:
            parsed = env.read(text)
        except MathInputError as exc:
            step.update(status="unparsed", reason=str(exc))
            first_wrong = first_wrong or number
            previous = None
            continue
        step["read_as"] = echo(parsed)[0]
        head = parsed.items[0]
        if isinstance(head, A.DerivLabel) and len(parsed.items) > 1:
            wrt = wrt or head.var
        value = value_side(parsed) or parsed.items[-1]
        chain = parsed.items[1:] if len(parsed.items) > 1 and not A_label(head) else ()
        for left, right in zip(parsed.items[:-1], parsed.items[1:], strict=False):
            if A_label(left) or not chain:
                continue
            inner = compare(A.Parsed((left,), ()), A.Parsed((right,), ()), env.ctx)
            if inner.verdict != "equivalent":
                _fail(step, inner, "the two sides of this line are not equal")
                break
        if step["status"] == "ok" and previous is not None:
            expected = A.Deriv(wrt, previous) if wrt else previous
            start = parsed.items[0] if chain else value
            outcome = compare(A.Parsed((start,), ()), A.Parsed((expected,), ()), env.ctx)
            if outcome.verdict != "equivalent":
                why = (f"this is not d/d{wrt} of the previous line" if wrt
                       else "this does not equal the previous line")
                _fail(step, outcome, why)
        elif previous is None and len(steps) == 1:
            step["status"] = "premise"
        if step["status"] not in ("ok", "premise") and first_wrong is None:
            first_wrong = number
        previous = value
        previous_label = getattr(head, "name", None) if A_label(head) else previous_label
        last_text = text
    final = False
    if spec is not None and last_text is not None and previous is not None:
        final = check(spec, last_text)["verdict"] == "correct"
    if not steps:
        return {"first_wrong_step": None, "steps": [], "final_matches_reference": False,
                "reason": "no lines to check"}
    return {"first_wrong_step": first_wrong, "steps": steps, "final_matches_reference": final}


def A_label(node: A.Node) -> bool:  # noqa: N802 (reads as "is a label")
    return isinstance(node, A.DerivLabel | A.Sym) and not isinstance(node, A.Num)


def _fail(step: dict, outcome: Outcome, why: str) -> None:
    status = "undetermined" if outcome.verdict == "undetermined" else "wrong"
    step.update(status=status, reason=why + (f" ({outcome.diagnosis})" if outcome.diagnosis
                                              else ""))
