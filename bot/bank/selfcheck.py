"""Content self-checks beyond the schema: every symbolic spec (question, key point, probe)
is readable by the engine and its accepted forms evaluate; every key point and
misconception has matching hints; gap probes target real key points."""

from __future__ import annotations

from bot.bank.schema import Question


def _spec_problems(where: str, spec: dict | None) -> list[str]:
    if spec is None:
        return []
    from bot.grading.engine import make_env
    from bot.grading.equivalence import Sampler, compare_values, value_side
    from bot.grading.limits import MathInputError
    from bot.grading.spec import SymbolicSpec

    try:
        model = SymbolicSpec.model_validate(spec)
        env = make_env(model)
    except (ValueError, MathInputError) as exc:
        return [f"{where}: symbolic spec is invalid: {str(exc).splitlines()[0]}"]
    problems = []
    for form in model.answers:
        try:
            parsed = env.read(form)
        except MathInputError as exc:
            problems.append(f"{where}: accepted form {form!r} does not parse: {exc}")
            continue
        node = value_side(parsed) or parsed.items[-1]
        values = Sampler(env.ctx).values(node)
        if compare_values(values, values).verdict != "equivalent":
            problems.append(f"{where}: accepted form {form!r} cannot be evaluated in its "
                            "declared domains")
    return problems


def self_check(question: Question) -> list[str]:
    problems = _spec_problems("symbolic", question.symbolic)
    for kp in question.key_points:
        if not kp.hints:
            problems.append(f"key point {kp.id!r} has no matching hints")
        problems += _spec_problems(f"key point {kp.id!r}", kp.symbolic)
    for m in question.misconceptions:
        if not m.hints:
            problems.append(f"misconception {m.id!r} has no matching hints")
    for probe in question.probes:
        problems += _spec_problems(f"probe {probe.id!r}", probe.symbolic)
        if not probe.key_points and not probe.symbolic:
            problems.append(f"probe {probe.id!r} has nothing to grade (no key points or spec)")
        for kp in probe.key_points:
            if not kp.hints:
                problems.append(f"probe {probe.id!r} key point {kp.id!r} has no hints")
    return problems
