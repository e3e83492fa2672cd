"""Math as images, since Discord shows no LaTeX.

Text with inline ``$...$`` (prompts, references) or a single formula ("I read your answer as")
is drawn with matplotlib's mathtext (no TeX install) on a soft light panel with dark text:
a panel reads the same on Discord's dark and light themes, which a transparent background
with one text colour cannot. When mathtext cannot draw something, the caller gets the
Unicode text form instead (``png=None``). Images are cached in memory by content hash.
"""

from __future__ import annotations

import asyncio
import hashlib
import io
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass

MAX_CHARS = 4000
MAX_LINES = 40
WRAP = 70
CACHE_SIZE = 256
PANEL = "#f2f3f5"
INK = "#1e1f22"
_lock = threading.Lock()
_cache: OrderedDict[str, RenderedMath] = OrderedDict()
MATH = re.compile(r"\$([^$]+)\$")


@dataclass(frozen=True)
class RenderedMath:
    png: bytes | None
    text: str  # Unicode fallback, readable without the image
    key: str
    error: str | None = None

    @property
    def filename(self) -> str:
        return f"math-{self.key}.png"


def _key(text: str, display: bool) -> str:
    return hashlib.sha256(f"{display}|{text}".encode()).hexdigest()[:16]


def has_math(text: str) -> bool:
    return bool(MATH.search(text or ""))


def _lines(text: str, display: bool) -> list[str]:
    if display:
        return [f"${text.strip().strip('$')}$"]
    out: list[str] = []
    for paragraph in re.split(r"\n\s*\n", text.strip()):
        joined = " ".join(line.strip() for line in paragraph.splitlines())
        # wrap on spaces outside $...$ only
        pieces = re.split(r"(\$[^$]+\$)", joined)
        tokens: list[str] = []
        for piece in pieces:
            tokens += [piece] if piece.startswith("$") else piece.split()
        line = ""
        for token in tokens:
            visible = len(MATH.sub(lambda m: m.group(1), line + " " + token))
            if line and visible > WRAP:
                out.append(line)
                line = token
            else:
                line = f"{line} {token}".strip()
        if line:
            out.append(line)
        out.append("")
    return out[:-1][:MAX_LINES]


MATHTEXT = [(r"\\ge(?![a-z])", r"\\geq"), (r"\\le(?![a-z])", r"\\leq"), (r"\\ne(?![a-z])", r"\\neq"),
            (r"\\(d|t)frac", r"\\frac"), (r"\\(text|operatorname|textrm)\{", r"\\mathrm{"),
            (r"\\mid", "|"), (r"\\lVert|\\rVert", r"\\Vert"), (r"\\coloneqq", ":=")]


def _mathtext(line: str) -> str:
    """Markdown and LaTeX that mathtext does not know, rewritten to what it does."""
    line = re.sub(r"\*\*|__", "", line)
    for pattern, repl in MATHTEXT:
        line = re.sub(pattern, repl, line)
    return line


def _safe(line: str) -> str:
    """The line if mathtext can parse it, else its Unicode form (plain text)."""
    from matplotlib.mathtext import MathTextParser

    from bot.render.unicode import latex_to_unicode

    try:
        for segment in MATH.findall(line):
            MathTextParser("path").parse(f"${segment}$")
        return line
    except Exception:
        return latex_to_unicode(line).replace("$", "")


def _draw(lines: list[str]) -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    height = 0.34 * max(1, len(lines)) + 0.3
    width = min(11.0, 0.105 * max(len(MATH.sub(lambda m: m.group(1), ln)) for ln in lines) + 0.6)
    lines = [_safe(_mathtext(line)) for line in lines]
    fig = Figure(figsize=(max(width, 1.2), height), dpi=150, facecolor=PANEL)
    FigureCanvasAgg(fig)
    step = 1.0 / (len(lines) + 0.6)
    for index, line in enumerate(lines):
        fig.text(0.02, 1 - step * (index + 0.9), line or " ", color=INK, fontsize=12,
                 ha="left", va="baseline")
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", facecolor=PANEL, bbox_inches="tight", pad_inches=0.12)
    return buffer.getvalue()


def render(text: str, *, display: bool = False) -> RenderedMath:
    """Draw ``text`` (Markdown with $...$, or one formula when ``display``); never raises."""
    from bot.render.unicode import latex_to_unicode

    text = (text or "")[:MAX_CHARS]
    key = _key(text, display)
    with _lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    fallback = latex_to_unicode(text if display else MATH.sub(lambda m: m.group(1), text))
    try:
        with _lock:  # matplotlib's text machinery is not thread-safe
            png = _draw(_lines(text, display))
        result = RenderedMath(png, fallback, key)
    except Exception as exc:  # mathtext raises ValueError/ParseException on bad LaTeX
        result = RenderedMath(None, fallback, key, error=str(exc).strip().splitlines()[0][:200])
    with _lock:
        _cache[key] = result
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    return result


async def render_async(text: str, *, display: bool = False) -> RenderedMath:
    """``render`` off the event loop."""
    return await asyncio.to_thread(render, text, display=display)


def cache_clear() -> None:
    with _lock:
        _cache.clear()


__all__ = ["RenderedMath", "cache_clear", "has_math", "render", "render_async"]
