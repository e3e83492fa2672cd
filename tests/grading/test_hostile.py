"""Hostile input: nothing is executed, nothing escapes, every answer stays within limits."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.grading.engine import check, equiv
from bot.grading.limits import MathInputError
from bot.grading.parser import parse

HOSTILE = [
    "__import__('os').system('touch /tmp/viva-pwned')",
    "().__class__.__bases__[0].__subclasses__()",
    "lambda: 1",
    "x.__class__",
    "open('/etc/passwd').read()",
    "exec('import socket')",
    "eval('1+1')",
    "9**9**9**9",
    "factorial(10**9)",
    "(10**9)!",
    "(" * 10_000 + "x" + ")" * 10_000,
    "x" * 100_000,
    "x\x00y",
    "1e308 ** 1e308",
    "exp(exp(exp(exp(100))))",
    "sum_i sum_j sum_k x_i x_j x_k",
    "\\frac{\\frac{\\frac{1}{x}}{y}}{z}",
    "'; DROP TABLE attempts; --",
    "{{7*7}}",
    "${7*7}",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_input_is_read_safely(text):
    result = equiv(text, "x")
    assert result["verdict"] in {"invalid", "undetermined", "not_equivalent"}
    assert not Path("/tmp/viva-pwned").exists()


def test_escape_attempts_are_never_evaluated(tmp_path):
    marker = tmp_path / "ran"
    result = equiv(f"__import__('os').system('touch {marker}')", "0")
    assert result["verdict"] == "invalid"
    assert not marker.exists()


def test_big_numbers_are_undetermined_not_computed():
    assert equiv("9**9**9**9", "1")["verdict"] == "undetermined"
    assert equiv("factorial(10**9)", "1")["verdict"] == "undetermined"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_random_text_never_crashes(text):
    result = equiv(text, "x + 1")
    assert result["verdict"] in {"equivalent", "not_equivalent", "undetermined", "invalid"}


MATHY = st.text(alphabet="xyz0123456789+-*/^()_{}|σΣθ√·−²\\frac sumlogexp =<>!.,' ",
                max_size=60)


@settings(max_examples=300, deadline=None)
@given(MATHY)
def test_random_math_like_text_never_crashes(text):
    try:
        parse(text)
    except MathInputError:
        pass
    result = check({"symbols": {"x": "real"}, "answers": ["x"]}, text)
    assert result["verdict"] in {"correct", "incorrect", "undetermined", "unparsed"}


# -- found by the fuzz run (python -m bench fuzz) --------------------------------------------
def test_an_equation_with_a_huge_side_is_undetermined_not_a_crash():
    assert equiv("e^(e^(e^x)) = b^2", "x = 1")["verdict"] == "undetermined"
    assert equiv("e^(e^(e^x)) < b^2", "x < 1")["verdict"] == "undetermined"


def test_sums_nested_in_sums_stop_at_a_work_budget():
    nested = r"\sum_{i=1}^{n} (y_i - \sigma(w x_i)) x_i" * 8  # each sum holds the next one
    result = check({"symbols": {"w": "real"}, "answers": ["w"]}, nested)
    assert result["verdict"] == "undetermined"
    assert "too large to evaluate" in result["reason"]


FRAGMENTS = ["x", "y_i", "2", "^", "**", "(", ")", "{", "}", "\\frac{", "\\sum_{i=1}^{n}",
             "\\sigma(", "e^", "9^9^9", "!", "=", "<=", "$", "@everyone", "<@1>", "**bold**",
             "`", "\u202e", "\u200b", "σ", "√", "∑", "‖", "\\left(", "\\right)", " ", "so ",
             "__import__('os')", "\\input{x}", "1e309", "sqrt(", "log(", "|"]


class _InlinePool:
    async def run(self, fn, *args):
        return fn(*args)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=40).map("".join))
def test_hostile_fragments_never_crash_the_check(text):
    spec = {"symbols": {"x": "real", "w": "real"}, "answers": ["x^2/2"]}
    assert check(spec, text)["verdict"] in {"correct", "incorrect", "undetermined", "unparsed"}


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=30).map("".join))
async def test_hostile_fragments_never_crash_the_whole_grader(text):
    from bot.bank import load_bank
    from bot.grading.answer import grade_answer

    question = load_bank().get("math.logistic-gradient")
    result = await grade_answer(question, f"The gradient is ${text}$ because {text}",
                                pool=_InlinePool())
    assert result.band in {"strong", "partial", "weak", "invalid"} and 0 <= result.score <= 100


def test_a_tiny_base_to_a_huge_power_is_sized_not_computed():
    assert equiv("0.5^-9999990", "1")["verdict"] == "undetermined"  # took minutes in mpmath
    assert equiv("exp(a) exp(b^(10^1x^-9999990))", "1")["verdict"] == "undetermined"
    assert equiv("0.5^9999990", "0")["verdict"] == "equivalent"  # tiny is still a number


def test_an_index_below_one_is_outside_the_array_not_a_crash():
    spec = {"symbols": {"X": "matrix(n,d)", "w": "vector(d)"}, "answers": ["sum_i X_i"]}
    result = check(spec, r"\prod_{l=-8}^{2} X_l")
    assert result["verdict"] in {"incorrect", "undetermined", "unparsed"}


def test_an_answer_over_the_work_budget_is_undetermined_before_the_hard_limit(monkeypatch):
    """A formula repeated dozens of times: the check stops at its work budget with a
    reason, well inside the pool's time limit, and the outcome is not remembered."""
    import time

    from bot.grading import limits
    from bot.grading.engine import check

    monkeypatch.setattr(limits, "WORK_SECONDS", 0.2)
    spec = {"answers": ["sum_i log p(x_i)"], "symbols": {"x": "real"},
            "functions": {"p(t)": "unknown"}}
    started = time.perf_counter()
    result = check(spec, "log \\prod_i p(x_i)" * 12)
    assert time.perf_counter() - started < 1.5
    assert result["verdict"] == "undetermined" and "too much work" in result["reason"]
    monkeypatch.setattr(limits, "WORK_SECONDS", 60)
    assert check(spec, "sum_i log p(x_i)")["verdict"] == "correct"


def test_a_circled_digit_is_not_a_number():
    from bot.grading.engine import check

    result = check({"answers": ["x + 1"], "symbols": {"x": "real"}}, "x + ①")
    assert result["verdict"] == "unparsed" and "①" in result["reason"]
