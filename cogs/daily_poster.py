"""The daily core's ``Poster`` port on discord.py. Discord failures become the core's error
kinds: ``NotFound`` -> channel_missing, ``Forbidden`` -> forbidden, HTTP 429 ->
rate_limited (with its ``retry_after``); anything else -> unknown. Posts and reveals are
sent with a nonce derived from the post id (discord.py sets ``enforce_nonce``), so a
re-send after a crash returns the first message instead of posting twice."""

from __future__ import annotations

import logging

import discord

from bot.daily.ports import PostContent, PostError, RevealContent, Sent
from cogs.daily_embeds import post_embed, reveal_embed
from cogs.math_files import with_math

log = logging.getLogger(__name__)


def map_error(exc: discord.HTTPException) -> PostError:
    if isinstance(exc, discord.NotFound):
        return PostError("channel_missing", str(exc))
    if isinstance(exc, discord.Forbidden):
        return PostError("forbidden", str(exc))
    if exc.status == 429:
        retry = None
        headers = getattr(getattr(exc, "response", None), "headers", None) or {}
        try:
            retry = float(headers.get("Retry-After", "") or 0) or None
        except ValueError:
            retry = None
        return PostError("rate_limited", str(exc), retry_after=retry)
    return PostError("unknown", f"{exc.status} {exc}")


class DiscordPoster:
    def __init__(self, bot: discord.Client):
        self.bot = bot

    async def _channel(self, channel_id: int):
        channel = self.bot.get_channel(channel_id)
        if channel is not None:
            return channel
        try:
            return await self.bot.fetch_channel(channel_id)
        except discord.HTTPException as exc:
            raise map_error(exc) from exc

    async def post(self, content: PostContent) -> Sent:
        from cogs.daily_views import post_view

        channel = await self._channel(content.channel_id)
        embed = post_embed(content)
        file = await with_math(embed, content.card.prompt)
        extra = {"file": file} if file else {}
        try:
            message = await channel.send(embed=embed, view=post_view(content),
                                         nonce=f"vd{content.post_id}", **extra)
        except discord.HTTPException as exc:
            raise map_error(exc) from exc
        return Sent(message_id=message.id)

    async def reveal(self, content: RevealContent) -> Sent:
        channel = await self._channel(content.channel_id)
        reference = None
        if content.message_id is not None:
            original = channel.get_partial_message(content.message_id)
            reference = original.to_reference(fail_if_not_exists=False)
            try:
                await original.edit(view=None)  # answers are closed: no more buttons
            except discord.HTTPException:
                log.info("could not close daily post %s (deleted?)", content.post_id)
        embed = reveal_embed(content)
        file = await with_math(embed, content.reference)
        extra = {"file": file} if file else {}
        try:
            message = await channel.send(embed=embed, reference=reference,
                                         nonce=f"vr{content.post_id}", **extra)
        except discord.HTTPException as exc:
            raise map_error(exc) from exc
        thread_id = None
        try:
            thread = await message.create_thread(name=content.thread_name or "Discussion",
                                                 auto_archive_duration=1440)
            thread_id = thread.id
        except discord.HTTPException:
            log.info("no discussion thread for daily post %s", content.post_id, exc_info=True)
        return Sent(message_id=message.id, thread_id=thread_id)

    async def update_count(self, *, channel_id: int, message_id: int, content: PostContent
                           ) -> None:
        try:
            channel = await self._channel(channel_id)
            await channel.get_partial_message(message_id).edit(embed=post_embed(content))
        except (PostError, discord.HTTPException):
            log.info("could not update the answer count of daily post %s", content.post_id)

    async def notify_admins(self, *, guild_id: int, channel_id: int | None, text: str) -> bool:
        """The server's system channel if I may write there, else a DM to the owner."""
        guild = self.bot.get_guild(guild_id)
        if guild is None:
            return False
        allowed = discord.AllowedMentions.none()
        for channel in (guild.system_channel, guild.public_updates_channel):
            if channel is not None and channel.permissions_for(guild.me).send_messages:
                try:
                    await channel.send(text, allowed_mentions=allowed)
                    return True
                except discord.HTTPException:
                    continue
        owner = guild.owner
        if owner is None and guild.owner_id:
            try:
                owner = await guild.fetch_member(guild.owner_id)
            except discord.HTTPException:
                owner = None
        if owner is None:
            return False
        try:
            await owner.send(f"{text}\n(server: {guild.name})", allowed_mentions=allowed)
            return True
        except discord.HTTPException:
            return False
