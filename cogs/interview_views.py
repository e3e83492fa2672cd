"""Buttons and the answer modal of an interview. The buttons are dynamic items whose
``custom_id`` carries the interview id, so they keep working after a restart."""

from __future__ import annotations

import re

import discord

from bot.errors import UserFacingError
from bot.interview.steps import Outcome
from cogs.confidence import chosen_confidence, confidence_label
from cogs.interview_embeds import ask_embed, feedback_embed, report_embed
from cogs.math_files import with_math
from cogs.tree import send_ephemeral

MODAL_LIMIT = 4000  # Discord's cap for a text input


def step_view(interview_id: int) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    view.add_item(AnswerButton(interview_id))
    view.add_item(HintButton(interview_id))
    view.add_item(SkipButton(interview_id))
    return view


async def send_outcome(interaction: discord.Interaction, outcome: Outcome) -> None:
    """Post feedback, then the next step (with its buttons) or the report card."""
    embeds = []
    files: list[discord.File] = []
    if outcome.feedback:
        embeds.append(feedback_embed(outcome.feedback))
        if outcome.feedback.read_as_latex:
            echo = await with_math(embeds[-1], outcome.feedback.read_as_latex, display=True)
            files += [echo] if echo else []
    if outcome.next:
        embeds.append(ask_embed(outcome.next))
        image = await with_math(embeds[-1], outcome.next.prompt)
        files += [image] if image else []
    if outcome.report:
        embeds.append(report_embed(outcome.report))
    kwargs: dict = {"embeds": embeds, "allowed_mentions": discord.AllowedMentions.none()}
    if files:
        kwargs["files"] = files
    if outcome.notice:
        kwargs["content"] = outcome.notice
    if outcome.next:
        kwargs["view"] = step_view(outcome.next.interview_id)
    if interaction.response.is_done():
        await interaction.followup.send(**kwargs)
    else:
        await interaction.response.send_message(**kwargs)


class AnswerModal(discord.ui.Modal, title="Your answer"):
    answer = discord.ui.TextInput(label="Answer", style=discord.TextStyle.paragraph,
                                  max_length=MODAL_LIMIT, required=True, custom_id="answer",
                                  placeholder="Derive, argue, critique. Math as text or LaTeX.")
    confidence = confidence_label()

    def __init__(self, interview_id: int):
        super().__init__(timeout=None)
        self.interview_id = interview_id

    async def on_submit(self, interaction: discord.Interaction) -> None:
        service = interaction.client.interviews  # type: ignore[attr-defined]
        await interaction.response.defer(thinking=True)
        try:
            outcome = await service.answer(interview_id=self.interview_id,
                                           user_id=interaction.user.id, text=self.answer.value,
                                           confidence=chosen_confidence(self.confidence))
        except UserFacingError as exc:
            await interaction.followup.send(str(exc), ephemeral=True)
            return
        await send_outcome(interaction, outcome)

    async def on_error(self, interaction: discord.Interaction, error: Exception) -> None:
        await report_bug(interaction, error)


async def report_bug(interaction: discord.Interaction, error: Exception) -> None:
    import logging

    from bot.store.outage import DB_UNAVAILABLE, is_db_outage

    if is_db_outage(error):
        logging.getLogger(__name__).warning("database unavailable: %s", error)
        await send_ephemeral(interaction, DB_UNAVAILABLE)
        return
    logging.getLogger(__name__).exception("bug in an interview component", exc_info=error)
    await send_ephemeral(interaction, "Something went wrong on my side. It has been logged.")


class _Guarded:
    """Shared behaviour of the interview buttons: the custom id carries the interview id;
    a user-facing error is shown privately; a bug is logged with a generic reply."""

    interview_id: int

    @staticmethod
    def _button(interview_id: int, action: str, label: str,
                style: discord.ButtonStyle) -> discord.ui.Button:
        return discord.ui.Button(label=label, style=style,
                                 custom_id=f"viva:iv:{action}:{interview_id}")

    @classmethod
    async def from_custom_id(cls, interaction, item, match: re.Match[str]):
        return cls(int(match["id"]))

    async def callback(self, interaction: discord.Interaction) -> None:
        try:
            await self.run(interaction, interaction.client.interviews)  # type: ignore[attr-defined]
        except UserFacingError as exc:
            await send_ephemeral(interaction, str(exc))
        except Exception as exc:  # one error path for component bugs too
            await report_bug(interaction, exc)

    async def run(self, interaction: discord.Interaction, service) -> None:
        raise NotImplementedError


class AnswerButton(_Guarded, discord.ui.DynamicItem[discord.ui.Button],
                   template=r"viva:iv:answer:(?P<id>[0-9]+)"):
    def __init__(self, interview_id: int):
        super().__init__(self._button(interview_id, "answer", "Answer",
                                      discord.ButtonStyle.primary))
        self.interview_id = interview_id

    async def run(self, interaction, service) -> None:
        await service.current(self.interview_id, interaction.user.id)  # ownership and expiry
        await interaction.response.send_modal(AnswerModal(self.interview_id))


class HintButton(_Guarded, discord.ui.DynamicItem[discord.ui.Button],
                 template=r"viva:iv:hint:(?P<id>[0-9]+)"):
    def __init__(self, interview_id: int):
        super().__init__(self._button(interview_id, "hint", "Hint (costs points)",
                                      discord.ButtonStyle.secondary))
        self.interview_id = interview_id

    async def run(self, interaction, service) -> None:
        text = await service.hint(interview_id=self.interview_id, user_id=interaction.user.id)
        await send_ephemeral(interaction, text)


class SkipButton(_Guarded, discord.ui.DynamicItem[discord.ui.Button],
                 template=r"viva:iv:skip:(?P<id>[0-9]+)"):
    def __init__(self, interview_id: int):
        super().__init__(self._button(interview_id, "skip", "Skip",
                                      discord.ButtonStyle.secondary))
        self.interview_id = interview_id

    async def run(self, interaction, service) -> None:
        outcome = await service.skip(interview_id=self.interview_id, user_id=interaction.user.id)
        await send_outcome(interaction, outcome)


DYNAMIC_ITEMS = (AnswerButton, HintButton, SkipButton)
