"""Plain-text rendering of core objects for the terminal."""

from __future__ import annotations

import textwrap

from bot.ask import QuestionCard
from bot.drill import DrillResult
from bot.interview.steps import Ask, Feedback, Outcome, ReportCard
from bot.render import readable

WIDTH = 78


def rule(title: str = "") -> str:
    return f"── {title} ".ljust(WIDTH, "─") if title else "─" * WIDTH


def paragraphs(text: str) -> str:
    """Re-flow prose paragraphs to the terminal width; keep list items and blank lines."""
    out: list[str] = []
    para: list[str] = []

    def flush() -> None:
        if para:
            out.extend(textwrap.wrap(" ".join(para), WIDTH, break_long_words=False))
            para.clear()

    for line in text.strip().splitlines():
        stripped = line.strip()
        if not stripped:
            flush()
            out.append("")
        elif stripped.startswith(("- ", "* ", "|", "1.", "2.", "3.", "4.", "5.", "6.")):
            flush()
            out.extend(textwrap.wrap(stripped, WIDTH, subsequent_indent="  ",
                                     break_long_words=False))
        else:
            para.append(stripped)
    flush()
    return "\n".join(out)


def question_card(card: QuestionCard) -> str:
    return "\n".join([
        rule(card.section_title),
        card.title.upper(),
        f"{card.difficulty_label}",
        "",
        paragraphs(readable(card.prompt)),
        "",
        f"({card.footer})",
        rule(),
    ])


def ask(step: Ask) -> str:
    head = f"Question {step.question_number} of {step.total}: {step.title}"
    if step.probe is not None:
        kind = {"derive": "Derive it", "critique": "Critique this", "gap": "A gap",
                "extend": "Going further"}.get(step.probe.kind, "Follow-up")
        lines = [rule(f"Follow-up · {kind}")]
        if step.probe.why:
            lines.append(step.probe.why)
        lines += ["", paragraphs(readable(step.prompt))]
    else:
        lines = [rule(head), "", paragraphs(readable(step.prompt))]
    lines += ["", "Type your answer (several lines are fine), then /send.  "
                  "/hint · /skip · /end"]
    return "\n".join(lines)


def feedback(fb: Feedback) -> str:
    lines = [f"Score {fb.score}/100 · {fb.band}"]
    if fb.read_as:
        lines.append(f"I read your formula as: {fb.read_as}")
    lines += [f"- {line}" for line in fb.lines]
    if fb.points_line():
        lines.append(fb.points_line())
    return "\n".join(lines)


def report_card(card: ReportCard) -> str:
    lines = [rule("Report card"), f"Overall: {card.overall}/100", ""]
    for q in card.questions:
        status = "skipped" if q.skipped else q.band
        lines.append(f"{q.number}. {q.title} — {q.score}/100 ({status})")
        lines += [f"   + {s}" for s in q.strengths[:4]]
        lines += [f"   - missed: {m}" for m in q.missed[:4]]
        lines += [f"   ! '{claim}' — {fix}" for claim, fix in q.misconceptions]
    if card.reading:
        lines += ["", "Read next:"] + [f"  · {r}" for r in card.reading]
    if card.due_reviews:
        lines += ["", "Due for review:"] + [f"  · {r}" for r in card.due_reviews]
    lines += ["", card.suggestion, rule()]
    return "\n".join(lines)


def outcome(result: Outcome) -> str:
    parts = []
    if result.notice:
        parts.append(result.notice)
    if result.feedback:
        parts.append(feedback(result.feedback))
    if result.next:
        parts.append(ask(result.next))
    if result.report:
        parts.append(report_card(result.report))
    return "\n\n".join(parts)


def drill(result: DrillResult) -> str:
    parts = [feedback(result.feedback)]
    if result.probe is not None:
        parts.append(f"Follow-up ({result.probe.kind}): {paragraphs(result.probe.prompt)}\n"
                     "Answer it with text then /send, or move on with /question.")
    return "\n\n".join(parts)
