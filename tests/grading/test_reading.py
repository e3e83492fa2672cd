"""How input is read and echoed, and the clear messages for what cannot be read."""

from __future__ import annotations

import pytest

from bot.grading.engine import equiv
from bot.grading.limits import MAX_CHARS, MathInputError
from bot.grading.parser import parse
from bot.grading.printer import relation_text


def read(text: str, **kw) -> str:
    p = parse(text, **kw)
    return relation_text(p.items, p.ops)


@pytest.mark.parametrize(("text", "expected"), [
    ("2x", "2*x"),
    ("wx + b", "w*x + b"),
    ("x(y - sigma(wx))", "x*(y - sigma(w*x))"),
    ("e^-z", "e^(-z)"),
    ("θ_{t+1} = θ_t − η ∇L(θ_t)", "theta_(t + 1) = theta_t - eta*nabla L(theta_t)"),
    ("∂L/∂w = Σᵢ (yᵢ − σ(w·xᵢ)) xᵢ", "dL/dw = sum_{i} (y_i - sigma(w*x_i))*x_i"),
    (r"\frac{\partial L}{\partial w}", "dL/dw"),
    (r"\sum_{i=1}^{n} x_i", "sum_{i=1..n} x_i"),
    (r"\mathbb{E}_{q}[\log p(x|z)]", "E_q[log(p(x | z))]"),
    ("KL(q||p)", "KL(q, p)"),
    ("ŷ", "yhat"),
    ("x²", "x^2"),
    ("σ'(z)", "sigma'(z)"),
    ("bias^2 + sigma^2", "bias^2 + sigma^2"),
])
def test_echo(text, expected):
    assert read(text) == expected


def test_latex_echo_is_renderable_latex():
    result = equiv(r"\frac{1}{2}x^2", "x^2/2")
    assert result["latex_a"] == r"\left(\frac{1}{2}\right) \cdot x^{2}"
    assert result["latex_b"] == r"\frac{x^{2}}{2}"


def test_declared_names_stay_whole():
    assert read("log_pz - log_det", names={"log_pz", "log_det"}) == "log_pz - log_det"
    assert read("V1 + V2", names={"V1", "V2"}) == "V1 + V2"
    assert read("eta x", names={"eta"}) == "eta*x"


@pytest.mark.parametrize(("text", "message"), [
    ("", "There is no formula"),
    ("x +", "ends too early"),
    ("(x + 1", "Expected ')'"),
    ("x $ y", "I don't know the symbol '$'"),
    (r"\foo{x}", "I don't know the LaTeX command '\\foo'"),
    ("|x", "never closed"),
    ("x" * (MAX_CHARS + 1), "at most"),
    ("(" * 60 + "x" + ")" * 60, "nested too deeply"),
    ("1" * 50, "at most 40 digits"),
    ("sum x_i", "Write the index of the sum"),
    ("x\x00", "NUL"),
])
def test_clear_messages(text, message):
    with pytest.raises(MathInputError, match=message.replace("(", r"\(").replace(")", r"\)")
                       .replace("$", r"\$").replace("\\f", r"\\f")):
        parse(text)


def test_invalid_input_is_an_invalid_verdict_not_an_error():
    result = equiv("x +", "x")
    assert result["verdict"] == "invalid"
    assert result["reason"].startswith("a: ")
