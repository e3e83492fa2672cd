"""``/profile [user]``: points, rank, streak, mastery per section, weakest key points, due
reviews and calibration, with a chart. Shown privately to whoever asked (it lists another
member's weak points; nobody needs that posted in a channel)."""

from __future__ import annotations

import asyncio
import dataclasses
import io

import discord
from discord import app_commands
from discord.ext import commands

from bot.daily.privacy import open_daily_titles
from bot.errors import UserFacingError
from bot.profile.chart import render_chart
from bot.profile.profile import build_profile, profile_sections
from bot.store.models import utcnow
from cogs.interview_embeds import clip, escape

CHART = "profile.png"


class ProfileCog(commands.Cog):
    def __init__(self, bot: commands.Bot):
        self.bot = bot

    @app_commands.command(name="profile", description="Points, mastery, weak points, reviews")
    @app_commands.describe(user="Whose profile (default: yours)")
    async def profile(self, interaction: discord.Interaction,
                      user: discord.User | None = None) -> None:
        target = user or interaction.user
        if target.bot:
            raise UserFacingError("Bots don't answer questions, so they have no profile.")
        await interaction.response.defer(ephemeral=True, thinking=True)
        built = await build_profile(self.bot.app, user_id=target.id,
                                    guild_id=interaction.guild_id, now=utcnow(),
                                    name=target.display_name)
        if target.id != interaction.user.id:  # not today's daily rubric, before its reveal
            hidden = await open_daily_titles(self.bot.app)
            built = dataclasses.replace(built, weakest=[
                w for w in built.weakest if w.question_title not in hidden])
        embed = discord.Embed(title=clip(f"Profile · {escape(built.name)}", 256),
                              colour=0x5865F2)
        for heading, text in profile_sections(built):
            embed.add_field(name=heading, value=clip(text, 1024), inline=False)
        if interaction.guild is not None and not isinstance(target, discord.Member):
            embed.set_footer(text="No longer a member of this server; their history stays.")
        extra: dict = {}
        if not built.empty:
            png = await asyncio.to_thread(render_chart, built)
            extra["file"] = discord.File(io.BytesIO(png), filename=CHART)
            embed.set_image(url=f"attachment://{CHART}")
        await interaction.followup.send(embed=embed, ephemeral=True,
                                        allowed_mentions=discord.AllowedMentions.none(), **extra)


async def setup(bot: commands.Bot) -> None:
    await bot.add_cog(ProfileCog(bot))
