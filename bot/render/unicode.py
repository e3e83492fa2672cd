"""A readable Unicode form of LaTeX, for embed text and when an image cannot be drawn."""

from __future__ import annotations

import re
import unicodedata

from bot.grading.normalize import GREEK

LATEX_GREEK: dict[str, str] = {}
for _ch, _name in GREEK.items():
    LATEX_GREEK.setdefault(_name, _ch)  # θ, not ϑ
COMMANDS = {
    "cdot": "·", "times": "×", "le": "≤", "leq": "≤", "ge": "≥", "geq": "≥", "neq": "≠",
    "ne": "≠", "approx": "≈", "infty": "∞", "partial": "∂", "nabla": "∇", "sum": "Σ",
    "prod": "∏", "int": "∫", "top": "ᵀ", "in": "∈", "to": "→", "mid": "|", "|": "‖",
    "lVert": "‖", "rVert": "‖", "langle": "⟨", "rangle": "⟩", "odot": "⊙", "forall": "∀",
    "exists": "∃", "propto": "∝", "sim": "~", "pm": "±", "ll": "≪", "gg": "≫",
    "Rightarrow": "⇒", "implies": "⇒", "log": "log", "exp": "exp", "max": "max",
    "min": "min", "ln": "ln", "sin": "sin", "cos": "cos", "tanh": "tanh", "det": "det",
    "quad": " ", "qquad": "  ", ",": " ", ";": " ", "!": "", "left": "", "right": "",
    "big": "", "Big": "", "varepsilon": "ε", "vartheta": "ϑ", "varphi": "φ", "ell": "ℓ",
}
SUP = dict(zip("0123456789+-=()niT", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱᵀ", strict=True))
SUB = dict(zip("0123456789+-=()aeiojtknmx", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑᵢₒⱼₜₖₙₘₓ", strict=True))
FONTS = re.compile(r"\\(mathrm|mathbf|mathit|text|operatorname|boldsymbol|mathcal)\{([^{}]*)\}")


def _script(body: str, table: dict[str, str], mark: str) -> str:
    if body and all(c in table for c in body):
        return "".join(table[c] for c in body)
    return f"{mark}({body})" if len(body) > 1 else f"{mark}{body}"


def latex_to_unicode(text: str) -> str:
    s = text
    s = FONTS.sub(lambda m: m.group(2), s)
    s = re.sub(r"\\mathbb\{E\}", "𝔼", s)
    s = re.sub(r"\\mathbb\{R\}", "ℝ", s)
    s = re.sub(r"\\hat\{(\w)\}", lambda m: m.group(1) + "\u0302", s)
    s = re.sub(r"\\bar\{(\w)\}", lambda m: m.group(1) + "\u0304", s)
    s = re.sub(r"\\tilde\{(\w)\}", lambda m: m.group(1) + "\u0303", s)
    for _ in range(4):  # nested fractions and roots
        s = re.sub(r"\\[dt]?frac\{([^{}]*)\}\{([^{}]*)\}", r"(\1)/(\2)", s)
        s = re.sub(r"\\sqrt\{([^{}]*)\}", r"√(\1)", s)
    s = re.sub(r"\\([A-Za-z]+|[|,;!])", lambda m: LATEX_GREEK.get(
        m.group(1).removeprefix("var"), COMMANDS.get(m.group(1), m.group(1))), s)
    s = re.sub(r"\^\{([^{}]*)\}", lambda m: _script(m.group(1), SUP, "^"), s)
    s = re.sub(r"\^(\w)", lambda m: _script(m.group(1), SUP, "^"), s)
    s = re.sub(r"_\{([^{}]*)\}", lambda m: _script(m.group(1), SUB, "_"), s)
    s = re.sub(r"_(\w)", lambda m: _script(m.group(1), SUB, "_"), s)
    s = s.replace("{", "").replace("}", "").replace("$", "").replace("^ᵀ", "ᵀ")
    s = re.sub(r"\(\s*(\w)\s*\)/", r"\1/", s)
    s = re.sub(r"/\(\s*(\w)\s*\)", r"/\1", s)
    return unicodedata.normalize("NFC", re.sub(r"[ \t]+", " ", s).strip())


def readable(text: str) -> str:
    """Text with every $...$ replaced by its Unicode form (for terminals and embeds)."""
    return re.sub(r"\$([^$]+)\$", lambda m: latex_to_unicode(m.group(1)), text)
