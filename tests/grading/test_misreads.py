"""Formulas the reader used to misread, the way candidates write them: a Jacobian at a point,
log|det ∂f⁻¹/∂x| without brackets, σ(1−σ) for the logistic derivative, and a derivative
written out instead of worked out."""

from __future__ import annotations

import pytest

from bot.bank import load_bank
from bot.grading.engine import check, equiv
from bot.grading.parser import parse
from bot.grading.printer import relation_text
from bot.grading.spec import SymbolicSpec

BANK = load_bank()
FLOW = 36  # architectures.normalizing-flows: J is a declared matrix, p an unknown density
SIGMOID_DERIVATIVE = 22  # optimization.why-relu: sigma(t) is a declared function, z real


def read(text: str, **kw) -> str:
    p = parse(text, **kw)
    return relation_text(p.items, p.ops)


def checked(seed: int, answer: str) -> dict:
    return check(BANK.get(str(seed)).symbolic, answer)


# -- J_f(x): the Jacobian of f at x, not J_f times x ------------------------------------------
@pytest.mark.parametrize(("answer", "shown"), [
    ("log p(f(x)) + log|det J_f(x)|", "J_f(x)"),
    ("log p(f(x)) + log |det(J_f(x))|", "J_f(x)"),
    ("log p(z) - log|det J_f(z)|", "J_f(z)"),
    ("log p_Z(f^{-1}(x)) + log|det J_{f^{-1}}(x)|", "J_{f^-1}(x)"),
    ("log p_X(x) = log p_Z(z) - log|det J_f(z)|", "J_f(z)"),
])
def test_jacobian_at_a_point_is_a_function_of_the_point(answer, shown):
    result = checked(FLOW, answer)
    assert result["verdict"] == "correct", result
    assert f"det({shown})" in result["read_as"], result["read_as"]


def test_jacobians_of_different_functions_are_different():
    assert read("J_f(x)") == "J_f(x)"
    assert equiv("J_f(x)", "J_g(x)")["verdict"] == "not_equivalent"
    assert equiv("J_f(x)", "J_f(z)")["verdict"] == "not_equivalent"
    assert equiv("J_f(x)", "J_f(x)")["verdict"] == "equivalent"


def test_jacobian_at_a_variable_is_the_derivative_there():
    assert equiv("log|det J_f(x)|", "log|det ∂f/∂x|")["verdict"] == "equivalent"
    assert equiv("det J_{f^{-1}}(x)", "det(df^{-1}/dx)")["verdict"] == "equivalent"
    assert equiv("det J_{f^{-1}}(x)", "det(df/dx)")["verdict"] == "not_equivalent"


def test_jacobian_times_a_point_is_not_the_jacobian_at_it():
    result = checked(FLOW, "log p(f(x)) + log|det J_f x|")
    assert result["verdict"] != "correct", result


def test_a_matrix_before_brackets_is_still_a_product():
    assert read("W_1(x + b)", names={"W_1", "x", "b"}) == "W_1*(x + b)"
    assert read("J(x + y)", names={"J", "x", "y"}) == "J*(x + y)"


# -- log|det ∂f⁻¹/∂x| without brackets -----------------------------------------------------------
@pytest.mark.parametrize("answer", [
    "log p(f^{-1}(x)) + log|det ∂f^{-1}/∂x|",
    "log p(f^{-1}(x)) + log |det ∂f^-1/∂x|",
    "log p(f^{-1}(x)) + log|det(∂f^{-1}/∂x)|",
    r"\log p(f^{-1}(x)) + \log\left|\det \frac{\partial f^{-1}}{\partial x}\right|",
    "log p(f(x)) + log|det ∂f/∂x|",
])
def test_log_of_bars_takes_the_bars_as_its_argument(answer):
    result = checked(FLOW, answer)
    assert result["verdict"] == "correct", result
    assert "partial" not in result["read_as"], result["read_as"]
    assert "log(|det(d" in result["read_as"], result["read_as"]


def test_inverse_jacobian_with_the_wrong_sign_is_wrong():
    result = checked(FLOW, "log p(f^{-1}(x)) - log|det ∂f^{-1}/∂x|")
    assert result["verdict"] == "incorrect", result


def test_derivative_of_the_inverse_is_not_the_derivative_of_the_function():
    assert read("d f^{-1}/dx") == "df^-1/dx"
    assert equiv("∂f^{-1}/∂x", "∂f/∂x")["verdict"] == "not_equivalent"


