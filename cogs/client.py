"""The Discord client: wires the core ``App`` to discord.py. Start-up lives in ``bot.cli``."""

from __future__ import annotations

import logging

import discord
from discord.ext import commands

from bot.app import App
from cogs import EXTENSIONS
from cogs.tree import VivaTree

log = logging.getLogger(__name__)


def intents(*, message_content: bool = False) -> discord.Intents:
    """Default intents (guilds, guild messages); the privileged message-content intent only
    when enabled, to accept answers typed in interview threads."""
    chosen = discord.Intents.default()
    chosen.message_content = message_content
    return chosen


class VivaBot(commands.AutoShardedBot):
    def __init__(self, app: App, *, sync_globally: bool = False, interviews=None,
                 drills=None, **kw):
        settings = app.settings
        if settings.shard_ids is not None:
            kw.setdefault("shard_ids", settings.shard_ids)
        if settings.shard_count is not None:
            kw.setdefault("shard_count", settings.shard_count)
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=intents(message_content=settings.message_content_intent),
            tree_cls=VivaTree,
            allowed_mentions=discord.AllowedMentions.none(),
            help_command=None,
            **kw,
        )
        self.app = app
        self.sync_globally = sync_globally
        self.interviews = interviews  # the InterviewService (built by cogs.interview if None)
        self.drills = drills  # the DrillService (built by cogs.question if None)

    async def setup_hook(self) -> None:
        for ext in EXTENSIONS:
            try:
                await self.load_extension(ext)
            except Exception:
                log.exception("failed to load extension %s", ext)
                raise
        dev_guild = self.app.settings.dev_guild_id
        if dev_guild:
            guild = discord.Object(id=dev_guild)
            self.tree.copy_global_to(guild=guild)
            await self.tree.sync(guild=guild)
            log.info("commands synced to development guild %s", dev_guild)
        if self.sync_globally:
            synced = await self.tree.sync()
            log.info("%d commands synced globally", len(synced))

    async def on_ready(self) -> None:
        log.info("ready as %s in %d servers", self.user, len(self.guilds))
