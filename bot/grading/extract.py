"""Find the formulas in a prose answer: $...$, `...`, and lines that look like equations."""

from __future__ import annotations

import re

DOLLARS = re.compile(r"\$\$(.+?)\$\$|\$(.+?)\$", re.DOTALL)
BACKTICKS = re.compile(r"`([^`]+)`")
EQUATION_LINE = re.compile(r"^[^.?!]{0,200}?(=|<=|>=|≤|≥)[^.?!]{1,300}$")
MATHY = re.compile(r"[=^_\\()σΣ∑∂∇√·]|\b(sum|exp|log|sigma|sqrt|frac)\b")
MAX_FORMULAS = 12


def extract_math(text: str) -> list[str]:
    """Candidate formulas, most explicit first (delimited), then equation-like lines."""
    found: list[str] = []
    for match in DOLLARS.finditer(text or ""):
        found.append((match.group(1) or match.group(2)).strip())
    for match in BACKTICKS.finditer(text or ""):
        found.append(match.group(1).strip())
    stripped = DOLLARS.sub(" ", BACKTICKS.sub(" ", text or ""))
    for line in stripped.splitlines():
        line = line.strip().strip("*-• ").rstrip(".,;")
        if EQUATION_LINE.match(line) and MATHY.search(line) and len(line.split()) <= 25:
            # keep from the last colon on: "so the gradient is: dL/dw = ..."
            found.append(line.rsplit(":", 1)[-1].strip())
    unique: list[str] = []
    for formula in found:
        if formula and formula not in unique:
            unique.append(formula)
    return unique[:MAX_FORMULAS]
