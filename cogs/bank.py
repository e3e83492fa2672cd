"""``/bank import|export|list|remove``: a server's own questions (Manage Server only).

The core (bot/bank/server.py) validates and stores; this cog reads the attachment and
renders the result. Every reply is private: an export holds the reference answers.
"""

from __future__ import annotations

import io

import discord
from discord import app_commands
from discord.ext import commands

from bot.bank.imports import MAX_IMPORT_BYTES
from bot.bank.server import (
    MAX_SERVER_QUESTIONS,
    ImportReport,
    display_id,
    export_questions,
    import_questions,
    remove_question,
    server_questions,
)
from bot.errors import UserFacingError
from cogs.tree import manages_guild

SHOWN_PROBLEMS = 15
SHOWN_QUESTIONS = 40


def report_message(report: ImportReport) -> dict:
    """The reply to an import: the summary, the problems (all of them in a file when
    they do not fit), or what was added and updated."""
    lines = [report.summary()]
    files: list[discord.File] = []
    if report.problems:
        shown = [f"`{p}`"[:300] for p in report.problems[:SHOWN_PROBLEMS]]
        lines += shown
        if len(report.problems) > SHOWN_PROBLEMS:
            lines.append(f"…and {len(report.problems) - SHOWN_PROBLEMS} more: every problem "
                         "is in the attached file.")
            text = "\n".join(map(str, report.problems)) + "\n"
            files.append(discord.File(io.BytesIO(text.encode()), filename="problems.txt"))
        lines.append("Fix the file and import it again; nothing was changed.")
    else:
        for label, ids in (("Added", report.added), ("Updated", report.updated)):
            if ids:
                lines.append(f"{label}: " + ", ".join(f"`{i}`" for i in ids[:30])
                             + (" …" if len(ids) > 30 else ""))
    return {"content": "\n".join(lines)[:2000], "files": files}


@app_commands.guild_only()
@app_commands.default_permissions(manage_guild=True)
class BankCog(commands.GroupCog, group_name="bank",
              group_description="This server's own questions (Manage Server)"):
    def __init__(self, bot: commands.Bot):
        self.bot = bot

    @app_commands.command(name="import", description="Add or update questions from a YAML or "
                          "JSON file (same format as the shipped bank)")
    @app_commands.describe(file="A .yaml, .yml or .json question file")
    @app_commands.check(manages_guild)
    async def import_(self, interaction: discord.Interaction,
                      file: discord.Attachment) -> None:
        if file.size > MAX_IMPORT_BYTES:
            raise UserFacingError(f"That file is {file.size // 1024} KB; the limit is "
                                  f"{MAX_IMPORT_BYTES // 1024} KB.")
        await interaction.response.defer(ephemeral=True, thinking=True)
        try:
            data = await file.read()
        except discord.HTTPException:
            raise UserFacingError("I could not download that attachment; try again.") from None
        report = await import_questions(self.bot.app, guild_id=interaction.guild.id,
                                        data=data, filename=file.filename,
                                        guild_name=interaction.guild.name)
        await interaction.followup.send(ephemeral=True, **report_message(report))

    @app_commands.command(name="export", description="This server's questions as a YAML file "
                          "you can edit and import again")
    @app_commands.check(manages_guild)
    async def export(self, interaction: discord.Interaction) -> None:
        text = await export_questions(self.bot.app, interaction.guild.id)
        file = discord.File(io.BytesIO(text.encode()),
                            filename=f"viva-questions-{interaction.guild.id}.yaml")
        await interaction.response.send_message(
            "This server's questions, with their reference answers (keep it private).",
            file=file, ephemeral=True)

    @app_commands.command(name="list", description="The questions this server added")
    @app_commands.check(manages_guild)
    async def list_(self, interaction: discord.Interaction) -> None:
        questions = await server_questions(self.bot.app, interaction.guild.id)
        if not questions:
            raise UserFacingError("This server has no questions of its own yet; add some with "
                                  "/bank import (a YAML or JSON file; see `viva bank new`).")
        lines = [f"`{display_id(q.id)}` · {q.title}"[:150] for q in questions[:SHOWN_QUESTIONS]]
        if len(questions) > SHOWN_QUESTIONS:
            lines.append(f"…and {len(questions) - SHOWN_QUESTIONS} more (/bank export has all).")
        embed = discord.Embed(title=f"This server's questions ({len(questions)}/"
                                    f"{MAX_SERVER_QUESTIONS})",
                              description="\n".join(lines)[:4000], colour=0x5865F2)
        embed.set_footer(text="Asked only here, alongside the shipped bank: /question id:…")
        await interaction.response.send_message(embed=embed, ephemeral=True)

    @app_commands.command(name="remove", description="Stop asking one of this server's "
                          "questions (past answers stay)")
    @app_commands.describe(id="The question's id, as in /bank list")
    @app_commands.check(manages_guild)
    async def remove(self, interaction: discord.Interaction,
                     id: app_commands.Range[str, 1, 120]) -> None:  # noqa: A002 (option name)
        removed = await remove_question(self.bot.app, interaction.guild.id, id)
        await interaction.response.send_message(
            f"Removed `{display_id(removed.id)}` ({removed.title}). Past answers stay; "
            "importing it again brings it back.", ephemeral=True)

    @remove.autocomplete("id")
    async def _remove_autocomplete(self, interaction: discord.Interaction,
                                   current: str) -> list[app_commands.Choice[str]]:
        if interaction.guild is None:
            return []
        needle = current.lower().strip()
        questions = await server_questions(self.bot.app, interaction.guild.id)
        return [app_commands.Choice(name=f"{q.title[:60]} ({display_id(q.id)})"[:100],
                                    value=display_id(q.id))
                for q in questions
                if needle in q.id or needle in q.title.lower()][:25]


async def setup(bot: commands.Bot) -> None:
    await bot.add_cog(BankCog(bot))
