"""Buttons and the answer modal of a daily post. Dynamic items carry the post id (and the
follow-up's id) in their ``custom_id``, so yesterday's buttons still work after a restart."""

from __future__ import annotations

import logging
import re

import discord

from bot.daily.ports import PostContent
from bot.daily.posting import live_content, message_of
from bot.errors import UserFacingError
from cogs.interview_embeds import PROBE_TITLES, clip, feedback_embed
from cogs.interview_views import MODAL_LIMIT, report_bug
from cogs.tree import send_ephemeral

log = logging.getLogger(__name__)


def post_view(content: PostContent) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    view.add_item(DailyAnswerButton(content.post_id))
    if content.hints:
        view.add_item(DailyHintButton(content.post_id))
    return view


async def refresh_count(client, post_id: int) -> None:
    """Show the new answer count on the post, at most every few seconds per post."""
    daily = client.daily  # type: ignore[attr-defined]

    async def edit() -> None:
        where = await message_of(daily.ctx, post_id)
        content = await live_content(daily.ctx, post_id)
        if where and content:
            await daily.ctx.poster.update_count(channel_id=where[0], message_id=where[1],
                                                content=content)

    await client.daily_throttle.bump(post_id, edit)  # type: ignore[attr-defined]


class DailyAnswerModal(discord.ui.Modal, title="Your answer to the daily question"):
    answer = discord.ui.TextInput(label="Answer", style=discord.TextStyle.paragraph,
                                  max_length=MODAL_LIMIT, required=True, custom_id="answer",
                                  placeholder="Graded privately. Math as text or LaTeX.")

    def __init__(self, post_id: int, probe_id: str | None = None):
        super().__init__(timeout=None)
        self.post_id = post_id
        self.probe_id = probe_id

    async def on_submit(self, interaction: discord.Interaction) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        answers = interaction.client.daily_answers  # type: ignore[attr-defined]
        try:
            result = await answers.answer(
                post_id=self.post_id, probe_id=self.probe_id, user_id=interaction.user.id,
                user_name=interaction.user.display_name,
                guild_name=interaction.guild.name if interaction.guild else "",
                text=self.answer.value)
        except UserFacingError as exc:
            await interaction.followup.send(str(exc), ephemeral=True)
            return
        embeds = [feedback_embed(result.feedback)]
        view = discord.ui.View(timeout=None)
        if self.probe_id is None:
            note = ("This is your counted answer." if result.first else
                    "Only your first answer counts; this one was graded for practice.")
            embeds[0].set_footer(text=f"{note} {result.answer_count} answered so far.")
            if not result.credited:
                view.add_item(DailyCreditButton(True))
        if result.probe is not None:
            embeds.append(discord.Embed(
                title=f"Follow-up · {PROBE_TITLES.get(result.probe.kind, 'Probe')}",
                description=clip(result.probe.prompt, 4000), colour=0x5865F2))
            view.add_item(DailyProbeButton(self.post_id, result.probe.id))
        extra = {"view": view} if view.children else {}
        await interaction.followup.send(embeds=embeds, ephemeral=True, **extra)
        if result.first:
            await refresh_count(interaction.client, self.post_id)

    async def on_error(self, interaction: discord.Interaction, error: Exception) -> None:
        await report_bug(interaction, error)


class _Guarded:
    post_id: int

    async def callback(self, interaction: discord.Interaction) -> None:
        try:
            await self.run(interaction, interaction.client.daily_answers)  # type: ignore[attr-defined]
        except UserFacingError as exc:
            await send_ephemeral(interaction, str(exc))
        except Exception as exc:
            await report_bug(interaction, exc)

    async def run(self, interaction: discord.Interaction, answers) -> None:
        raise NotImplementedError


class DailyAnswerButton(_Guarded, discord.ui.DynamicItem[discord.ui.Button],
                        template=r"viva:daily:answer:(?P<id>[0-9]+)"):
    def __init__(self, post_id: int):
        super().__init__(discord.ui.Button(label="Answer", style=discord.ButtonStyle.primary,
                                           custom_id=f"viva:daily:answer:{post_id}"))
        self.post_id = post_id

    @classmethod
    async def from_custom_id(cls, interaction, item, match: re.Match[str]):
        return cls(int(match["id"]))

    async def run(self, interaction, answers) -> None:
        await answers.open_post(self.post_id)  # closed after the reveal
        await interaction.response.send_modal(DailyAnswerModal(self.post_id))


class DailyHintButton(_Guarded, discord.ui.DynamicItem[discord.ui.Button],
                      template=r"viva:daily:hint:(?P<id>[0-9]+)"):
    def __init__(self, post_id: int):
        super().__init__(discord.ui.Button(label="Hint (costs points)",
                                           style=discord.ButtonStyle.secondary,
                                           custom_id=f"viva:daily:hint:{post_id}"))
        self.post_id = post_id

    @classmethod
    async def from_custom_id(cls, interaction, item, match: re.Match[str]):
        return cls(int(match["id"]))

    async def run(self, interaction, answers) -> None:
        text = await answers.hint(post_id=self.post_id, user_id=interaction.user.id,
                                  user_name=interaction.user.display_name)
        await send_ephemeral(interaction, text)


class DailyProbeButton(_Guarded, discord.ui.DynamicItem[discord.ui.Button],
                       template=r"viva:daily:probe:(?P<id>[0-9]+):(?P<pid>[a-z0-9:\-]+)"):
    def __init__(self, post_id: int, probe_id: str):
        super().__init__(discord.ui.Button(
            label="Answer the follow-up", style=discord.ButtonStyle.primary,
            custom_id=f"viva:daily:probe:{post_id}:{probe_id}"[:100]))
        self.post_id = post_id
        self.probe_id = probe_id

    @classmethod
    async def from_custom_id(cls, interaction, item, match: re.Match[str]):
        return cls(int(match["id"]), match["pid"])

    async def run(self, interaction, answers) -> None:
        await interaction.response.send_modal(DailyAnswerModal(self.post_id, self.probe_id))


class DailyCreditButton(_Guarded, discord.ui.DynamicItem[discord.ui.Button],
                        template=r"viva:daily:credit:(?P<on>[01])"):
    """Opt in (or out) of being named among the first correct answerers in reveals."""

    def __init__(self, on: bool):
        super().__init__(discord.ui.Button(
            label="Name me in reveals when I'm among the first correct" if on
            else "Stop naming me in reveals", style=discord.ButtonStyle.secondary,
            custom_id=f"viva:daily:credit:{int(on)}"))
        self.on = on

    @classmethod
    async def from_custom_id(cls, interaction, item, match: re.Match[str]):
        return cls(match["on"] == "1")

    async def run(self, interaction, answers) -> None:
        await answers.set_credit(user_id=interaction.user.id, opted_in=self.on,
                                 user_name=interaction.user.display_name)
        view = discord.ui.View(timeout=None)
        view.add_item(DailyCreditButton(not self.on))
        text = ("Done: reveals will name you when you are among the first correct answerers."
                if self.on else "Done: reveals will not name you.")
        await interaction.response.send_message(text, ephemeral=True, view=view)


DYNAMIC_ITEMS = (DailyAnswerButton, DailyHintButton, DailyProbeButton, DailyCreditButton)
