"""``/daily setup|status|pause|resume|now|skip``: a server's daily question (Manage Server).

The scheduler (``bot.daily.scheduler``) starts once the bot is ready, rebuilds its jobs
from the rows and catches up; the cog only parses, calls the core and renders.
"""

from __future__ import annotations

import asyncio
import logging

import discord
from discord import app_commands
from discord.ext import commands

from bot.daily import schedules
from bot.daily.answers import CountThrottle, DailyAnswers
from bot.daily.clock import SystemClock
from bot.daily.context import DailyContext
from bot.daily.ports import ADVICE
from bot.daily.scheduler import DailyScheduler
from bot.daily.timing import zone_suggestions
from bot.errors import UserFacingError
from cogs.daily_embeds import status_embed
from cogs.daily_poster import DiscordPoster
from cogs.daily_views import DYNAMIC_ITEMS
from cogs.tree import manages_guild

log = logging.getLogger(__name__)
NEEDED = ("view_channel", "send_messages", "embed_links", "attach_files",
          "create_public_threads")


@app_commands.guild_only()
@app_commands.default_permissions(manage_guild=True)
class DailyCog(commands.GroupCog, group_name="daily",
               group_description="The server's daily question"):
    def __init__(self, bot: commands.Bot, daily: DailyScheduler):
        self.bot = bot
        self.daily = daily
        self._starting: asyncio.Task | None = None
        super().__init__()

    @property
    def ctx(self) -> DailyContext:
        return self.daily.ctx

    async def cog_load(self) -> None:
        self._starting = asyncio.create_task(self._start())

    async def _start(self) -> None:
        await self.bot.wait_until_ready()
        options = getattr(self.bot, "daily_start", None) or {}
        try:
            tally = await self.daily.start(**options)
        except Exception:  # the bot keeps serving; the next start rebuilds from rows
            log.exception("the daily scheduler could not start")
            return
        log.info("daily scheduler started (%d jobs); catch-up: %s",
                 len(self.daily.job_ids()), tally or "nothing owed")

    async def cog_unload(self) -> None:
        if self._starting is not None and not self._starting.done():
            self._starting.cancel()
        await self.daily.shutdown()

    @app_commands.command(name="setup", description="Post a daily question in a channel")
    @app_commands.describe(
        channel="Where to post", time="Local time, 24-hour HH:MM (e.g. 09:00)",
        timezone="IANA time zone, e.g. Europe/Paris (start typing)",
        sections="Only these sections, e.g. math,probability (default: all, rotating)",
        weekdays="e.g. mon-fri, mon,wed,fri, weekends (default: every day)",
        answer_window="How long answers stay open, e.g. 2h or 90 (default: until 1 h "
                      "before the next post)")
    @app_commands.check(manages_guild)
    async def setup_(self, interaction: discord.Interaction, channel: discord.TextChannel,
                     time: app_commands.Range[str, 1, 10],
                     timezone: app_commands.Range[str, 1, 64],
                     sections: app_commands.Range[str, 1, 200] | None = None,
                     weekdays: app_commands.Range[str, 1, 60] | None = None,
                     answer_window: app_commands.Range[str, 1, 20] | None = None) -> None:
        me = interaction.guild.me
        perms = channel.permissions_for(me) if me is not None else None
        missing = [p for p in NEEDED if perms is not None and not getattr(perms, p)]
        if missing:
            names = ", ".join(p.replace("_", " ").title() for p in missing)
            raise UserFacingError(f"I can't post in {channel.mention}: I need {names} there. "
                                  "Grant them, or pick another channel.")
        status = await schedules.setup(
            self.ctx, guild_id=interaction.guild.id, guild_name=interaction.guild.name,
            channel_id=channel.id, time=time, timezone=timezone, sections=sections,
            weekdays=weekdays, answer_window=answer_window)
        await self.daily.refresh(interaction.guild.id)
        await interaction.response.send_message(
            "The daily question is set up.", embed=status_embed(status), ephemeral=True)

    @setup_.autocomplete("timezone")
    async def _zones(self, interaction: discord.Interaction, current: str
                     ) -> list[app_commands.Choice[str]]:
        return [app_commands.Choice(name=z, value=z) for z in zone_suggestions(current)]

    @app_commands.command(name="status", description="When the next daily question comes")
    @app_commands.check(manages_guild)
    async def status(self, interaction: discord.Interaction) -> None:
        status = await schedules.status(self.ctx, interaction.guild.id)
        await interaction.response.send_message(embed=status_embed(status), ephemeral=True)

    @app_commands.command(name="pause", description="Stop posting until /daily resume")
    @app_commands.check(manages_guild)
    async def pause(self, interaction: discord.Interaction) -> None:
        status = await schedules.set_paused(self.ctx, interaction.guild.id, True)
        await self.daily.refresh(interaction.guild.id)
        await interaction.response.send_message(
            "Paused. Open questions still get their reveal; /daily resume to restart.",
            embed=status_embed(status), ephemeral=True)

    @app_commands.command(name="resume", description="Start posting again")
    @app_commands.check(manages_guild)
    async def resume(self, interaction: discord.Interaction) -> None:
        status = await schedules.set_paused(self.ctx, interaction.guild.id, False)
        await self.daily.refresh(interaction.guild.id)
        await interaction.response.send_message("Resumed.", embed=status_embed(status),
                                                ephemeral=True)

    @app_commands.command(name="now", description="Post today's question now")
    @app_commands.check(manages_guild)
    async def now(self, interaction: discord.Interaction) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        outcome = await schedules.post_now(self.ctx, interaction.guild.id)
        status = await schedules.status(self.ctx, interaction.guild.id)
        if outcome == "posted":
            text = f"Today's question is posted in <#{status.channel_id}>."
        else:
            advice = ADVICE.get(status.notice_kind or "", ADVICE["unknown"])
            text = f"I could not post it: {advice}"
        await interaction.followup.send(text, ephemeral=True)

    @app_commands.command(name="skip", description="Skip the next scheduled question")
    @app_commands.check(manages_guild)
    async def skip(self, interaction: discord.Interaction) -> None:
        day, at = await schedules.skip_next(self.ctx, interaction.guild.id)
        await interaction.response.send_message(
            f"Skipped the question of {day:%A %d %B} "
            f"({discord.utils.format_dt(at, 'F')}).", ephemeral=True)


async def setup(bot: commands.Bot) -> None:
    from bot.wiring import default_grader, default_recorder, grading_limiter

    app = bot.app  # type: ignore[attr-defined]
    clock = getattr(bot, "daily_clock", None) or SystemClock()
    if getattr(bot, "daily_answers", None) is None:
        bot.daily_answers = DailyAnswers(  # type: ignore[attr-defined]
            app, default_grader(app), recorder=default_recorder(), clock=clock,
            limiter=grading_limiter(app))
    bot.daily_throttle = CountThrottle(clock)  # type: ignore[attr-defined]
    poster = getattr(bot, "daily_poster", None) or DiscordPoster(bot)
    daily = DailyScheduler(DailyContext(app, poster, clock=clock))
    bot.daily = daily  # type: ignore[attr-defined]
    bot.add_dynamic_items(*DYNAMIC_ITEMS)
    await bot.add_cog(DailyCog(bot, daily))
