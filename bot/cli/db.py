"""``viva db upgrade``: bring the database to the newest schema (also done on every start)."""

from __future__ import annotations

import argparse
import asyncio

from bot.settings import get_settings
from bot.store import describe_url, make_engine
from bot.store.migrate import upgrade


def register(sub: argparse._SubParsersAction) -> None:
    db = sub.add_parser("db", help="database maintenance")
    db_sub = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    up = db_sub.add_parser("upgrade", help="apply migrations up to head")
    up.add_argument("--revision", default="head")
    up.set_defaults(func=cmd_upgrade)


def cmd_upgrade(args: argparse.Namespace) -> int:
    settings = get_settings()

    async def main() -> None:
        engine = make_engine(settings.database_url)
        try:
            await upgrade(engine, args.revision)
        finally:
            await engine.dispose()

    asyncio.run(main())
    print(f"database {describe_url(settings.database_url)} is at {args.revision}")
    return 0
