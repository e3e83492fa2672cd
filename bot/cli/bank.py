"""``viva bank validate [PATH]`` and ``viva bank list [--json] [--section S]``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from bot.bank import BANK_DIR, SECTIONS, load_paths, section_key


def register(sub: argparse._SubParsersAction) -> None:
    bank = sub.add_parser("bank", help="the question bank")
    bank_sub = bank.add_subparsers(dest="bank_command", metavar="ACTION", required=True)

    validate = bank_sub.add_parser("validate", help="check question files; exit 1 on problems")
    validate.add_argument("paths", nargs="*", type=Path, help=f"files or folders (default: {BANK_DIR.name}/)")
    validate.set_defaults(func=cmd_validate)

    new = bank_sub.add_parser("new", help="write a new question file to fill in")
    new.add_argument("id", help="section.kebab-name, e.g. math.jensen-inequality")
    new.add_argument("--title")
    new.add_argument("--out", type=Path, help="file to write (default: ID.yaml here)")
    new.set_defaults(func=cmd_new)

    listing = bank_sub.add_parser("list", help="list the questions")
    listing.add_argument("paths", nargs="*", type=Path, help="files or folders (default: the bank)")
    listing.add_argument("--json", action="store_true", help="every question in full, one JSON array")
    listing.add_argument("--section", help="only this section")
    listing.set_defaults(func=cmd_list)

    imp = bank_sub.add_parser("import", help="add or update a server's own questions from a "
                              "YAML/JSON file (as /bank import); exit 1 on problems")
    imp.add_argument("guild_id", type=int, help="the Discord server id (the console's is 1)")
    imp.add_argument("file", type=Path)
    imp.set_defaults(func=cmd_import)

    exp = bank_sub.add_parser("export", help="a server's own questions as YAML (as /bank export)")
    exp.add_argument("guild_id", type=int)
    exp.add_argument("--out", type=Path, help="file to write (default: standard output)")
    exp.set_defaults(func=cmd_export)


def cmd_validate(args: argparse.Namespace) -> int:
    from bot.bank.loader import Problem, question_lines
    from bot.bank.selfcheck import self_check

    result = load_paths(args.paths or [BANK_DIR])
    for path, lines in question_lines(result.files).items():
        for question in result.questions:
            if question.id in lines:
                result.problems += [Problem(path, lines[question.id], f"{question.id}: {p}")
                                    for p in self_check(question)]
    for problem in result.problems:
        print(problem)
    files = len(result.files)
    if result.problems:
        print(f"{len(result.problems)} problem(s) in {files} file(s); "
              f"{len(result.questions)} valid question(s)", file=sys.stderr)
        return 1
    print(f"{len(result.questions)} valid questions in {files} file(s)")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    result = load_paths(args.paths or [BANK_DIR])
    if result.problems:
        for problem in result.problems:
            print(problem, file=sys.stderr)
        print("the bank has problems; run `viva bank validate`", file=sys.stderr)
        return 1
    questions = result.questions
    if args.section:
        key = section_key(args.section)
        questions = [q for q in questions if q.section == key]
    if args.json:
        print(json.dumps([q.model_dump(mode="json") for q in questions], ensure_ascii=False, indent=1))
        return 0
    order = list(SECTIONS)
    for q in sorted(questions, key=lambda q: (order.index(q.section), q.seed_number or 999, q.id)):
        seed = f"{q.seed_number:>2}" if q.seed_number else " -"
        print(f"{seed}  {q.id:<42} {q.title}")
    print(f"{len(questions)} question(s)", file=sys.stderr)
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    from bot.bank.scaffold import scaffold
    from bot.errors import UserFacingError

    out = args.out or Path(f"{args.id}.yaml")
    if out.exists():
        raise UserFacingError(f"{out} already exists; choose another --out")
    text = scaffold(args.id, path=str(out), title=args.title)
    out.write_text(text, encoding="utf-8")
    print(f"wrote {out}: fill in the TODOs, run `viva bank validate {out}`, then move it "
          "into questions/ (or the folder BANK_PATH names)")
    return 0


def _with_app(job):
    """Run ``job(app)`` on the configured database (upgraded and synced, as on start)."""
    import asyncio

    from bot.app import open_app
    from bot.settings import get_settings

    async def main():
        async with open_app(get_settings()) as app:
            return await job(app)

    return asyncio.run(main())


def cmd_import(args: argparse.Namespace) -> int:
    from bot.bank.server import import_questions
    from bot.errors import UserFacingError

    try:
        data = args.file.read_bytes()
    except OSError as exc:
        raise UserFacingError(f"cannot read {args.file}: {exc.strerror or exc}") from None
    report = _with_app(lambda app: import_questions(
        app, guild_id=args.guild_id, data=data, filename=str(args.file)))
    for problem in report.problems:
        print(problem)
    print(report.summary(), file=sys.stderr if report.problems else sys.stdout)
    return 1 if report.problems else 0


def cmd_export(args: argparse.Namespace) -> int:
    from bot.bank.server import export_questions

    text = _with_app(lambda app: export_questions(app, args.guild_id))
    if args.out is None:
        sys.stdout.write(text)
    else:
        args.out.write_text(text, encoding="utf-8")
        print(f"wrote {args.out}", file=sys.stderr)
    return 0
