"""``viva start`` (the default), ``viva run`` (the Discord bot) and ``viva console``."""

from __future__ import annotations

import argparse
import asyncio
import signal
import sys

from bot.app import open_app
from bot.settings import Settings, get_settings, load_settings, parse_shard_range

NO_TOKEN = """\
viva: DISCORD_TOKEN is not set, so the Discord bot cannot start.
  To run the bot: create an application at https://discord.com/developers/applications,
  copy its bot token, and run `DISCORD_TOKEN=... viva run` (or put DISCORD_TOKEN=... in .env).
  To try Viva without Discord: `viva console` (or `make run` with no token)."""


def register(sub: argparse._SubParsersAction) -> None:
    start = sub.add_parser("start", help="the bot if DISCORD_TOKEN is set, else the console")
    start.set_defaults(func=cmd_start)

    run = sub.add_parser("run", help="run the Discord bot (needs DISCORD_TOKEN)")
    run.add_argument("--shards", help="shard ids this process runs, e.g. 0-3 or 0,2")
    run.add_argument("--shard-count", type=int, help="total number of shards")
    run.add_argument("--sync", action="store_true",
                     help="sync slash commands globally once at start (after adding commands)")
    run.set_defaults(func=cmd_run)

    console = sub.add_parser("console", help="the offline console (no Discord needed)")
    console.add_argument("--daily", action="store_true",
                         help="start by simulating a day of the daily question (/daily)")
    console.set_defaults(func=cmd_console)


def cmd_start(args: argparse.Namespace) -> int:
    settings = get_settings()
    if settings.discord_token:
        return _run_bot(settings, sync=False)
    print("No DISCORD_TOKEN set: starting the offline console (see README to run the bot).",
          file=sys.stderr)
    return cmd_console(args)


def cmd_console(args: argparse.Namespace) -> int:
    from bot.console import run_console

    settings = get_settings()
    settings.configure_logging() if settings.log_level == "DEBUG" else None

    async def main() -> int:
        from bot.grading import GradingPool

        async with open_app(settings) as app, GradingPool() as pool:
            app.pool = pool
            if getattr(args, "daily", False):
                from bot.console.daily import with_first_line

                return await run_console(app, stdin=with_first_line("/daily", sys.stdin))
            return await run_console(app)

    return asyncio.run(main())


def cmd_run(args: argparse.Namespace) -> int:
    overrides: dict = {}
    if args.shards:
        try:
            overrides["shard_ids"] = parse_shard_range(args.shards)
        except ValueError:
            print(f"viva: --shards must look like 0-3 or 0,2 (got {args.shards!r})",
                  file=sys.stderr)
            return 2
    if args.shard_count:
        overrides["shard_count"] = args.shard_count
    settings = load_settings(**overrides) if overrides else get_settings()
    if not settings.discord_token:
        print(NO_TOKEN, file=sys.stderr)
        return 2
    return _run_bot(settings, sync=args.sync)


def _run_bot(settings: Settings, *, sync: bool) -> int:
    settings.configure_logging()
    return asyncio.run(_bot_main(settings, sync=sync))


async def _bot_main(settings: Settings, *, sync: bool) -> int:
    import discord

    from bot.grading import GradingPool
    from cogs.client import VivaBot

    async with open_app(settings) as app, GradingPool() as pool:
        app.pool = pool
        bot = VivaBot(app, sync_globally=sync)
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, lambda: asyncio.ensure_future(bot.close()))
        try:
            async with bot:
                await bot.start(settings.discord_token or "")
        except discord.LoginFailure:
            print("viva: Discord rejected DISCORD_TOKEN (login failed); check the token.",
                  file=sys.stderr)
            return 1
        except discord.PrivilegedIntentsRequired:
            print("viva: enable the privileged intents listed in the README for this bot.",
                  file=sys.stderr)
            return 1
    return 0
