"""The Answer button under a posted question (and under its follow-up): a modal, then a
private grade. Dynamic items carry the question (and probe) id, so they survive restarts."""

from __future__ import annotations

import re

import discord

from bot.bank.scoped import find_question
from bot.drill import DrillResult
from bot.errors import UserFacingError
from cogs.confidence import chosen_confidence, confidence_label
from cogs.interview_embeds import PROBE_TITLES, clip, feedback_embed
from cogs.interview_views import MODAL_LIMIT, report_bug
from cogs.tree import send_ephemeral


class DrillModal(discord.ui.Modal, title="Your answer"):
    answer = discord.ui.TextInput(label="Answer", style=discord.TextStyle.paragraph,
                                  max_length=MODAL_LIMIT, required=True, custom_id="answer",
                                  placeholder="Derive, argue, critique. Math as text or LaTeX.")
    confidence = confidence_label()

    def __init__(self, question_id: str, probe_id: str | None = None, kind: str = "question"):
        super().__init__(timeout=None)
        self.question_id = question_id
        self.probe_id = probe_id
        self.kind = kind  # "review" when opened from /review

    async def on_submit(self, interaction: discord.Interaction) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        try:
            result = await interaction.client.drills.answer(  # type: ignore[attr-defined]
                question_id=self.question_id, probe_id=self.probe_id,
                user_id=interaction.user.id, user_name=interaction.user.display_name,
                guild_id=interaction.guild.id if interaction.guild else None,
                guild_name=interaction.guild.name if interaction.guild else "",
                text=self.answer.value, kind=self.kind,
                confidence=chosen_confidence(self.confidence))
        except UserFacingError as exc:
            await interaction.followup.send(str(exc), ephemeral=True)
            return
        await interaction.followup.send(ephemeral=True, **drill_message(result))

    async def on_error(self, interaction: discord.Interaction, error: Exception) -> None:
        await report_bug(interaction, error)


def drill_message(result: DrillResult) -> dict:
    embeds = [feedback_embed(result.feedback)]
    kwargs: dict = {"embeds": embeds}
    if result.probe is not None:
        embeds.append(discord.Embed(
            title=f"Follow-up · {PROBE_TITLES.get(result.probe.kind, 'Probe')}",
            description=clip(result.probe.prompt, 4000), colour=0x5865F2))
        view = discord.ui.View(timeout=None)
        view.add_item(ProbeAnswerButton(result.question_id, result.probe.id))
        kwargs["view"] = view
    return kwargs


class _OpensModal:
    question_id: str
    probe_id: str | None = None
    kind: str = "question"  # the attempt kind the modal records ("review" from /review)

    async def callback(self, interaction: discord.Interaction) -> None:
        try:
            await find_question(interaction.client.app,  # type: ignore[attr-defined]
                                self.question_id, interaction.guild_id)
            await interaction.response.send_modal(DrillModal(self.question_id, self.probe_id,
                                                             kind=self.kind))
        except UserFacingError as exc:
            await send_ephemeral(interaction, str(exc))


class QuestionAnswerButton(_OpensModal, discord.ui.DynamicItem[discord.ui.Button],
                           template=r"viva:q:answer:(?P<qid>[a-z0-9.\-]+)"):
    def __init__(self, question_id: str):
        super().__init__(discord.ui.Button(label="Answer", style=discord.ButtonStyle.primary,
                                           custom_id=f"viva:q:answer:{question_id}"))
        self.question_id = question_id

    @classmethod
    async def from_custom_id(cls, interaction, item, match: re.Match[str]):
        return cls(match["qid"])


class ProbeAnswerButton(_OpensModal, discord.ui.DynamicItem[discord.ui.Button],
                        template=r"viva:q:probe:(?P<qid>[a-z0-9.\-]+):(?P<pid>[a-z0-9:\-]+)"):
    def __init__(self, question_id: str, probe_id: str):
        super().__init__(discord.ui.Button(
            label="Answer the follow-up", style=discord.ButtonStyle.primary,
            custom_id=f"viva:q:probe:{question_id}:{probe_id}"[:100]))
        self.question_id = question_id
        self.probe_id = probe_id

    @classmethod
    async def from_custom_id(cls, interaction, item, match: re.Match[str]):
        return cls(match["qid"], match["pid"])


DYNAMIC_ITEMS = (QuestionAnswerButton, ProbeAnswerButton)
