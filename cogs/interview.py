"""``/interview start|hint|skip|end``: a mock interview in a private thread (or in DMs)."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.errors import UserFacingError
from bot.store.outage import DB_UNAVAILABLE, is_db_outage
from cogs.interview_embeds import ask_embed
from cogs.interview_views import DYNAMIC_ITEMS, send_outcome, step_view
from cogs.math_files import with_math
from cogs.question import SECTION_CHOICES


class InterviewCog(commands.GroupCog, group_name="interview",
                   group_description="Mock research interviews"):
    def __init__(self, bot: commands.Bot):
        self.bot = bot
        super().__init__()

    @property
    def service(self):
        return self.bot.interviews  # type: ignore[attr-defined]

    async def _active_id(self, user_id: int) -> int:
        active = await self.service.active_for(user_id)
        if active is None:
            raise UserFacingError("You have no interview running. Start one with "
                                  "/interview start.")
        return active.id

    @app_commands.command(name="start", description="Start a mock interview")
    @app_commands.describe(section="Only this section", length="Number of questions (1-10)",
                           difficulty="1 (warm-up) to 5 (research)")
    @app_commands.choices(section=SECTION_CHOICES)
    async def start(self, interaction: discord.Interaction,
                    section: app_commands.Choice[str] | None = None,
                    length: app_commands.Range[int, 1, 10] = 3,
                    difficulty: app_commands.Range[int, 1, 5] | None = None) -> None:
        await self.service.check_can_start(interaction.user.id)
        channel = interaction.channel
        thread = None
        if interaction.guild is not None and isinstance(channel, discord.TextChannel):
            await interaction.response.defer(ephemeral=True, thinking=True)
            thread = await self._private_thread(channel, interaction.user)
        outcome = await self.service.start(
            user_id=interaction.user.id, user_name=interaction.user.display_name,
            guild_id=interaction.guild.id if interaction.guild else None,
            guild_name=interaction.guild.name if interaction.guild else "",
            channel_id=(thread or channel).id if (thread or channel) else None,
            section=section.value if section else None, length=length, difficulty=difficulty)
        step = outcome.next
        embed = ask_embed(step)
        image = await with_math(embed, step.prompt)
        files = {"file": image} if image else {}
        if thread is not None:
            await thread.send(content=f"{interaction.user.mention}, your interview starts now.",
                              embed=embed, view=step_view(step.interview_id),
                              allowed_mentions=discord.AllowedMentions(users=True), **files)
            await interaction.followup.send(f"Your interview is in {thread.mention}.",
                                            ephemeral=True)
        else:
            await interaction.response.send_message(embed=embed, view=step_view(
                step.interview_id), **files)

    async def _private_thread(self, channel: discord.TextChannel,
                              user: discord.abc.User) -> discord.Thread:
        try:
            thread = await channel.create_thread(
                name=f"Viva · {user.display_name}"[:100], type=discord.ChannelType.private_thread,
                invitable=False, auto_archive_duration=1440)
            await thread.add_user(user)
        except discord.Forbidden:
            raise UserFacingError("I can't open a private thread here (I need Create Private "
                                  "Threads and Send Messages in Threads). Try another channel or "
                                  "DM me.") from None
        return thread

    @app_commands.command(name="hint", description="A hint for the current question (costs points)")
    async def hint(self, interaction: discord.Interaction) -> None:
        text = await self.service.hint(interview_id=await self._active_id(interaction.user.id),
                                       user_id=interaction.user.id)
        await interaction.response.send_message(text, ephemeral=True)

    @app_commands.command(name="skip", description="Skip the current question")
    async def skip(self, interaction: discord.Interaction) -> None:
        outcome = await self.service.skip(interview_id=await self._active_id(interaction.user.id),
                                          user_id=interaction.user.id)
        await send_outcome(interaction, outcome)

    @app_commands.command(name="end", description="End your interview and get the report card")
    async def end(self, interaction: discord.Interaction) -> None:
        outcome = await self.service.end(interview_id=await self._active_id(interaction.user.id),
                                         user_id=interaction.user.id)
        await send_outcome(interaction, outcome)

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        """With the message-content intent, a message typed in the interview thread is an
        answer too."""
        if message.author.bot or not self.bot.intents.message_content:
            return
        if not isinstance(message.channel, discord.Thread | discord.DMChannel):
            return
        try:
            active = await self.service.active_for(message.author.id)
            if active is None or active.channel_id != message.channel.id or not message.content:
                return
            outcome = await self.service.answer(interview_id=active.id,
                                                user_id=message.author.id, text=message.content)
        except Exception as exc:
            text = str(exc) if isinstance(exc, UserFacingError) else outage_text(exc)
            if text is None:
                raise
            await message.reply(text, allowed_mentions=discord.AllowedMentions.none())
            return
        await _reply_outcome(message, outcome)


def outage_text(error: Exception) -> str | None:
    return DB_UNAVAILABLE if is_db_outage(error) else None


async def _reply_outcome(message: discord.Message, outcome) -> None:
    from cogs.interview_embeds import feedback_embed, report_embed

    embeds = [e for e in (
        feedback_embed(outcome.feedback) if outcome.feedback else None,
        ask_embed(outcome.next) if outcome.next else None,
        report_embed(outcome.report) if outcome.report else None) if e is not None]
    view = step_view(outcome.next.interview_id) if outcome.next else discord.utils.MISSING
    await message.channel.send(content=outcome.notice, embeds=embeds, view=view,
                               allowed_mentions=discord.AllowedMentions.none())


async def setup(bot: commands.Bot) -> None:
    if getattr(bot, "interviews", None) is None:
        from bot.wiring import default_service

        bot.interviews = default_service(bot.app)  # type: ignore[attr-defined]
    bot.add_dynamic_items(*DYNAMIC_ITEMS)
    await bot.add_cog(InterviewCog(bot))
