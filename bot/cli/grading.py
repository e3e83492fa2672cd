"""``viva equiv``, ``viva check`` and ``viva derive``: the symbolic engine for authors and
tools. Output is JSON, one object per input line, in input order; a bad input gives an
``invalid`` (or ``unparsed``) object with a reason and the batch goes on."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path

from bot.errors import UserFacingError

MAX_BATCH_LINE = 200_000


def register(sub: argparse._SubParsersAction) -> None:
    equiv = sub.add_parser("equiv", help="are two formulas equivalent? (JSON)")
    equiv.add_argument("a", nargs="?")
    equiv.add_argument("b", nargs="?")
    equiv.add_argument("--symbols", help="domains, e.g. 'x: positive, n: integer, p: probability'")
    equiv.add_argument("--batch", type=Path, help='JSONL: {"a": ..., "b": ..., "assumptions": {...}}')
    equiv.set_defaults(func=cmd_equiv)

    check = sub.add_parser("check", help="judge the symbolic part of an answer (JSON)")
    check.add_argument("question", nargs="?", help="question id or seed number")
    check.add_argument("answer", nargs="?")
    check.add_argument("--batch", type=Path, help='JSONL: {"question": ..., "answer": ...}')
    check.set_defaults(func=cmd_check)

    derive = sub.add_parser("derive", help="check a derivation read from stdin, line by line")
    derive.add_argument("question", help="question id or seed number")
    derive.set_defaults(func=cmd_derive)


def _print(obj: dict) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def _lines(path: Path) -> list[tuple[int, str]]:
    if not path.exists():
        raise UserFacingError(f"no such file: {path}")
    out = []
    with path.open(encoding="utf-8", errors="replace") as handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                out.append((number, line))
    return out


async def _batch(items: list[tuple[int, str]],
                 one: Callable[[int, dict], Awaitable[dict]], invalid: str,
                 key: str = "verdict") -> None:
    """Run every line concurrently (through the pool), print in input order."""

    async def run(number: int, line: str) -> dict:
        if len(line) > MAX_BATCH_LINE:
            return {key: invalid, "reason": f"line {number}: longer than "
                    f"{MAX_BATCH_LINE} characters"}
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            return {key: invalid, "reason": f"line {number}: not JSON ({exc.msg})"}
        if not isinstance(record, dict):
            return {key: invalid, "reason": f"line {number}: expected a JSON object"}
        try:
            return await one(number, record)
        except UserFacingError as exc:
            return {key: invalid, "reason": f"line {number}: {exc}"}

    tasks = [asyncio.ensure_future(run(n, line)) for n, line in items]
    for task in tasks:
        _print(await task)


def _symbols(text: str | dict | None) -> dict[str, str] | None:
    from bot.grading.spec import parse_symbols_option

    if text is None:
        return None
    if isinstance(text, dict):
        text = ", ".join(f"{k}: {v}" for k, v in text.items())
    try:
        return parse_symbols_option(text)
    except ValueError as exc:
        raise UserFacingError(f"bad symbols: {exc}") from None


def cmd_equiv(args: argparse.Namespace) -> int:
    from bot.grading import GradingPool, check_equivalent

    if args.batch is None and (args.a is None or args.b is None):
        raise UserFacingError("give two formulas (viva equiv A B) or --batch FILE.jsonl")
    symbols = _symbols(args.symbols)

    async def main() -> None:
        async with GradingPool() as pool:
            async def one(number: int, rec: dict) -> dict:
                if not isinstance(rec.get("a"), str) or not isinstance(rec.get("b"), str):
                    raise UserFacingError('needs "a" and "b" as strings')
                extra = _symbols(rec.get("assumptions")) if rec.get("assumptions") else None
                result = await check_equivalent(rec["a"], rec["b"], pool=pool,
                                                symbols=(symbols or {}) | (extra or {}))
                return dict(result.__dict__)

            if args.batch is not None:
                await _batch(_lines(args.batch), one, "invalid")
            else:
                result = await check_equivalent(args.a, args.b, symbols=symbols, pool=pool)
                _print(dict(result.__dict__))

    asyncio.run(main())
    return 0


def question_command(args: argparse.Namespace, grade, invalid: str, usage: str,
                     key: str = "verdict") -> int:
    """Shared by ``viva check`` and ``viva grade``: one question + answer, or a batch of
    ``{"question": ..., "answer": ...}`` lines; ``grade(question, answer, pool) -> dict``."""
    from bot.bank import load_bank
    from bot.grading import GradingPool

    if args.batch is None and (args.question is None or args.answer is None):
        raise UserFacingError(f"{usage} or --batch FILE.jsonl")
    bank = load_bank()

    async def main() -> None:
        async with GradingPool() as pool:
            async def one(number: int, rec: dict) -> dict:
                if "question" not in rec or not isinstance(rec.get("answer"), str):
                    raise UserFacingError('needs "question" and "answer"')
                question = bank.get(str(rec["question"]))
                return {"question": question.id, **await grade(question, rec["answer"], pool)}

            if args.batch is not None:
                await _batch(_lines(args.batch), one, invalid, key)
            else:
                question = bank.get(args.question)
                _print({"question": question.id, **await grade(question, args.answer, pool)})

    asyncio.run(main())
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from bot.grading import check_answer

    async def grade(question, answer: str, pool) -> dict:
        return (await check_answer(question.symbolic, answer, pool=pool)).to_dict()

    return question_command(args, grade, "unparsed",
                            'give a question and an answer (viva check 1 "ANSWER")')


def cmd_derive(args: argparse.Namespace) -> int:
    from bot.bank import load_bank
    from bot.grading import GradingPool, check_derivation

    question = load_bank().get(args.question)
    lines = sys.stdin.read().splitlines()

    async def main() -> None:
        async with GradingPool() as pool:
            result = await check_derivation(question.symbolic, lines, pool=pool)
            _print({"question": question.id, **result.__dict__})

    asyncio.run(main())
    return 0
