"""Admin commands for scores (Manage Server, hidden by ``default_permissions`` and checked
in code): ``/score adjust|history``, ``/rewards set|season-winner|remove|list|sync`` and
``/season length``. Replies are private."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.errors import UserFacingError
from bot.scoring import service
from bot.scoring.adjust import MAX_POINTS
from cogs.interview_embeds import escape
from cogs.scoring_roles import sync_roles, why_not
from cogs.scoring_views import PERIOD_TITLES
from cogs.tree import manages_guild

BOARD_CHOICES = [app_commands.Choice(name="this season", value="season"),
                 app_commands.Choice(name="all time", value="all"),
                 app_commands.Choice(name="this week", value="week")]


def _person(user: discord.abc.User) -> None:
    if user.bot:
        raise UserFacingError(f"{user.display_name} is a bot: bots have no scores.")


async def _say(interaction: discord.Interaction, text: str, **kw) -> None:
    await interaction.response.send_message(text, ephemeral=True,
                                            allowed_mentions=discord.AllowedMentions.none(), **kw)


@app_commands.guild_only()
@app_commands.default_permissions(manage_guild=True)
class ScoreCog(commands.GroupCog, group_name="score",
               group_description="Correct scores and see the corrections (Manage Server)"):
    def __init__(self, bot: commands.Bot):
        self.app = bot.app  # type: ignore[attr-defined]
        super().__init__()

    @app_commands.check(manages_guild)
    @app_commands.command(name="adjust", description="Add or remove points, with a reason "
                                                     "(kept in the history)")
    @app_commands.describe(user="Whose score", points=f"Points to add (negative to remove), "
                           f"at most ±{MAX_POINTS}", reason="Why (shown in /score history)")
    async def adjust(self, interaction: discord.Interaction, user: discord.User,
                     points: app_commands.Range[int, -MAX_POINTS, MAX_POINTS],
                     reason: app_commands.Range[str, 1, 300]) -> None:
        _person(user)
        row, after = await service.adjust(
            self.app, guild_id=interaction.guild.id, guild_name=interaction.guild.name,
            user_id=user.id, user_name=user.display_name, admin_id=interaction.user.id,
            admin_name=interaction.user.display_name, points=points, reason=reason)
        await _say(interaction, f"Adjusted {user.mention} by **{row.points:+d}** points "
                                f"(“{row.reason}”). All-time total now {after.points} "
                                f"(#{after.rank} of {after.players}). Logged as adjustment "
                                f"#{row.id}; see /score history.")

    @app_commands.check(manages_guild)
    @app_commands.command(name="history", description="A player's score adjustments")
    @app_commands.describe(user="Whose adjustments")
    async def history(self, interaction: discord.Interaction, user: discord.User) -> None:
        rows, total = await service.history(self.app, guild_id=interaction.guild.id,
                                            user_id=user.id)
        if not rows:
            await _say(interaction, f"{user.mention} has no score adjustments in this server.")
            return
        lines = [f"`#{r.id}` {discord.utils.format_dt(r.created_at, 'f')} **{r.points:+d}** "
                 f"by <@{r.admin_id}> · {discord.utils.escape_markdown(r.reason)}"
                 for r in rows]
        embed = discord.Embed(title=f"Score adjustments · {escape(user.display_name)}"[:256],
                              description="\n".join(lines)[:4000], colour=0x95A5A6)
        embed.set_footer(text=f"{len(rows)} of {total}, newest first · rows are never edited; "
                              "a correction is a new adjustment")
        await _say(interaction, "", embed=embed)


@app_commands.guild_only()
@app_commands.default_permissions(manage_guild=True)
class RewardsCog(commands.GroupCog, group_name="rewards",
                 group_description="Roles for the top of the boards (Manage Server)"):
    def __init__(self, bot: commands.Bot):
        self.app = bot.app  # type: ignore[attr-defined]
        super().__init__()

    async def _saved(self, interaction: discord.Interaction, role: discord.Role,
                     what: str) -> None:
        lines = [f"Saved: {role.mention} goes to {what}."]
        problem = why_not(interaction.guild, role)
        if problem:
            lines.append(f"⚠️ I can't assign {role.mention} yet: {problem}. Fix that, then "
                         "run /rewards sync.")
        else:
            lines += (await sync_roles(self.app, interaction.guild)).lines()
        await _say(interaction, "\n".join(lines))

    @app_commands.check(manages_guild)
    @app_commands.command(name="set", description="Give a role to the top N of a board")
    @app_commands.describe(rank="The top how many (1-50)", role="The role to give",
                           board="Which board (default: this season)")
    @app_commands.choices(board=BOARD_CHOICES)
    async def set_(self, interaction: discord.Interaction, rank: app_commands.Range[int, 1, 50],
                   role: discord.Role, board: app_commands.Choice[str] | None = None) -> None:
        period = board.value if board else "season"
        await service.set_reward(self.app, guild_id=interaction.guild.id,
                                 guild_name=interaction.guild.name, role_id=role.id,
                                 kind="rank", places=rank, period=period,
                                 admin_id=interaction.user.id)
        await self._saved(interaction, role, f"the top {rank} {PERIOD_TITLES[period]}")

    @app_commands.check(manages_guild)
    @app_commands.command(name="season-winner", description="Give a role to the last "
                                                            "season's winners")
    @app_commands.describe(role="The role to give", places="Top how many (1-3, default 1)")
    async def season_winner(self, interaction: discord.Interaction, role: discord.Role,
                            places: app_commands.Range[int, 1, 3] = 1) -> None:
        await service.set_reward(self.app, guild_id=interaction.guild.id,
                                 guild_name=interaction.guild.name, role_id=role.id,
                                 kind="season_winner", places=places,
                                 admin_id=interaction.user.id)
        await self._saved(interaction, role, "the winner of the last season" if places == 1
                          else f"the top {places} of the last season")

    @app_commands.check(manages_guild)
    @app_commands.command(name="remove", description="Stop giving a role as a reward")
    async def remove(self, interaction: discord.Interaction, role: discord.Role) -> None:
        if not await service.remove_reward(self.app, guild_id=interaction.guild.id,
                                           role_id=role.id):
            raise UserFacingError(f"{role.name} is not a reward role here (see /rewards list).")
        lines = [f"{role.mention} is no longer a reward."]
        lines += (await sync_roles(self.app, interaction.guild)).lines()
        await _say(interaction, "\n".join(lines))

    @app_commands.check(manages_guild)
    @app_commands.command(name="list", description="The reward roles of this server")
    async def list_(self, interaction: discord.Interaction) -> None:
        rewards = await service.list_rewards(self.app, guild_id=interaction.guild.id)
        if not rewards:
            await _say(interaction, "No reward roles yet: add one with /rewards set or "
                                    "/rewards season-winner.")
            return
        lines = []
        for r in rewards:
            what = (f"top {r.places} {PERIOD_TITLES[r.period]}" if r.kind == "rank" else
                    f"top {r.places} of the last season")
            problem = why_not(interaction.guild, interaction.guild.get_role(r.role_id))
            lines.append(f"<@&{r.role_id}> → {what}" + (f" · ⚠️ {problem}" if problem else ""))
        await _say(interaction, "\n".join(lines))

    @app_commands.check(manages_guild)
    @app_commands.command(name="sync", description="Give and take back reward roles now")
    async def sync(self, interaction: discord.Interaction) -> None:
        await _say(interaction, "\n".join((await sync_roles(self.app, interaction.guild))
                                          .lines()))


@app_commands.guild_only()
@app_commands.default_permissions(manage_guild=True)
class SeasonCog(commands.GroupCog, group_name="season",
                group_description="Season settings (Manage Server)"):
    def __init__(self, bot: commands.Bot):
        self.app = bot.app  # type: ignore[attr-defined]
        super().__init__()

    @app_commands.check(manages_guild)
    @app_commands.command(name="length", description="How long seasons last, from the next one")
    @app_commands.describe(length="month, quarter, or N weeks (1-26), e.g. '2 weeks'")
    async def length(self, interaction: discord.Interaction,
                     length: app_commands.Range[str, 1, 40]) -> None:
        await _say(interaction, await service.season_length(
            self.app, guild_id=interaction.guild.id, guild_name=interaction.guild.name,
            length=length, admin_id=interaction.user.id))


async def setup(bot: commands.Bot) -> None:
    for cog in (ScoreCog, RewardsCog, SeasonCog):
        await bot.add_cog(cog(bot))
