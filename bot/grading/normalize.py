"""Rewrite Unicode math into the ASCII the tokenizer reads (pure string mapping, no eval)."""

from __future__ import annotations

import re
import unicodedata

GREEK = {
    "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "epsilon", "ϵ": "epsilon",
    "ζ": "zeta", "η": "eta", "θ": "theta", "ϑ": "theta", "ι": "iota", "κ": "kappa",
    "λ": "lambda", "μ": "mu", "ν": "nu", "ξ": "xi", "π": "pi", "ρ": "rho", "σ": "sigma",
    "τ": "tau", "υ": "upsilon", "φ": "phi", "ϕ": "phi", "χ": "chi", "ψ": "psi", "ω": "omega",
    "Γ": "Gamma", "Δ": "Delta", "Θ": "Theta", "Λ": "Lambda", "Ξ": "Xi", "Π": "Pi",
    "Φ": "Phi", "Ψ": "Psi", "Ω": "Omega",
}
SYMBOLS = {
    "−": "-", "–": "-", "—": "-", "×": "*", "·": "*", "⋅": "*", "∙": "*", "÷": "/",
    "≤": "<=", "⩽": "<=", "≥": ">=", "⩾": ">=", "≠": "!=", "≈": "~=", "∑": " sum ",
    "Σ": "sum", "∏": "prod", "√": "sqrt", "∇": "nabla", "∂": "partial",
    "‖": "||", "∞": "oo", "⊤": "^T", "ᵀ": "^T", "′": "'", "’": "'",
    "𝔼": "E", "⟨": "<<", "⟩": ">>", "→": "->", "⇒": "=>", "∈": " \\in ", "∉": " \\notin ",
    "⊙": "*",
    "（": "(", "）": ")", "\u00a0": " ", "\u200b": "",
    "∣": "|", "∥": "||", "⁄": "/", "∕": "/", "←": " <- ", "⟵": " <- ", "≔": ":=",
    "∼": "~", "〈": "<<", "〉": ">>", "ℓ": "l",
}
# ½ -> (1/2): a vulgar fraction is one number
FRACTIONS = {"½": "1/2", "⅓": "1/3", "⅔": "2/3", "¼": "1/4", "¾": "3/4", "⅕": "1/5",
             "⅖": "2/5", "⅗": "3/5", "⅘": "4/5", "⅙": "1/6", "⅚": "5/6", "⅛": "1/8",
             "⅜": "3/8", "⅝": "5/8", "⅞": "7/8", "⅐": "1/7", "⅑": "1/9", "⅒": "1/10"}
SUPERSCRIPTS = dict(zip("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺ⁿⁱ", "0123456789-+ni", strict=True))
SUBSCRIPTS = dict(zip("₀₁₂₃₄₅₆₇₈₉₊₋ₐₑₒₓₕₖₗₘₙₚₛₜᵢⱼ", "0123456789+-aeoxhklmnpstij", strict=True))
COMBINING = {"\u0302": "hat", "\u0304": "bar", "\u0305": "bar", "\u0303": "tilde",
             "\u0307": "dot"}


def _runs(text: str, table: dict[str, str], prefix: str) -> str:
    """x²³ -> x^(23); xᵢ -> x_(i)."""
    out: list[str] = []
    run: list[str] = []
    for ch in text + "\0":
        if ch in table:
            run.append(table[ch])
            continue
        if run:
            body = "".join(run)
            out.append(f"{prefix}{body}" if len(body) == 1 else f"{prefix}{{{body}}}")
            run = []
        out.append(ch)
    return "".join(out[:-1])


def normalize(text: str) -> str:
    """Unicode to ASCII math: Greek to names, operators to ASCII, super/subscripts to ^ and _,
    hats and bars to name suffixes (ŷ -> yhat)."""
    text = unicodedata.normalize("NFC", text)
    chars: list[str] = []
    for ch in unicodedata.normalize("NFD", text):
        if ch in COMBINING and chars:
            chars.append(COMBINING[ch])
        else:
            chars.append(ch)
    text = unicodedata.normalize("NFC", "".join(chars))
    text = text.replace("^⊤", "^T").replace("^ᵀ", "^T")
    text = _runs(text, SUPERSCRIPTS, "^")
    text = _runs(text, SUBSCRIPTS, "_")
    out = []
    for ch in text:
        if ch in GREEK:
            out.append(GREEK[ch])
        elif ch in SYMBOLS:
            out.append(SYMBOLS[ch])
        elif ch in FRACTIONS:
            digits = ""
            while out and len(out[-1]) == 1 and out[-1].isdigit():
                digits = out.pop() + digits  # 1½ is one and a half
            out.append(f"({digits}+{FRACTIONS[ch]})" if digits else f"({FRACTIONS[ch]})")
        else:
            out.append(ch)
    return "".join(out)


FENCE = re.compile(r"^```[A-Za-z]*[ \t]*\n?(.*?)\n?```$", re.DOTALL)
WRAPPERS = (("$$", "$$"), ("$", "$"), ("\\[", "\\]"), ("\\(", "\\)"), ("`", "`"))
TRAILING = ".,;"


def unwrap(text: str) -> str:
    """The formula inside the wrappers people type around it in Discord: a code fence,
    backticks, ``$...$``, ``$$...$$``, ``\\[...\\]``, ``\\(...\\)``; and without a sentence's
    trailing full stop or comma (``x^2.`` is x^2)."""
    text = text.strip()
    for _ in range(3):  # `$x$` and friends: a few layers at most
        before = text
        fence = FENCE.match(text)
        if fence:
            text = fence.group(1).strip()
        for start, end in WRAPPERS:
            if len(text) > len(start) + len(end) and text.startswith(start) and \
                    text.endswith(end):
                text = text[len(start):len(text) - len(end)].strip()
                break
        while text and text[-1] in TRAILING and not text.endswith("\\" + text[-1]):
            text = text[:-1].rstrip()
        if text == before:
            break
    return text
