"""Grading accuracy: band agreement of the rubric + symbolic grader on the hand-written
answer set in tests/rubric/answers/*.jsonl (one file per section), with the confusion matrix. The hard target:
no wrong answer graded 'strong'."""

from __future__ import annotations

import asyncio
import json
from collections import Counter
from pathlib import Path

ANSWERS = Path(__file__).resolve().parent.parent / "tests" / "rubric" / "answers"
BANDS = ("strong", "partial", "weak")


def run(quick: bool) -> dict:
    from bot.bank import load_bank
    from bot.grading import GradingPool
    from bot.grading.answer import grade_answer

    answers = [json.loads(x) for path in sorted(ANSWERS.glob("*.jsonl"))
               for x in path.read_text().splitlines() if x.strip()]
    bank = load_bank()

    async def grade_all() -> list:
        async with GradingPool() as pool:
            return [await grade_answer(bank.get(str(a["question"])), a["answer"], pool=pool)
                    for a in answers]

    results = asyncio.run(grade_all())
    pairs = Counter((a["band"], r.band) for a, r in zip(answers, results, strict=True))
    rows = [{"expected": e, **{f"graded_{g}": pairs[(e, g)] for g in BANDS}} for e in BANDS]
    agree = sum(pairs[(b, b)] for b in BANDS)
    return {"rows": rows, "figures": {
        "answers": len(answers), "band_agreement_pct": round(100 * agree / len(answers), 1),
        "wrong_graded_strong": pairs[("weak", "strong")],
    }}
