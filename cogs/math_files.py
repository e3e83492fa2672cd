"""Attach rendered math to embeds: the image when it renders, Unicode text always."""

from __future__ import annotations

import io

import discord

from bot.render import has_math, render_async


async def with_math(embed: discord.Embed, text: str, *, display: bool = False
                    ) -> discord.File | None:
    """Set the embed's image to ``text`` rendered, if it has math; returns the file to send."""
    if not display and not has_math(text):
        return None
    rendered = await render_async(text, display=display)
    if rendered.png is None:
        return None
    embed.set_image(url=f"attachment://{rendered.filename}")
    return discord.File(io.BytesIO(rendered.png), filename=rendered.filename)
