"""The single error path for every application command."""

from __future__ import annotations

import logging

import discord
from discord import app_commands

from bot.errors import UserFacingError
from bot.store.outage import DB_UNAVAILABLE, is_db_outage

log = logging.getLogger(__name__)

GENERIC = "Something went wrong on my side. It has been logged; please try again."
# Permission names as Discord's own settings show them (discord.py's names differ for some).
UI_NAMES = {"manage_guild": "Manage Server", "manage_messages": "Manage Messages",
            "manage_roles": "Manage Roles", "manage_threads": "Manage Threads",
            "send_messages_in_threads": "Send Messages in Threads",
            "create_private_threads": "Create Private Threads"}


def permission_names(missing: list[str]) -> str:
    return ", ".join(UI_NAMES.get(p, p.replace("_", " ").title()) for p in missing)


def manages_guild(interaction: discord.Interaction) -> bool:
    """The check in code behind ``default_permissions`` (a server may let others see an
    admin command; only a member who manages the server may use it)."""
    member = interaction.user
    if interaction.guild is None or not isinstance(member, discord.Member):
        raise app_commands.NoPrivateMessage()
    if not member.guild_permissions.manage_guild:
        raise app_commands.MissingPermissions(["manage_guild"])
    return True


def user_message(error: app_commands.AppCommandError) -> str | None:
    """The text to show for an expected error, or None for a bug."""
    original = getattr(error, "original", None) or error
    if isinstance(original, UserFacingError):
        return str(original)
    if is_db_outage(original):
        log.warning("database unavailable: %s", original)
        return DB_UNAVAILABLE
    if isinstance(error, app_commands.MissingPermissions):
        perms = permission_names(error.missing_permissions)
        return f"You need the {perms} permission for this command."
    if isinstance(error, app_commands.BotMissingPermissions):
        perms = permission_names(error.missing_permissions)
        return f"I am missing the {perms} permission here; ask an admin to grant it."
    if isinstance(error, app_commands.CommandOnCooldown):
        return f"Slow down a little: try again in {error.retry_after:.0f} s."
    if isinstance(error, app_commands.NoPrivateMessage):
        return "This command only works in a server."
    if isinstance(error, app_commands.CheckFailure):
        return "You can't use this command here."
    if isinstance(error, app_commands.TransformerError):
        return f"I could not understand the value {error.value!r}."
    return None


class VivaTree(app_commands.CommandTree):
    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        """Discord offers ``guild_only`` commands in servers only; one that arrives from a DM
        anyway (a modified client) gets the same clear refusal as the commands' own checks."""
        command = interaction.command
        root = getattr(command, "root_parent", None) or command
        if (interaction.type is discord.InteractionType.application_command
                and interaction.guild is None and getattr(root, "guild_only", False)):
            raise app_commands.NoPrivateMessage()
        return True

    async def on_error(
        self, interaction: discord.Interaction, error: app_commands.AppCommandError
    ) -> None:
        message = user_message(error)
        if message is None:
            command = interaction.command.qualified_name if interaction.command else "?"
            log.exception("bug in /%s", command, exc_info=error)
            message = GENERIC
        await send_ephemeral(interaction, message)


async def send_ephemeral(interaction: discord.Interaction, message: str) -> None:
    """Reply privately whether or not the interaction was already answered."""
    allowed = discord.AllowedMentions.none()
    try:
        if interaction.response.is_done():
            await interaction.followup.send(message, ephemeral=True, allowed_mentions=allowed)
        else:
            await interaction.response.send_message(
                message, ephemeral=True, allowed_mentions=allowed
            )
    except discord.HTTPException:
        log.warning("could not deliver an error message to the user", exc_info=True)
