"""Plain-text rendering of core objects for the terminal."""

from __future__ import annotations

import textwrap

from bot.ask import QuestionCard

WIDTH = 78


def rule(title: str = "") -> str:
    return f"── {title} ".ljust(WIDTH, "─") if title else "─" * WIDTH


def paragraphs(text: str) -> str:
    """Wrap prose but keep lists, math lines and blank lines as they are."""
    out: list[str] = []
    for line in text.strip().splitlines():
        if len(line) <= WIDTH or line.lstrip().startswith(("-", "*", "|", "$")):
            out.append(line)
        else:
            out.extend(textwrap.wrap(line, WIDTH, break_long_words=False))
    return "\n".join(out)


def question_card(card: QuestionCard) -> str:
    return "\n".join([
        rule(card.section_title),
        card.title.upper(),
        f"{card.difficulty_label}",
        "",
        paragraphs(card.prompt),
        "",
        f"({card.footer})",
        rule(),
    ])
