"""The symbolic answers of seeds 31-50 as candidates write them (ASCII, Unicode, LaTeX) are
judged correct, and the usual slips (sign, missing factor, transpose) incorrect — checked by
the engine ``viva check`` runs, against the shipped bank."""

from __future__ import annotations

import pytest

from bot.bank import load_bank
from bot.grading import engine

BANK = load_bank()


def spec(seed: int, probe: str | None = None) -> dict:
    question = BANK.get(str(seed))
    if probe is None:
        return question.symbolic
    return next(p.symbolic for p in question.probes if p.id == probe)


RIGHT = {
    (31, None): [
        "softmax(QK^T / sqrt(d_k)) V",
        "softmax(Q K^T/√d) V",
        "softmax(QKᵀ/√dₖ)V",
        r"\mathrm{softmax}\left(\frac{QK^\top}{\sqrt{d_k}}\right)V",
        r"\mathrm{softmax}\left(\frac{QK^\top}{\sqrt{d_{k}}}\right)V",
        "A = softmax(QK^T/sqrt(d_k))V",
    ],
    (32, None): [
        "sin(pos/10000^(2i/d))",
        "PE(pos, 2i) = sin(pos / 10000^{2i/d_model})",
        r"\sin\left(\frac{pos}{10000^{2i/d_{model}}}\right)",
        "PE(pos,2i+1) = cos(pos/10000^{2i/d})",
        "sin(pos · 10000^{−2i/d})",
    ],
    (34, None): ["σ(W Σ_u h_u)", "sigma(sum_u W h_u)", r"\sigma\left(W \sum_{u} h_u\right)"],
    (36, None): [
        "log p_Z(z) − log|det J|",
        r"\log p_Z(z) - \log\left|\det \frac{\partial f}{\partial z}\right|",
        "log p_Z(f^{-1}(x)) + log|det(∂f^{-1}/∂x)|",
        "p_Z(z) / |det J|",
        "log p(z) + log |det J^{-1}|",
    ],
    (37, None): [
        "E_q[log p(x|z)] - KL(q(z|x) || p(z))",
        "E_{q(z|x)}[log p(x|z)] − KL(q(z|x) ‖ p(z))",
        "ELBO = E_q[log p(x|z)] - KL(q(z|x)||p(z))",
        "log p(x) ≥ E_q[log p(x|z)] − KL(q(z|x)||p(z))",
        r"\mathbb{E}_{q}[\log p(x|z)] - \mathrm{KL}(q(z|x) \| p(z))",
    ],
    (37, "derive-kl"): [
        "(mu^2 + sigma^2 - 1)/2 - log(sigma)",
        r"\frac{1}{2}(\mu^2 + \sigma^2 - 1 - \log \sigma^2)",
        "0.5*(μ² + σ² − 1 − 2 log σ)",
    ],
    (41, None): [
        "x + ε·sign(∇_x L(θ, x, y))",
        "x_adv = x + epsilon * sign(grad_x J(theta, x, y))",
        r"x + \epsilon\,\mathrm{sign}(\nabla_x \mathcal{L}(\theta, x, y))",
        "δ = ε sign(∇_x L(x, y))",
        "x + eps*sign(g)",
    ],
    (42, "derive-radius"): [
        "R = σ/2 (Φ⁻¹(p_A) − Φ⁻¹(p_B))",
        r"\frac{\sigma}{2}\left(\Phi^{-1}(p_A) - \Phi^{-1}(p_B)\right)",
        "R = sigma * Phi^-1(p_A)",
    ],
    (46, "derive-chouldechova"): [
        "FPR = p/(1−p) · (1−PPV)/PPV · (1−FNR)",
        r"\mathrm{FPR} = \frac{p}{1-p}\cdot\frac{1-\mathrm{PPV}}{\mathrm{PPV}}\cdot(1-\mathrm{FNR})",
        "p (1-PPV)(1-FNR) / ((1-p) PPV)",
    ],
    (49, "derive-exact-match"): ["p^10", "p**10", "p¹⁰"],
}

WRONG = {
    (31, None): ["softmax(QK^T)V", "softmax(QK^T/d_k)V", "softmax(Q^T K/sqrt(d_k))V",
                 "softmax(QK^T)V/sqrt(d_k)", "softmax(K Q^T / sqrt(d_k)) V"],
    (32, None): ["sin(pos/10000^{i/d})", "sin(pos · 10000^{2i/d})",
                 "PE(pos, 2i) = cos(pos/10000^{2i/d})", "sin(10000^{2i/d}/pos)"],
    (34, None): ["σ(W^T Σ_u h_u)", "Σ_u σ(W h_u)", "σ(Σ_u h_u)", "W Σ_u h_u"],
    (36, None): ["log p_Z(z) + log|det J|", "p_Z(z) |det J|", "log p_Z(z) - |det J|"],
    (37, None): ["E_q[log p(x|z)] + KL(q(z|x) || p(z))", "E_q[log p(x|z)] - KL(p(z) || q(z|x))",
                 "log p(x) <= E_q[log p(x|z)] - KL(q(z|x) || p(z)) - 1"],
    (37, "derive-kl"): ["μ² + σ² − 1 − log σ²", "(mu^2 + sigma^2 - log(sigma^2))/2",
                        "(mu^2 + sigma^2 - 1 + log(sigma^2))/2"],
    (41, None): ["x - ε sign(∇_x L(θ, x, y))", "x + ε ∇_x L(θ, x, y)",
                 "x + sign(∇_x L(θ, x, y))", "x + ε sign(x)"],
    (42, "derive-radius"): ["R = σ/2 (Φ⁻¹(p_B) − Φ⁻¹(p_A))", "R = σ·(Φ⁻¹(p_A) − Φ⁻¹(p_B))",
                            "R = σ/2 (Φ(p_A) − Φ(p_B))"],
    (46, "derive-chouldechova"): ["FPR = (1-p)/p (1-PPV)/PPV (1-FNR)",
                                  "FPR = p/(1-p) PPV/(1-PPV) (1-FNR)",
                                  "FPR = p/(1-p) (1-PPV)/PPV FNR"],
    (49, "derive-exact-match"): ["10 p", "p^9", "1 - (1-p)^10"],
}


def cases(table: dict) -> list:
    return [pytest.param(seed, probe, text, id=f"{seed}-{probe or 'main'}-{k}")
            for (seed, probe), texts in table.items() for k, text in enumerate(texts)]


@pytest.mark.parametrize(("seed", "probe", "text"), cases(RIGHT))
def test_how_candidates_write_it_is_correct(seed, probe, text):
    result = engine.check(spec(seed, probe), text)
    assert result["verdict"] == "correct", (text, result)


@pytest.mark.parametrize(("seed", "probe", "text"), cases(WRONG))
def test_the_usual_slips_are_incorrect(seed, probe, text):
    result = engine.check(spec(seed, probe), text)
    assert result["verdict"] == "incorrect", (text, result)


def test_every_formula_question_31_50_is_covered():
    specced = {(q.seed_number, None) for q in BANK
               if q.symbolic and q.seed_number and q.seed_number >= 31}
    specced |= {(q.seed_number, p.id) for q in BANK if q.seed_number
                and q.seed_number >= 31 for p in q.probes if p.symbolic}
    assert specced == set(RIGHT) == set(WRONG)
