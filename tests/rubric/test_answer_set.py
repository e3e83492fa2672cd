"""Band agreement on answers written by hand (strong, partial, wrong). The hard rule: no
wrong answer is ever graded 'strong'."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.bank import load_bank
from bot.grading import GradingPool
from bot.grading.answer import grade_answer

ANSWERS = [json.loads(line) for path in sorted((Path(__file__).parent / "answers").glob("*.jsonl"))
           for line in path.read_text().splitlines() if line.strip()]
BANK = load_bank()


@pytest.fixture(scope="module")
def graded():
    import asyncio

    async def run():
        async with GradingPool(workers=2, timeout=5) as pool:  # both workers busy at once
            return await asyncio.gather(*(grade_answer(BANK.get(str(a["question"])),
                                                       a["answer"], pool=pool)
                                          for a in ANSWERS))

    return asyncio.run(run())


def test_no_wrong_answer_is_strong(graded):
    for answer, result in zip(ANSWERS, graded, strict=True):
        if answer["band"] == "weak":
            assert result.band != "strong", (answer["answer"][:60], result.score)


def test_band_agreement(graded):
    agree = sum(a["band"] == r.band for a, r in zip(ANSWERS, graded, strict=True))
    assert agree / len(ANSWERS) >= 0.80, [(a["band"], r.band, r.score) for a, r in
                                          zip(ANSWERS, graded, strict=True)]


def test_confident_misconception_is_named_with_its_correction(graded):
    l2 = next(r for a, r in zip(ANSWERS, graded, strict=True)
              if a["answer"].startswith("L2 regularization gives sparse solutions"))
    assert [m["id"] for m in l2.misconceptions] == ["l2-sparse"]
    assert l2.feedback[0].startswith("Careful: Ridge shrinks all coefficients")


async def test_empty_and_over_long_answers_are_invalid():
    question = BANK.get("8")
    assert (await grade_answer(question, "   ")).band == "invalid"
    long = await grade_answer(question, "x" * 5001)
    assert long.band == "invalid" and "limit is 5,000" in long.reason
