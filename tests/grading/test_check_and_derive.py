"""Question-level checks against the shipped bank's specs, and derivations."""

from __future__ import annotations

import pytest

from bot.bank import load_bank
from bot.grading.engine import check, derive

BANK = load_bank()


@pytest.mark.parametrize(("seed", "answer", "verdict"), [
    (1, "∂L/∂w = Σᵢ (yᵢ − σ(w·xᵢ)) xᵢ", "correct"),
    (1, r"\sum_{i=1}^{n} x_i\left(y_i - \frac{1}{1+e^{-w x_i}}\right)", "correct"),
    (1, "(y - sigma(wx)) x", "correct"),
    (1, "sum_i (sigma(w x_i) - y_i) x_i", "incorrect"),
    (2, "(X^T X)^{-1} X^T y", "correct"),
    (2, "inv(X^T X) X^T y", "correct"),
    (2, "(X X^T)^{-1} X y", "incorrect"),
    (3, "Bias² + Var + σ²", "correct"),
    (3, "bias + variance + sigma^2", "incorrect"),
    (6, "θ_{t+1} = θ_t − η g", "correct"),
    (6, "theta_t + eta g", "incorrect"),
    (10, "|f(x) - f(y)| ≤ K‖x − y‖", "correct"),
    (10, "|f(x)-f(y)| >= K|x-y|", "incorrect"),
    (12, r"\frac{1}{2}(\mu^2 + \sigma^2 - 1 - \log \sigma^2)", "correct"),
    (15, "2e^{-2nε²}", "correct"),
    (15, "exp(-2 n epsilon^2)", "correct"),  # the one-sided bound is Hoeffding too
    (15, "4 exp(-2 n epsilon^2)", "incorrect"),
    (22, "σ(z)(1−σ(z))", "correct"),
    (31, r"\mathrm{softmax}\left(\frac{QK^T}{\sqrt{d}}\right)V", "correct"),
    (31, "softmax(QK^T)V", "incorrect"),
    (41, "x + ε sign(g)", "correct"),
    (1, "I have no idea )(", "unparsed"),
])
def test_bank_answers(seed, answer, verdict):
    result = check(BANK.get(str(seed)).symbolic, answer)
    assert result["verdict"] == verdict, result


def test_diagnoses_are_sentences_a_candidate_understands():
    sign = check(BANK.get("1").symbolic, "sum_i (sigma(w x_i) - y_i) x_i")
    assert sign["diagnosis"] == "Sign error: your answer is the negative of the expected one."
    factor = check(BANK.get("15").symbolic, "4 exp(-2 n epsilon^2)")
    assert factor["diagnosis"] == ("Off by a constant factor: your answer is 2 times the "
                                   "expected one.")
    missing = check(BANK.get("31").symbolic, "softmax(QK^T)V")
    assert missing["diagnosis"] == "Your answer does not depend on d, but the expected one does."


def test_question_without_a_symbolic_part():
    assert check(BANK.get("27").symbolic, "x")["verdict"] == "no_symbolic_part"


def test_derivation_first_wrong_step_counts_lines_from_one():
    lines = ["sigma(z) = 1/(1+exp(-z))", "d/dz: = exp(-z)/(1+exp(-z))^2", "",
             "= sigma(z)(1 + sigma(z))", "= sigma(z)(1 - sigma(z))"]
    result = derive(BANK.get("22").symbolic, lines)
    assert result["first_wrong_step"] == 4
    assert [s["line"] for s in result["steps"]] == [1, 2, 4, 5]
    assert [s["status"] for s in result["steps"]] == ["premise", "ok", "wrong", "wrong"]


def test_correct_derivation_matches_reference():
    lines = ["L = y log(sigma(w x)) + (1 - y) log(1 - sigma(w x))",
             "dL/dw = y (1 - sigma(w x)) x - (1 - y) sigma(w x) x",
             "= (y - sigma(w x)) x"]
    result = derive(BANK.get("1").symbolic, lines)
    assert result["first_wrong_step"] is None
    assert result["final_matches_reference"] is True


def test_derivative_step_with_a_slip_is_caught():
    lines = ["L = y log(sigma(w x)) + (1 - y) log(1 - sigma(w x))",
             "dL/dw = y (1 - sigma(w x)) x + (1 - y) sigma(w x) x",
             "= (y - sigma(w x)) x"]
    result = derive(BANK.get("1").symbolic, lines)
    assert result["first_wrong_step"] == 2
    assert "not d/dw of the previous line" in result["steps"][1]["reason"]


def test_a_remembered_comparison_is_never_reused_for_another_spec():
    """The worker remembers comparisons; a question whose symbols have other domains must
    get its own verdict (sqrt(x^2) is x only for x >= 0)."""
    positive = {"answers": ["x"], "symbols": {"x": "positive"}}
    real = {"answers": ["x"], "symbols": {"x": "real"}}
    for _ in range(2):  # the second round is answered from memory
        assert check(positive, "sqrt(x^2)")["verdict"] == "correct"
        assert check(real, "sqrt(x^2)")["verdict"] == "incorrect"
        assert check(real, "sqrt(x^2)")["verdict"] == check(real, "√(x²)")["verdict"]
