"""The ``viva`` command line. Each command group lives in its own module with
``register(subparsers)``; a handler takes the parsed args and returns an exit code.
"""

from __future__ import annotations

import argparse
import sys

from bot.cli import bank, db, grade, grading, run
from bot.errors import ConfigError, UserFacingError

GROUPS = (run, db, bank, grading, grade)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="viva",
        description="Viva: mock ML research interviews. With no command: the bot when "
        "DISCORD_TOKEN is set, otherwise the offline console.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for group in GROUPS:
        group.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        args = parser.parse_args(["start"])
    try:
        return int(args.func(args) or 0)
    except (ConfigError, UserFacingError) as exc:
        print(f"viva: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
