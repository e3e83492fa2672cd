"""Spellings a formula-reader audit found the shipped specs of seeds 15, 22, 36 and 41 got
wrong: each realistic spelling is judged `correct`, and the near miss next to it is not."""

from __future__ import annotations

import pytest

from bot.bank import load_bank
from bot.grading import engine

BANK = load_bank()

SPELLINGS = [
    # 15 Hoeffding as an inequality, with its event
    (15, "P(|X̄−μ| ≥ ε) ≤ 2exp(−2nε²)", "correct"),
    (15, "P(|mean - mu| >= eps) <= 2 exp(-2 n eps^2)", "correct"),
    (15, r"\Pr(|\bar X - \mu| \ge \epsilon) \le 2e^{-2n\epsilon^2}", "correct"),
    (15, r"\Pr(|\bar X_n - \mu| \ge \epsilon) \le 2e^{-2n\epsilon^2}", "correct"),
    (15, "2exp(−2nε²) ≥ P(|X̄−μ| > ε)", "correct"),
    (15, "P(|X̄−μ| ≥ ε) ≤ 2exp(−2nε²/(b−a)²)", "correct"),
    (15, "P(X̄ − μ ≥ ε) ≤ exp(−2nε²)", "correct"),  # one-sided: no factor 2
    (15, "P(μ − X̄ ≥ ε) ≤ exp(−2nε²)", "correct"),  # the lower tail
    (15, "P(|X̄−μ| ≥ ε) ≤ exp(−2nε²)", "incorrect"),  # two-sided event, one-sided bound
    (15, "P(|X̄−μ| ≥ ε) ≤ 2exp(−2nε)", "incorrect"),
    (15, "P(|X̄−μ| ≥ ε) ≥ 2exp(−2nε²)", "incorrect"),  # the wrong way round
    (15, "P(|X̄−μ| ≤ ε) ≤ 2exp(−2nε²)", "incorrect"),  # the wrong event
    (15, "P(|X̄−μ| ≥ t) ≤ 2exp(−2t²/n)", "incorrect"),  # the sum's exponent for the mean
    (15, "2 exp(-2 epsilon^2 / n)", "incorrect"),
    # 22 sigma' named is not sigma' computed
    (22, "σ(z)(1-σ(z))", "correct"),
    (22, r"\sigma(z)(1-\sigma(z))", "correct"),
    (22, "e^{-z}/(1+e^{-z})^2", "correct"),
    (22, "σ'(z) = σ(z)(1−σ(z))", "correct"),
    (22, r"\sigma'(z) = \sigma(z)\left(1 - \sigma(z)\right)", "correct"),
    (22, "σ'(z) = σ(z)(1+σ(z))", "incorrect"),
    # 36 the normalising direction f: x -> z
    (36, "log p_X(x) = log p_Z(f(x)) + log|det ∂f/∂x|", "correct"),
    (36, r"\log p_X(x) = \log p_Z(f(x)) + \log\left|\det \frac{\partial f}{\partial x}\right|",
     "correct"),
    (36, "p_X(x) = p_Z(f(x)) |det(∂f/∂x)|", "correct"),
    (36, "log p_X(x) = log p_Z(f(x)) - log|det ∂f/∂x|", "incorrect"),  # the sign
    (36, "p_X(x) = p_Z(f(x)) / |det ∂f/∂x|", "incorrect"),
    (36, "log p_X(x) = log p_Z(f(x))", "incorrect"),
    (36, "log p_X(x) = log p_Z(z) + log|det ∂f/∂z|", "incorrect"),  # z -> x with x -> z's sign
    # 41 the input gradient written without arguments
    (41, "x_adv = x + ε sign(∇_x L)", "correct"),
    (41, "x + eps*sign(grad_x J)", "correct"),
    (41, r"x + \epsilon \, \mathrm{sign}(\nabla_x \mathcal{L})", "correct"),
    (41, "δ = ε sign(∇ₓℓ)", "correct"),
    (41, "x + ε sign(∇_x L(θ, x, y))", "correct"),
    (41, "x_adv = x + ε sign(∇_θ L)", "incorrect"),  # the parameter gradient
    (41, "x + eps*sign(grad_theta J)", "incorrect"),
    (41, "x + ε sign(∇_θ L(θ, x, y))", "incorrect"),
    (41, "x - ε sign(∇_x L)", "incorrect"),
    (41, "x + ε ∇_x L", "incorrect"),
]


@pytest.mark.parametrize(("seed", "answer", "verdict"), SPELLINGS)
def test_spelling(seed, answer, verdict):
    result = engine.check(BANK.get(str(seed)).symbolic, answer)
    assert result["verdict"] == verdict, (answer, result["read_as"], result["reason"])


@pytest.mark.parametrize("answer", ["σ'(z)", "sigma'(z)", r"\sigma'(z)", "sigmoid'(z)",
                                    "σ'(z) = σ'(z)"])
def test_22_the_derivatives_own_name_is_not_an_answer(answer):
    """Asked for σ', answering "σ'(z)" restates the question."""
    result = engine.check(BANK.get("22").symbolic, answer)
    assert result["verdict"] != "correct", result
