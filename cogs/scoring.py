"""``/leaderboard``, ``/seasons`` and ``/help``; a background loop that archives ended
seasons and keeps reward roles in step with the boards. The rules live in bot/scoring/."""

from __future__ import annotations

import logging

import discord
from discord import app_commands
from discord.ext import commands, tasks

from bot.errors import UserFacingError
from bot.scoring import service
from bot.scoring.periods import aware as _aware
from bot.scoring.rules import HELP
from cogs.interview_embeds import escape
from cogs.question import SECTION_CHOICES
from cogs.scoring_roles import sync_roles
from cogs.scoring_views import DYNAMIC_ITEMS, board_message

log = logging.getLogger(__name__)

PERIOD_CHOICES = [app_commands.Choice(name="this week", value="week"),
                  app_commands.Choice(name="this season", value="season"),
                  app_commands.Choice(name="all time", value="all")]
HELP_TOPICS = {"scoring": ("How scoring works", HELP)}
TOPIC_CHOICES = [app_commands.Choice(name=k, value=k) for k in HELP_TOPICS]
SYNC_MINUTES = 30


class ScoringCog(commands.Cog):
    def __init__(self, bot: commands.Bot):
        self.bot = bot
        self.app = bot.app  # type: ignore[attr-defined]

    async def cog_load(self) -> None:
        if not getattr(self.bot, "no_background_tasks", False):
            self.housekeeping.start()

    async def cog_unload(self) -> None:
        self.housekeeping.cancel()

    @app_commands.command(name="leaderboard", description="This server's leaderboard")
    @app_commands.describe(period="Which board (default: this week)",
                           section="Only this section")
    @app_commands.choices(period=PERIOD_CHOICES, section=SECTION_CHOICES)
    @app_commands.guild_only()
    async def leaderboard(self, interaction: discord.Interaction,
                          period: app_commands.Choice[str] | None = None,
                          section: app_commands.Choice[str] | None = None) -> None:
        message = await board_message(self.app, interaction.guild,
                                      period=period.value if period else "week",
                                      section=section.value if section else None, page=0,
                                      viewer=interaction.user.id)
        await interaction.response.send_message(**message)

    @app_commands.command(name="seasons", description="The current season and past winners")
    @app_commands.guild_only()
    async def seasons(self, interaction: discord.Interaction) -> None:
        info = await service.season_info(self.app, guild_id=interaction.guild.id,
                                         guild_name=interaction.guild.name)
        embed = discord.Embed(
            title=f"Season #{info.current.number}", colour=0xF1C40F,
            description=f"Seasons last {info.length}. This one ends "
                        f"{discord.utils.format_dt(_aware(info.current.ends_at), 'R')} "
                        "(midnight, server time).")
        for season, winners in info.past:
            podium = "\n".join(f"{('🥇', '🥈', '🥉')[w.rank - 1]} {escape(info.names[w.user_id])} · "
                               f"{w.points} pts" for w in winners) or "No points scored."
            embed.add_field(name=f"Season #{season.number} · from "
                                 f"{_aware(season.starts_at):%Y-%m-%d}", value=podium[:1024])
        if not info.past:
            embed.set_footer(text="No season has ended yet.")
        await interaction.response.send_message(embed=embed)

    @app_commands.command(name="help", description="How Viva works: a topic")
    @app_commands.describe(topic="What to explain")
    @app_commands.choices(topic=TOPIC_CHOICES)
    async def help(self, interaction: discord.Interaction,
                   topic: app_commands.Choice[str]) -> None:
        title, text = HELP_TOPICS.get(topic.value, (None, None))
        if title is None:
            raise UserFacingError("I have no help on that topic.")
        await interaction.response.send_message(
            embed=discord.Embed(title=title, description=text, colour=0x5865F2), ephemeral=True)

    @tasks.loop(minutes=SYNC_MINUTES)
    async def housekeeping(self) -> None:
        """Archive seasons that ended (at their server's midnight) and refresh reward roles."""
        try:
            closed = await service.roll_over(self.app)
            for season in closed:
                log.info("season #%s of guild %s archived", season.number, season.guild_id)
            for guild_id in await service.reward_guilds(self.app):
                guild = self.bot.get_guild(guild_id)
                if guild is None:
                    continue
                report = await sync_roles(self.app, guild)
                for problem in report.problems:
                    log.warning("role rewards in guild %s: %s", guild_id, problem)
        except Exception:
            log.exception("scoring housekeeping failed; it runs again in %d min", SYNC_MINUTES)

    @housekeeping.before_loop
    async def _ready(self) -> None:
        await self.bot.wait_until_ready()


async def setup(bot: commands.Bot) -> None:
    await bot.add_cog(ScoringCog(bot))
    bot.add_dynamic_items(*DYNAMIC_ITEMS)
