"""``viva grade QUESTION "ANSWER"`` and ``viva grade --batch FILE.jsonl``: the full grade
(rubric + symbolic) as JSON, one object per input, in order."""

from __future__ import annotations

import argparse
import asyncio
from pathlib import Path

from bot.errors import UserFacingError


def register(sub: argparse._SubParsersAction) -> None:
    grade = sub.add_parser("grade", help="grade a free-text answer (JSON)")
    grade.add_argument("question", nargs="?", help="question id or seed number")
    grade.add_argument("answer", nargs="?")
    grade.add_argument("--batch", type=Path, help='JSONL: {"question": ..., "answer": ...}')
    grade.set_defaults(func=cmd_grade)


def cmd_grade(args: argparse.Namespace) -> int:
    from bot.bank import load_bank
    from bot.cli.grading import _batch, _lines, _print
    from bot.grading import GradingPool
    from bot.grading.answer import grade_answer

    if args.batch is None and (args.question is None or args.answer is None):
        raise UserFacingError('give a question and an answer (viva grade 8 "ANSWER") or '
                              "--batch FILE.jsonl")
    bank = load_bank()

    async def main() -> None:
        async with GradingPool() as pool:
            async def one(number: int, rec: dict) -> dict:
                if "question" not in rec or not isinstance(rec.get("answer"), str):
                    raise UserFacingError('needs "question" and "answer"')
                question = bank.get(str(rec["question"]))
                result = await grade_answer(question, rec["answer"], pool=pool)
                return {"question": question.id, **result.to_dict()}

            if args.batch is not None:
                await _batch(_lines(args.batch), one, "invalid")
            else:
                question = bank.get(args.question)
                result = await grade_answer(question, args.answer, pool=pool)
                _print({"question": question.id, **result.to_dict()})

    asyncio.run(main())
    return 0
