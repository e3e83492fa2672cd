"""Rules of the whole grade a user notices: one asserted false claim makes an answer weak,
'strong' needs every major key point, and a chain of equalities is judged by each side."""

from __future__ import annotations

from bot.bank import load_bank
from bot.grading.answer import grade_answer

BANK = load_bank()

SVM_SWAPPED = (
    "Lagrangian L = f0 + Σ λ_i f_i + Σ ν_j h_j with λ ≥ 0; the dual function g = inf_x L is "
    "concave; weak duality d* <= p*, strong duality for convex problems under Slater. KKT: "
    "feasibility, λ ≥ 0, complementary slackness λ_i f_i(x*) = 0, stationarity. SVM dual: max "
    "Σα_i − ½ΣΣ α_i α_j y_i y_j x_iᵀx_j with 0 <= α_i <= C; the kernel trick enters through inner "
    "products. By complementary slackness the support vectors are exactly the points with "
    "α_i = 0, strictly outside the margin. Duality is also used in WGAN and ADMM.")


async def test_one_confident_false_claim_makes_a_complete_answer_weak():
    result = await grade_answer(BANK.get("24"), SVM_SWAPPED)
    assert [m["id"] for m in result.misconceptions] == ["support-vectors-alpha-zero"]
    assert result.band == "weak"
    fixed = await grade_answer(BANK.get("24"), SVM_SWAPPED.replace(
        "α_i = 0, strictly outside the margin", "α_i > 0, on or inside the margin"))
    assert fixed.band == "strong" and not fixed.misconceptions


async def test_strong_needs_every_major_key_point():
    # everything but the part the question asks last (cross-entropy output, cost of backprop)
    text = ("output error delta2 = yhat - y, so dL/dW2 = delta2 h^T and dL/db2 = delta2. hidden: "
            "delta1 = (W2^T delta2) * sigma'(a1), and dL/dW1 = delta1 x^T, dL/db1 = delta1.")
    result = await grade_answer(BANK.get("23"), text)
    assert result.score >= 75 and result.band == "partial"
    assert {"cross-entropy-cancel", "cost"} <= {m["id"] for m in result.missed}


async def test_a_chain_of_equalities_checks_out_by_any_side():
    text = (r"$\nabla_w\ell(w)=\sum_i (y_i-\sigma(w^\top x_i))\,x_i = X^\top(y-\sigma(Xw))$")
    result = await grade_answer(BANK.get("1"), text)
    assert result.symbolic["verdict"] == "correct"
    wrong = await grade_answer(BANK.get("1"), text.replace(r"(y_i-\sigma(w^\top x_i))",
                                                           r"(\sigma(w^\top x_i)-y_i)"))
    assert wrong.symbolic["verdict"] == "incorrect"
