"""How candidates type the bank's formula answers in Discord (ASCII, Unicode, LaTeX, with
wrappers) is read and judged: the right ones correct, near misses incorrect, and what cannot
be read unambiguously refused with a reason. Checked against the shipped bank's specs."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.bank import load_bank
from bot.grading.engine import check, equiv
from bot.grading.limits import MathInputError
from bot.grading.parser import parse
from bot.grading.printer import relation_text

BANK = load_bank()

RIGHT = [
    (29, "V^*(s) = R + γ(p V_1 + (1 − p) V_2)"),
    (29, "r + γ(pV1 + (1-p)V2)"),
    (29, "Q^*(s, a) = R + \\gamma (p V_1 + (1 - p) V_2)"),
    (37, "E[log p(x|z)] - KL(q(z|x)||p(z))"),  # E without its distribution: the reference's
    (37, r"\mathbb{E}\left[\log p(x \mid z)\right] - D_{\mathrm{KL}}(q(z \mid x) \,\|\, p(z))"),
    (1, '(y - σ(wx))x'),
    (1, 'x(y - \\sigma(w^\\top x))'),
    (1, '$\\sum_{i=1}^n (y_i - \\sigma(w^\\top x_i)) x_i$'),
    (1, '$$\\sum_{i=1}^{n} \\left( y_i - \\sigma(\\mathbf{w}^\\top \\mathbf{x}_i) \\right) \\mathbf{x}_i$$'),
    (1, '\\[ \\nabla_w \\ell(w) = \\sum_i (y_i - \\sigma(w^T x_i)) x_i \\]'),
    (1, '∇ℓ(w) = Σᵢ (yᵢ − σ(wᵀxᵢ)) xᵢ'),
    (1, '\\nabla_w L = (y - \\sigma(w x)) x'),
    (1, '\\nabla_{\\mathbf{w}} \\ell = \\sum_{i=1}^n (y_i - \\sigma(\\mathbf{w}^\\top\\mathbf{x}_i))\\mathbf{x}_i'),
    (1, '∂ℓ/∂w = Σ_i (y_i − σ(w·x_i)) x_i'),
    (1, 'dL/dθ = (y - sigma(w*x))*x'),
    (1, '\\frac{\\partial \\ell}{\\partial w} = \\sum_i (y_i - \\sigma(w^\\top x_i)) x_i'),
    (1, '\\frac{\\partial \\ell(w)}{\\partial w} = \\sum_i (y_i - \\sigma(w^\\top x_i)) x_i'),
    (1, '∂ℓ(w)/∂w = Σ_i (y_i − σ(w·x_i)) x_i'),
    (1, '`sum_i (y_i - sigmoid(w^T x_i)) * x_i`'),
    (1, "```\nsum_i (y_i - sigmoid(w'x_i)) x_i\n```"),
    (1, 'sum_{i=1}^n (y_i - σ(w^T x_i)) x_i.'),
    (1, '\\sum_i x_i (y_i - \\sigma(\\boldsymbol{w}^\\top \\boldsymbol{x}_i)),'),
    (1, '\\sum_{i} \\left(y_{i}-\\frac{1}{1+e^{-w^{\\top} x_{i}}}\\right) x_{i}'),
    (1, 'sum_i (y_i - 1/(1+exp(-w x_i))) x_i'),
    (1, '∑ᵢ(yᵢ − σ(w⋅xᵢ))xᵢ'),
    (1, 'x (y - σ(w x))'),
    (1, 'dℓ/dw = Σ_i (y_i − σ(wᵀx_i)) x_i'),
    (1, '\\frac{d\\ell}{dw} = \\sum_i (y_i - \\sigma(w^\\top x_i)) x_i'),
    (1, '\\frac{\\mathrm{d}\\ell}{\\mathrm{d}w} = \\sum_i (y_i - \\sigma(w^\\top x_i)) x_i'),
    (1, "ℓ'(w) = Σ_i (y_i − σ(w x_i)) x_i"),
    (1, '\\sum_{i=1}^{n}\\left(y_i-\\sigma\\left(w^{\\top}x_i\\right)\\right)x_i'),
    (2, '(X^T X)^{-1} X^T y'),
    (2, '(XᵀX)⁻¹Xᵀy'),
    (2, "(X'X)^{-1}X'y"),
    (2, '\\hat{w} = (X^\\top X)^{-1} X^\\top y'),
    (2, 'w^* = (X^T X)^{-1} X^T y'),
    (2, '\\left(X^{\\top}X\\right)^{-1}X^{\\top}y'),
    (2, '(\\mathbf{X}^\\top\\mathbf{X})^{-1}\\mathbf{X}^\\top\\mathbf{y}'),
    (2, 'inv(X^T X) X^T y'),
    (2, '(X^TX)^-1 X^Ty'),
    (2, '(X^T X)^{-1} (X^T y)'),
    (2, '\\boldsymbol{\\hat\\beta} = (X^\\intercal X)^{-1} X^\\intercal y'),
    (2, '$w = (X^TX)^{-1}X^Ty$.'),
    (3, 'Bias^2 + Var + σ^2'),
    (3, 'bias² + variance + σ²'),
    (3, '\\mathrm{Bias}^2 + \\mathrm{Var} + \\sigma^2'),
    (3, '\\text{Bias}^2 + \\text{Variance} + \\sigma_\\epsilon^2'),
    (3, 'E[(y - f̂)²] = bias² + variance + σ²'),
    (6, 'θ_{t+1} = θ_t − η g_t'),
    (6, '\\theta_{t+1} = \\theta_t - \\eta_t g_t'),
    (6, 'θ_{t+1} := θ_t − η g'),
    (6, 'θ_{t+1} ← θ_t − η g_t'),
    (6, '\\theta_{t+1} \\leftarrow \\theta_t - \\eta g_t'),
    (6, 'w_{t+1} = w_t - lr * g'),
    (10, '|f(x) - f(y)| <= K |x - y|'),
    (10, '|f(x)-f(y)| ≤ K‖x−y‖'),
    (10, '\\|f(x) - f(y)\\| \\le L \\|x - y\\|'),
    (10, '\\lVert f(x_1) - f(x_2) \\rVert \\leq K \\lVert x_1 - x_2 \\rVert'),
    (10, '||f(x) - f(y)||_2 <= L ||x - y||_2'),
    (10, 'K|x-y| >= |f(x)-f(y)|'),
    (10, '\\left| f(x) - f(y) \\right| \\leq K \\left| x - y \\right|'),
    (11, 'P(A|B) = P(B|A) P(A) / P(B)'),
    (11, 'p(y ∣ x) = p(x ∣ y) p(y) / p(x)'),
    (11, 'p(y \\mid x) = \\frac{p(x \\mid y)\\, p(y)}{p(x)}'),
    (11, 'P(A \\mid B) = \\dfrac{P(B \\mid A) P(A)}{P(B)}'),
    (11, '\\Pr(A|B) = \\Pr(B|A)\\Pr(A)/\\Pr(B)'),
    (11, 'p(θ|D) = p(D|θ)p(θ)/p(D)'),
    (12, '½(σ² + μ² − 1) − log σ'),
    (12, '\\frac12(\\sigma^2+\\mu^2-1) - \\log\\sigma'),
    (12, '\\tfrac{1}{2}\\left(\\sigma^2 + \\mu^2 - 1 - \\ln\\sigma^2\\right)'),
    (12, '1/2*(sigma^2 + mu^2 - 1 - log(sigma^2))'),
    (12, '0.5 (σ^2 + μ^2 − 1) − ln σ'),
    (12, '(σ^2 + μ^2 - 1)/2 - log(σ)'),
    (12, '\\frac{1}{2}\\left[\\sigma^2 + \\mu^2 - 1 - \\log \\sigma^2\\right]'),
    (12, '-\\log\\sigma + \\frac{\\sigma^2 + \\mu^2}{2} - \\frac12'),
    (12, 'KL(q||p) = ½(σ² + μ² − 1) − log σ'),
    (12, 'D_{KL}(q \\| p) = \\frac{1}{2}(\\sigma^2 + \\mu^2 - 1) - \\log \\sigma'),
    (12, '\\mathrm{KL}(\\mathcal{N}(\\mu,\\sigma^2)\\,\\|\\,\\mathcal{N}(0,1)) = \\frac12(\\mu^2+\\sigma^2-1-\\log\\sigma^2)'),
    (15, '2 exp(-2 n ε^2)'),
    (15, '2e^{-2n\\epsilon^2}'),
    (15, '2\\exp\\left(-2n\\varepsilon^2\\right)'),
    (15, '2exp(-2nε²/(b-a)²)'),
    (16, 'f(x) p(x) / q(x)'),
    (16, '\\frac{1}{n}\\sum_{i=1}^n f(x_i)\\frac{p(x_i)}{q(x_i)}'),
    (16, '(1/n) Σᵢ f(xᵢ) p(xᵢ)/q(xᵢ)'),
    (16, '1/n sum_i f(x_i) p(x_i) / q(x_i)'),
    (20, '(α + k)/(α + β + n)'),
    (20, '\\frac{\\alpha + k}{\\alpha + \\beta + n}'),
    (20, 'E[θ|D] = (α + k)/(α + β + n)'),
    (21, 'λ^T'),
    (21, '\\lambda^T'),
    (21, 'ρ^T'),
    (22, 'σ(z)(1 − σ(z))'),
    (22, '\\sigma(z)(1-\\sigma(z))'),
    (22, "σ'(z) = σ(z)(1 − σ(z))"),
    (22, "\\sigma'(z) = \\sigma(z)\\left(1 - \\sigma(z)\\right)"),
    (22, 'e^{-z}/(1+e^{-z})^2'),
    (22, '\\frac{e^{-z}}{(1+e^{-z})^2}'),
    (22, 'σ(z) · (1 − σ(z))'),
    (22, 'sigmoid(z) * (1 - sigmoid(z))'),
    (23, '(W2^T delta2) ⊙ sigma(a1) ⊙ (1 - sigma(a1))'),
    (23, "(W_2^\\top \\delta_2) \\odot \\sigma'(a_1)"),
    (23, '\\delta_1 = (W_2^\\top \\delta_2) \\odot \\sigma(a_1) \\odot (1 - \\sigma(a_1))'),
    (23, "δ₁ = (W₂ᵀδ₂) ⊙ σ'(a₁)"),
    (25, '\\sqrt{\\frac{d \\log(n/d) + \\log(1/\\delta)}{n}}'),
    (25, '√((d + log(1/δ))/n)'),
    (29, 'R + γ(p V1 + (1 − p) V2)'),
    (29, 'R + \\gamma \\left( p V_1 + (1-p) V_2 \\right)'),
    (31, 'softmax(QK^T/√d)V'),
    (31, '\\mathrm{softmax}\\left(\\frac{QK^\\top}{\\sqrt{d_k}}\\right)V'),
    (31, 'softmax(QKᵀ/√d_k)V'),
    (31, '\\operatorname{softmax}\\!\\left(\\frac{Q K^{\\top}}{\\sqrt{d_k}}\\right) V'),
    (31, 'Attention(Q,K,V) = softmax(QK^T/sqrt(d_k))V'),
    (31, '\\text{softmax}(QK^T / \\sqrt{d}) \\cdot V'),
    (32, 'sin(pos/10000^(2i/d))'),
    (32, 'PE_{(pos,2i)} = \\sin(pos / 10000^{2i/d_{model}})'),
    (32, '\\sin\\left(\\frac{pos}{10000^{2i/d}}\\right)'),
    (34, 'σ(W Σ_u h_u)'),
    (36, 'log p(z) - log |det J|'),
    (36, 'log p(x) = log p(z) - log|det(∂f/∂z)|'),
    (37, 'E_q[log p(x|z)] - KL(q(z|x) || p(z))'),
    (37, '\\mathbb{E}_{q(z|x)}[\\log p(x|z)] - D_{KL}(q(z|x) \\| p(z))'),
    (37, '\\mathbb{E}_{z \\sim q}[\\log p(x \\mid z)] - \\mathrm{KL}(q(z \\mid x) \\,\\|\\, p(z))'),
    (37, 'E_{z~q}[log p(x|z)] - KL(q(z|x)||p(z))'),
    (37, '\\mathbb{E}_{q_\\phi(z|x)}[\\log p_\\theta(x|z)] - KL(q_\\phi(z|x)||p(z))'),
    (37, '\\log p(x) \\geq \\mathbb{E}_{q}[\\log p(x|z)] - \\mathrm{KL}(q(z|x)\\|p(z))'),
    (37, 'log p(x) ≥ E_q[log p(x|z)] − KL(q(z|x) ‖ p(z))'),
    (37, 'ELBO = E_q[log p(x|z)] - KL(q(z|x)||p(z))'),
    (41, 'x + ε sign(∇_x ℓ(θ; x, y))'),
    (41, 'x + \\epsilon \\operatorname{sign}(\\nabla_x \\ell(\\theta, x, y))'),
    (41, 'x_adv = x + ε·sign(∇ₓL(θ, x, y))'),
    (41, "x' = x + \\epsilon\\,\\mathrm{sign}(\\nabla_x J(\\theta, x, y))"),
    (41, '\\tilde{x} = x + \\epsilon \\cdot \\text{sign}(\\nabla_{x} \\mathcal{L}(\\theta, x, y))'),
    (41, '\\eta = \\epsilon\\, \\mathrm{sign}(\\nabla_x J(\\theta, x, y))'),
    (41, 'x + ε sgn(∇_x L(x, y))'),
]

WRONG = [
    (37, "E_p[log p(x|z)] - KL(q(z|x)||p(z))"),
    (37, "E[log p(x|z)] + KL(q(z|x)||p(z))"),
    (1, '(y-\\hat y)x'),
    (1, '(σ(wx) - y)x'),
    (1, 'sum_i (σ(w x_i) - y_i) x_i'),
    (1, '\\sum_i (y_i - \\sigma(w^\\top x_i))'),
    (1, '∇ℓ(w) = Σᵢ (σ(wᵀxᵢ) − yᵢ) xᵢ'),
    (2, '(X X^T)^{-1} X^T y'),
    (2, 'X^T y (X^T X)^{-1}'),
    (3, 'bias + variance + σ²'),
    (3, 'bias^2 + variance'),
    (6, 'θ_{t+1} = θ_t + η g'),
    (10, '|f(x) - f(y)| >= K |x - y|'),
    (11, 'P(A|B) = P(A|B) P(A) / P(B)'),
    (11, 'P(A|B) = P(B|A) P(B) / P(A)'),
    (12, '½(σ² + μ² − 1) + log σ'),
    (12, '(σ² + μ² − 1) − log σ'),
    (15, '2 exp(-n ε^2)'),
    (16, '\\frac{1}{n}\\sum_{i=1}^n f(x_i)\\frac{q(x_i)}{p(x_i)}'),
    (16, '\\hat\\mu = \\frac1n \\sum_i w_i f(x_i)'),
    (20, '\\frac{\\alpha + k - 1}{\\alpha + \\beta + n - 2}'),
    (21, '\\rho(W)^T'),
    (22, 'σ(z)(1 + σ(z))'),
    (22, '1 - σ(z)^2'),
    (23, "(W_2 \\delta_2) \\odot \\sigma'(a_1)"),
    (31, 'softmax(QK^T/d)V'),
    (31, 'softmax(Q^T K/√d)V'),
    (37, '\\mathbb{E}_{p(z)}[\\log p(x|z)] - \\mathrm{KL}(q(z|x)\\|p(z))'),
    (37, 'E_q[log p(x|z)] + KL(q(z|x) || p(z))'),
    (41, 'x + ε sign(∇_θ L(θ, x, y))'),
    (41, 'x - ε sign(∇_x L(θ, x, y))'),
    (41, 'x + ε ∇_x L(θ, x, y)'),
]

REFUSED = [
    (25, 'O(\\sqrt{d/n})'),
    (41, 'x + ε sign(∇L(θ, x, y))'),
    (41, "x + ε sign(∇J(θ, x, y))"),
    (12, "x ∈ R"),
]


def verdict(seed: int, answer: str) -> dict:
    return check(BANK.get(str(seed)).symbolic, answer)


@pytest.mark.parametrize(("seed", "answer"), RIGHT)
def test_right_answers_as_typed_are_correct(seed, answer):
    result = verdict(seed, answer)
    assert result["verdict"] == "correct", result


@pytest.mark.parametrize(("seed", "answer"), WRONG)
def test_near_misses_as_typed_are_incorrect(seed, answer):
    result = verdict(seed, answer)
    assert result["verdict"] == "incorrect", result


@pytest.mark.parametrize(("seed", "answer"), REFUSED)
def test_ambiguous_spellings_are_refused_with_a_reason(seed, answer):
    result = verdict(seed, answer)
    assert result["verdict"] == "unparsed" and result["reason"], result


def read(text: str, **kw) -> str:
    p = parse(text, **kw)
    return relation_text(p.items, p.ops)


@pytest.mark.parametrize(("text", "expected"), [
    ("½(σ² − 1)", "(1/2)*(sigma^2 - 1)"),
    ("1½ x", "(1 + 1/2)*x"),
    ("Φ⁻¹(p_A)", "Phi^-1(p_A)"),
    (r"f^{-1}(x)", "f^-1(x)"),
    (r"\frac12 x + \tfrac{1}2", "(1/2)*x + 1/2"),
    ("ℓ(θ; x, y)", "l(theta, x, y)"),
    (r"\ell(w)", "l(w)"),
    ("p(y ∣ x)", "p(y | x)"),
    (r"p(y \mid x)", "p(y | x)"),
    ("x'", "x'"),
    ("f'(x)", "f'(x)"),
    (r"\prod_{i=1}^n p_i", "prod_{i=1..n} p_i"),
    ("∏_i p(x_i)", "prod_{i} p(x_i)"),
    ("∇ℓ(w) = 2w", "nabla l(w) = 2*w"),
    (r"\nabla_w L = 2w", "dL/dw = 2*w"),
    ("∇_x L(θ, x, y)", "nabla_x L(theta, x, y)"),
    (r"X^{\top} y", "X^T*y"),
    ("w^* = 1", "w* = 1"),
    ("y := 2x", "y = 2*x"),
    ("y ≈ 2x", "y = 2*x"),
    (r"y \approx 2x", "y = 2*x"),
    ("θ ← θ − η g", "theta = theta - eta*g"),
    ("$x^2$.", "x^2"),
    (r"\[ x + 1 \]", "x + 1"),
    ("```\nx + 1\n```", "x + 1"),
    (r"\mathbb{E}_{z \sim q(z|x)}[\log p(x|z)]", "E_q[log(p(x | z))]"),
    ("E_{x~p}[f(x)]", "E_p[f(x)]"),
    (r"D_{KL}(q \| p)", "KL(q, p)"),
    (r"\langle a, b \rangle", "a^T*b"),
    ("||x||_1 + |y|_1", "||x||_1 + ||y||_1"),
    (r"\sqrt[3]{x}", "x^(1/3)"),
    ("1e-3", "1e-3"),
    (r"\theta^{(t)}", "theta_t"),
    (r"\boldsymbol{\hat\beta}", "betahat"),
    ("P(|X − μ| ≥ t)", "P(|X - mu| >= t)"),
])
def test_echo_shows_how_it_was_read(text, expected):
    assert read(text) == expected


def test_transpose_by_prime_only_for_arrays_or_before_a_name():
    arrays = {"X", "y"}
    assert read("(X'X)^{-1}X'y", names=arrays, arrays=arrays) == "(X^T*X)^(-1)*X^T*y"
    assert read("w'x") == "w^T*x"
    assert read("x' + 1") == "x' + 1"


def test_declared_subscripted_names_match_however_written():
    names = {"eta_t", "theta_t", "W_2"}
    for text in (r"\eta_t \theta_t", "η_t θ_t", "eta_{t} theta_{t}"):
        assert read(text, names=names) == "eta_t*theta_t"
    assert read("W_{2}", names=names) == "W_2"


def test_gradient_of_several_arguments_needs_its_variable():
    with pytest.raises(MathInputError, match="which one"):
        parse("∇L(θ, x, y)")
    assert equiv("∇ℓ(θ; x, y)", "∇_θ ℓ(θ, x, y)")["verdict"] == "equivalent"
    assert equiv("∇_x L(θ, x, y)", "∇_θ L(θ, x, y)")["verdict"] == "not_equivalent"


def test_expectations_keep_their_distribution():
    assert equiv("E_p[f(x)]", "E_q[f(x)]")["verdict"] == "not_equivalent"
    assert equiv("E_{z~q}[f(z)]", r"\mathbb{E}_{q(z|x)}[f(z)]")["verdict"] == "equivalent"


@pytest.mark.parametrize(("text", "message"), [
    ("O(sqrt(d/n))", "hides constant factors"),
    ("x <-1", "'<-'"),
    ("1e-3x", "1e-3x"),
    ("x_1 + ... + x_n", "'...'"),
    ("x_1 + \\cdots + x_n", "'...'"),
    (r"\frac{\partial^2 L}{\partial w^2}", "first derivatives"),
    ("x ~ p", "distributed as"),
    (r"\theta \in \mathbb{R}^d", "not '\\\\in'"),
    ("(x + 1)'", "after a bracket"),
])
def test_ambiguous_input_is_refused_clearly(text, message):
    with pytest.raises(MathInputError, match=message.replace("(", r"\(").replace(".", r"\.")):
        parse(text)


@pytest.mark.parametrize("text", ["Σ_(", "sum_{", "prod_", "∇_", "E_{", "x^{(", "f^{-1}(",
                                  "V^*(", "\\sqrt[", "||x||_", "p(x;", "PE_{(", "\\frac1",
                                  "\\boldsymbol{\\hat", "```", "$$", "E_{z\\sim"])
def test_cut_off_new_syntax_is_unparsed_not_a_crash(text):
    result = check({"symbols": {"x": "real"}, "answers": ["x"]}, text)
    assert result["verdict"] == "unparsed" and result["reason"]


PIECES = ["x", "w", "X", "θ", "ℓ", "½", "∣", "∥", "⟨", "⟩", "∏_i", "∇_x", "∇", "'", "^", "_",
          "{", "}", "(", ")", "|", ";", ",", "~", "<-", ":=", "≈", "$", "`", ".", "e", "1",
          " ", "-", "\\ell", "\\tfrac12", "\\mid", "\\prod_{i=1}^n", "\\mathbf{",
          "\\boldsymbol{\\hat", "^{\\top}", "\\sqrt[3]{", "E_{z\\sim q}[", "^{(t)}",
          "L(θ; x, y)", "f^{-1}(", "V^*(", "1e-3", "\\langle", "\\rangle", "\\|x\\|_1"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=25).map("".join))
def test_random_new_syntax_never_crashes(text):
    spec = {"symbols": {"X": "matrix(n,d)", "w": "vector(d)"}, "answers": ["X w"]}
    assert check(spec, text)["verdict"] in {"correct", "incorrect", "undetermined", "unparsed"}
