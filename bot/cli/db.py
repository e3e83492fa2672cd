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
    move = db_sub.add_parser("migrate-sqlite-to-postgres",
                             help="copy every row from SQLite into an empty PostgreSQL, verified")
    move.add_argument("--from", dest="source", help="SQLite URL (default: DATABASE_URL)")
    move.add_argument("--to", dest="target", required=True,
                      help="PostgreSQL URL, e.g. postgresql+asyncpg://viva@db:5432/viva")
    move.set_defaults(func=cmd_move)


def cmd_move(args: argparse.Namespace) -> int:
    from bot.store.transfer import copy_database

    source = args.source or get_settings().database_url
    report = asyncio.run(copy_database(source, args.target))
    for table in report.tables:
        print(f"{table.name:<24} {table.rows:>9} rows  checksum {table.checksum}  ok")
    print(f"copied {report.rows} rows from {describe_url(source)} to "
          f"{describe_url(args.target)}; counts and checksums match")
    print("next: set DATABASE_URL to the PostgreSQL URL and restart Viva")
    return 0


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
