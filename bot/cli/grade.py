"""``viva grade QUESTION "ANSWER"`` and ``viva grade --batch FILE.jsonl``: the full grade
(rubric + symbolic) as JSON, one object per input, in order."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    grade = sub.add_parser("grade", help="grade a free-text answer (JSON)")
    grade.add_argument("question", nargs="?", help="question id or seed number")
    grade.add_argument("answer", nargs="?")
    grade.add_argument("--batch", type=Path, help='JSONL: {"question": ..., "answer": ...}')
    grade.set_defaults(func=cmd_grade)


def cmd_grade(args: argparse.Namespace) -> int:
    from bot.cli.grading import question_command
    from bot.grading.answer import grade_answer

    async def grade(question, answer: str, pool) -> dict:
        return (await grade_answer(question, answer, pool=pool)).to_dict()

    return question_command(args, grade, "invalid",
                            'give a question and an answer (viva grade 8 "ANSWER")', key="band")
