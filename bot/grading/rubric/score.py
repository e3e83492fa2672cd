"""Key-point coverage and misconception detection, turned into a score and feedback."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.bank.schema import KeyPoint, Misconception
from bot.grading.rubric.match import Text, find


@dataclass
class RubricResult:
    coverage: float  # weighted share of key points covered, 0..1
    covered: list[dict] = field(default_factory=list)
    missed: list[dict] = field(default_factory=list)
    misconceptions: list[dict] = field(default_factory=list)
    stuffed: bool = False  # mostly keywords, little argument


def grade_rubric(answer: str, key_points: list[KeyPoint],
                 misconceptions: list[Misconception]) -> RubricResult:
    text = Text(answer)
    covered, missed = [], []
    matched_sentences: set[int] = set()
    for kp in key_points:
        hit = next((m for h in kp.hints if (m := find(text, h)) is not None), None)
        if hit is not None:
            covered.append({"id": kp.id, "text": kp.text, "weight": kp.weight})
            matched_sentences.add(hit.sentence)
        else:
            missed.append({"id": kp.id, "text": kp.text, "weight": kp.weight})
    asserted = []
    for m in misconceptions:
        hits = [find(text, h) for h in m.hints]
        if any(h is not None and not h.negated for h in hits):
            asserted.append({"id": m.id, "text": m.text, "correction": m.correction})
    total = sum(kp.weight for kp in key_points) or 1.0
    coverage = sum(c["weight"] for c in covered) / total
    # a keyword list: many points "covered" by very few words, and almost none of the small
    # words an argument is made of ("because", "so", "is", "the")
    stuffed = (len(covered) >= 2 and text.word_count < 6 * len(covered)
               and text.function_words <= max(1, text.word_count // 10))
    return RubricResult(coverage, covered, missed, asserted, stuffed)