# -- σ(1−σ): a name declared as a symbol, or used bare inside the brackets, multiplies --------
@pytest.mark.parametrize("answer", [
    "σ(1−σ)",
    "σ'(z) = σ(1−σ)",
    "sigma(1 - sigma)",
    r"\sigma(1-\sigma)",
    "σ(z)(1 − σ)",
])
def test_logistic_derivative_shorthand_is_accepted(answer):
    result = checked(SIGMOID_DERIVATIVE, answer)
    assert result["verdict"] == "correct", result
    assert "sigma(1 - sigma" not in result["read_as"]


def test_shorthand_with_a_wrong_sign_is_still_wrong():
    assert checked(SIGMOID_DERIVATIVE, "σ(1+σ)")["verdict"] == "incorrect"
    assert checked(SIGMOID_DERIVATIVE, "σ(1−σ)^2")["verdict"] == "incorrect"


def test_sigmoid_applied_to_a_formula_is_still_a_call():
    assert checked(SIGMOID_DERIVATIVE, "σ(z)(1−σ(z))")["read_as"] == (
        "sigma(z)*(1 - sigma(z))")
    assert read("sigma(1 - x)") == "sigma(1 - x)"
    assert read("sigma(1 - sigma(z))") == "sigma(1 - sigma(z))"


def test_indexed_sigma_before_its_own_complement_multiplies():
    assert read("σ(1−σ)") == "sigma*(1 - sigma)"
    assert read("σ_i(1−σ_i)") == "sigma_i*(1 - sigma_i)"
    assert equiv("σ_i(1−σ_i)", "σ_i − σ_i^2")["verdict"] == "equivalent"


def test_bernoulli_variance_is_a_product_not_a_density():
    assert read("p(1-p)") == "p*(1 - p)"
    assert equiv("n p(1 − p)", "n p − n p^2")["verdict"] == "equivalent"
    assert read("p(x)(1 - p)") == "p(x)*(1 - p)"


def test_a_name_declared_as_a_symbol_multiplies_its_brackets():
    symbols = {"sigma": "positive", "x": "real"}
    assert equiv("sigma(1 + x)", "sigma + sigma x", symbols)["verdict"] == "equivalent"
    # the VAE's KL term, where sigma is a standard deviation
    result = checked(12, "(sigma(mu + 1) - sigma mu - sigma + sigma^2 + mu^2 - 1)/2 - log(sigma)")
    assert result["verdict"] == "correct", result


def test_bank_forms_keep_reading_sigma_as_the_function():
    seen = 0
    for key in BANK.ids():
        question = BANK.get(key)
        specs = [question.symbolic] + [p.symbolic for p in question.probes]
        for spec in specs:
            if spec is None:
                continue
            spec = SymbolicSpec.model_validate(spec) if isinstance(spec, dict) else spec
            if "sigma" not in spec.function_names():
                continue
            for form in spec.answers:
                if "sigma(" in form:
                    seen += 1
                    result = check(spec, form)
                    assert result["verdict"] == "correct", (key, form, result)
                    assert "sigma*" not in result["read_as"], (key, form, result["read_as"])
    assert seen >= 3


# -- d/dz σ(z) is the question, not the answer ---------------------------------------------------
@pytest.mark.parametrize(("seed", "answer"), [
    (SIGMOID_DERIVATIVE, "d/dz σ(z)"),
    (SIGMOID_DERIVATIVE, r"\frac{d}{dz}\sigma(z)"),
    (SIGMOID_DERIVATIVE, "σ'(z) = d/dz σ(z)"),
    (SIGMOID_DERIVATIVE, "d/dz (1/(1+e^{-z}))"),
    (1, "d/dw sum_i (y_i log σ(w x_i) + (1 - y_i) log(1 - σ(w x_i)))"),
])
def test_unevaluated_derivative_is_not_the_answer(seed, answer):
    result = checked(seed, answer)
    assert result["verdict"] in ("incorrect", "undetermined"), result
    assert "written out, not worked out" in result["reason"], result


def test_derivative_named_on_the_left_of_its_value_still_counts():
    result = checked(SIGMOID_DERIVATIVE, "d/dz σ(z) = σ(z)(1 − σ(z))")
    assert result["verdict"] == "correct", result
    result = checked(SIGMOID_DERIVATIVE, "d/dz σ(z) = σ(z)(1 + σ(z))")
    assert result["verdict"] == "incorrect", result
