"""Math rendered to PNG for Discord, with a Unicode fallback and a cache."""

from __future__ import annotations

import struct

import pytest

from bot.bank import load_bank
from bot.render import latex_to_unicode, mathimg, render, render_async


def size(png: bytes) -> tuple[int, int]:
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", png[16:24])


def test_renders_a_prompt_with_inline_math():
    result = render(r"Show that $\sigma'(z) = \sigma(z)(1 - \sigma(z))$ for all $z$.")
    width, height = size(result.png)
    assert width > 200 and height > 20 and result.error is None
    assert result.text == "Show that σ'(z) = σ(z)(1 - σ(z)) for all z."


def test_cache_returns_the_same_image_without_redrawing(monkeypatch):
    mathimg.cache_clear()
    calls = []
    real = mathimg._draw
    monkeypatch.setattr(mathimg, "_draw", lambda lines: calls.append(1) or real(lines))
    first = render(r"$x^2$", display=True)
    second = render(r"$x^2$", display=True)
    assert first is second and calls == [1]
    assert render(r"$x^3$", display=True).key != first.key


def test_latex_mathtext_cannot_draw_is_drawn_as_unicode_text(monkeypatch):
    drawn = []
    real = mathimg._safe
    monkeypatch.setattr(mathimg, "_safe", lambda line: drawn.append(real(line)) or drawn[-1])
    result = render(r"Bound: $\begin{cases} x \end{cases} \ge \alpha$", display=False)
    assert result.png is not None
    assert drawn == ["Bound: begincases x endcases ≥ α"]


def test_a_failing_renderer_gives_the_unicode_fallback(monkeypatch):
    mathimg.cache_clear()

    def broken(lines):
        raise ValueError("\nUnknown symbol")

    monkeypatch.setattr(mathimg, "_draw", broken)
    result = render(r"$\alpha \le \beta$")
    assert result.png is None and result.error == "Unknown symbol"
    assert result.text == "α ≤ β"


def test_huge_input_is_capped():
    result = render("$x$ " * 50_000)
    assert result.png is not None
    assert size(result.png)[1] < 5000


@pytest.mark.parametrize(("latex", "text"), [
    (r"\frac{\partial L}{\partial w}", "(∂ L)/(∂ w)"),
    (r"\mathbb{E}[(\hat{y} - y)^2]", "𝔼[(ŷ - y)²]"),
    (r"\theta_{t+1} = \theta_t - \eta \nabla L", "θₜ₊₁ = θₜ - η ∇ L"),
    (r"X^\top X", "Xᵀ X"),
    (r"\sqrt{d_k}", "√(dₖ)"),
    (r"a \le b \cdot c", "a ≤ b · c"),
])
def test_unicode_fallback(latex, text):
    assert latex_to_unicode(latex) == text


def test_every_prompt_and_reference_in_the_bank_renders():
    failures = [(q.id, part) for q in load_bank() for part, text in
                (("prompt", q.prompt), ("reference", q.reference)) if render(text).png is None]
    assert failures == []


async def test_async_rendering_runs_off_the_loop():
    result = await render_async(r"$\sum_i x_i$", display=True)
    assert result.png is not None
