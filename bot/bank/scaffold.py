"""A new question file to fill in: every field the bank expects, with what goes there."""

from __future__ import annotations

import re

from bot.bank.schema import ID_PATTERN, SECTIONS
from bot.errors import UserFacingError

TEMPLATE = '''\
# A Viva question. Fill in every TODO, then run: viva bank validate {path}
# Strings are quoted; use | blocks for Markdown with $...$ LaTeX (mathtext subset).
questions:
  - id: "{qid}"
    section: "{section}"
    title: "{title}"
    difficulty: 3            # 1 warm-up .. 5 research
    tags: ["TODO-tag"]
    prompt: |
      TODO: the question, precise enough that there is one right answer, e.g. $f(x) = x^2$.
    reference: |
      TODO: the answer a strong candidate gives: the derivation or proof sketch, the
      connection to ML systems, and the caveat a researcher would add.
    key_points:              # 2-6: what a grader must find
      - id: "first-point"
        text: "TODO: one line a grader checks"
        weight: 2
        hints: ["TODO phrase", "TODO synonym", "part one + part two"]
      - id: "second-point"
        text: "TODO: another point"
        weight: 1
        hints: ["TODO phrase"]
    misconceptions:          # 0-3 confident wrong claims
      - id: "common-error"
        text: "TODO: the wrong claim as a candidate says it"
        hints: ["TODO wrong claim"]
        correction: "TODO: the one-line correction"
    probes:                  # 2-4 follow-ups: derive | critique | gap | extend
      - id: "derive-it"
        kind: "derive"
        prompt: "TODO: ask for the derivation"
        key_points:
          - id: "derivation-step"
            text: "TODO: the step that must appear"
            hints: ["TODO phrase"]
      - id: "missed-first-point"
        kind: "gap"
        targets: "first-point"
        prompt: "TODO: chase the first key point"
        key_points:
          - id: "gap-answer"
            text: "TODO: what a good reply says"
            hints: ["TODO phrase"]
    hints: ["TODO: a hint (costs points)"]
    sources: ["TODO: a textbook chapter or paper"]
    # symbolic:              # where the core answer is a formula (docs/symbolic-spec.md)
    #   symbols: {{x: real}}
    #   answers: ["x^2"]
'''


def scaffold(qid: str, *, path: str, title: str | None = None) -> str:
    """The text of a new question file for ``qid`` (section from its prefix)."""
    if not re.match(ID_PATTERN, qid or ""):
        raise UserFacingError("The id must look like 'section.kebab-name', e.g. "
                              "'math.jensen-inequality'.")
    section = qid.split(".", 1)[0]
    if section not in SECTIONS:
        raise UserFacingError(f"The id must start with a section: {', '.join(SECTIONS)}.")
    title = (title or qid.split(".", 1)[1].replace("-", " ").capitalize()).replace('"', "'")
    return TEMPLATE.format(qid=qid, section=section, title=title, path=path)
