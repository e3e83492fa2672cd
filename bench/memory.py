"""Memory: the bot process with 1,000 servers and 100,000 members in discord.py's cache.

A child process opens the core (SQLite, the full bank), builds the real ``VivaBot`` and
loads its extensions, then feeds GUILD_CREATE payloads to discord.py's ``ConnectionState``
(``parse_guild_create``, the gateway's own path): per server 12 channels, 5 roles and 100
members, every member a distinct user (the worst case; real communities share users).
Viva asks for no members intent, so discord.py would normally cache almost no members; the
benchmark turns the member cache fully on to measure the stated worst case. RSS is read
from /proc after a full garbage collection. The grading workers are separate processes
and are not counted (``GRADING_WORKERS`` × their own figure, see the notes).
``--quick``: 100 servers, 10,000 members.
"""

from __future__ import annotations

import asyncio
import gc
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_MB = 300


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def guild_payload(g: int, members: int) -> dict:
    gid = 10_000_000 + g * 10_000
    roles = [{"id": str(gid), "name": "@everyone", "permissions": "104324673", "position": 0,
              "color": 0, "hoist": False, "managed": False, "mentionable": False}]
    roles += [{"id": str(gid + r), "name": f"role {r}", "permissions": "0", "position": r,
               "color": 0, "hoist": False, "managed": False, "mentionable": False}
              for r in range(1, 5)]
    category = gid + 100
    channels = [{"id": str(category), "type": 4, "name": "Text", "position": 0,
                 "permission_overwrites": [], "guild_id": str(gid)}]
    channels += [{"id": str(gid + 101 + c), "type": 0 if c < 10 else 2, "name": f"chan-{c}",
                  "position": c, "permission_overwrites": [], "parent_id": str(category),
                  "topic": None, "nsfw": False, "guild_id": str(gid), "bitrate": 64000,
                  "user_limit": 0} for c in range(11)]
    base = g * members
    people = [{"user": {"id": str(900_000_000 + base + m), "username": f"user{base + m}",
                        "discriminator": "0", "global_name": f"User {base + m}", "avatar": None},
               "roles": [str(gid + 1 + m % 4)] if m % 3 == 0 else [],
               "joined_at": "2026-01-01T00:00:00+00:00", "deaf": False, "mute": False,
               "flags": 0, "nick": None} for m in range(members)]
    return {"id": str(gid), "name": f"Study group {g}", "member_count": members,
            "roles": roles, "channels": channels, "members": people, "emojis": [],
            "stickers": [], "features": [], "threads": [], "large": members > 250,
            "owner_id": people[0]["user"]["id"], "preferred_locale": "en-US",
            "unavailable": False}


async def child(guilds: int, per_guild: int) -> dict:
    import discord

    from bot.app import open_app
    from bot.settings import load_settings
    from cogs.client import VivaBot

    with tempfile.TemporaryDirectory() as tmp:
        settings = load_settings(database_url=f"sqlite+aiosqlite:///{tmp}/viva.db",
                                 _env_file=None, discord_token=None)
        async with open_app(settings) as app:
            bot = VivaBot(app, shard_count=1)
            await bot._async_setup_hook()  # what login() does before setup_hook
            await bot.setup_hook()
            state = bot._connection
            state.member_cache_flags = discord.MemberCacheFlags.all()  # the worst case
            gc.collect()
            ready = rss_mb()
            started = time.perf_counter()
            for g in range(guilds):
                state.parse_guild_create(guild_payload(g, per_guild))
            fed = time.perf_counter() - started
            await asyncio.sleep(0)
            gc.collect()
            full = rss_mb()
            cached = sum(len(guild.members) for guild in bot.guilds)
            out = {"guilds": len(bot.guilds), "members": cached, "users": len(state._users),
                   "ready_mb": round(ready, 1), "full_mb": round(full, 1),
                   "feed_seconds": round(fed, 2)}
            await bot.close()
            return out


def measure(guilds: int, per_guild: int) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("DISCORD_TOKEN", None)
    done = subprocess.run([sys.executable, "-m", "bench.memory", str(guilds), str(per_guild)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
    if done.returncode != 0:
        raise RuntimeError(f"memory child failed: {done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def run(quick: bool) -> dict:
    guilds = 100 if quick else 1000
    result = measure(guilds, 100)
    row = {"servers": result["guilds"], "members_cached": result["members"],
           "users_cached": result["users"], "rss_ready_mb": result["ready_mb"],
           "rss_full_mb": result["full_mb"],
           "cache_mb": round(result["full_mb"] - result["ready_mb"], 1),
           "feed_s": result["feed_seconds"]}
    return {"rows": [row], "figures": {
        "rss_mb": result["full_mb"], "rss_ready_mb": result["ready_mb"],
        "per_member_kb": round(1024 * (result["full_mb"] - result["ready_mb"])
                               / max(1, result["members"]), 2),
        "target_mb": TARGET_MB, "within_target": result["full_mb"] <= TARGET_MB,
    }}


if __name__ == "__main__":
    print(json.dumps(asyncio.run(child(int(sys.argv[1]), int(sys.argv[2])))))
