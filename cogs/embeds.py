"""Embeds built from the core's view objects."""

from __future__ import annotations

import discord

from bot.ask import QuestionCard

SECTION_COLOURS = {
    "math": 0x5865F2,
    "probability": 0x57F287,
    "optimization": 0xFEE75C,
    "architectures": 0xEB459E,
    "robustness": 0xED4245,
}
DESCRIPTION_LIMIT = 4096


def question_embed(card: QuestionCard) -> discord.Embed:
    from bot.render import readable

    prompt = readable(card.prompt)
    if len(prompt) > DESCRIPTION_LIMIT:
        prompt = prompt[: DESCRIPTION_LIMIT - 1] + "…"
    embed = discord.Embed(
        title=card.title[:256],
        description=prompt,
        colour=SECTION_COLOURS.get(card.section, 0x99AAB5),
    )
    embed.set_author(name=card.section_title)
    embed.add_field(name="Difficulty", value=card.difficulty_label, inline=True)
    embed.set_footer(text=card.footer)
    return embed
