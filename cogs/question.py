"""``/question``: post a question, at random, from a section, or by id / seed number."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.ask import card_for, choose_question
from bot.bank import SECTIONS, section_key
from bot.bank.scoped import eligible_questions
from bot.bank.server import display_id
from cogs.embeds import question_embed
from cogs.math_files import with_math
from cogs.question_views import DYNAMIC_ITEMS, QuestionAnswerButton

SECTION_CHOICES = [app_commands.Choice(name=title, value=key) for key, title in SECTIONS.items()]


class QuestionCog(commands.Cog):
    def __init__(self, bot: commands.Bot):
        self.bot = bot

    @app_commands.command(name="question", description="Get a research interview question")
    @app_commands.describe(
        section="Pick from one section", id="A question id or seed number (1-50)"
    )
    @app_commands.choices(section=SECTION_CHOICES)
    async def question(
        self,
        interaction: discord.Interaction,
        section: app_commands.Choice[str] | None = None,
        id: app_commands.Range[str, 1, 120] | None = None,  # noqa: A002 (Discord option name)
    ) -> None:
        key = section_key(section.value) if section else None
        chosen = await choose_question(self.bot.app, interaction.guild_id, ref=id, section=key)
        view = discord.ui.View(timeout=None)
        view.add_item(QuestionAnswerButton(chosen.id))
        embed = question_embed(card_for(chosen))
        await interaction.response.defer(thinking=False)
        file = await with_math(embed, chosen.prompt)
        extra = {"file": file} if file else {}
        await interaction.followup.send(embed=embed, view=view, **extra)

    @question.autocomplete("id")
    async def _id_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        needle = current.lower().strip()
        matches = [
            q for q in await eligible_questions(self.bot.app, interaction.guild_id)
            if needle in q.id or needle in q.title.lower() or needle == str(q.seed_number)
        ]
        return [app_commands.Choice(name=f"{q.title[:80]} ({display_id(q.id)})"[:100],
                                    value=q.id) for q in matches[:25]]


async def setup(bot: commands.Bot) -> None:
    if getattr(bot, "drills", None) is None:
        from bot.wiring import default_drills

        bot.drills = default_drills(bot.app)  # type: ignore[attr-defined]
    bot.add_dynamic_items(*DYNAMIC_ITEMS)
    await bot.add_cog(QuestionCog(bot))
