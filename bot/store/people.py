"""Users and guilds are created on first sight, keyed by their Discord id."""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.store.models import Guild, User

# The console plays as one local user in one local pseudo-server.
CONSOLE_USER_ID = 1
CONSOLE_GUILD_ID = 1


async def ensure_user(session: AsyncSession, *, user_id: int, name: str = "") -> User:
    """Return the user row, creating it (or refreshing its display name). Does not commit."""
    user = await session.get(User, user_id)
    if user is None:
        user = User(id=user_id, name=name[:100])
        session.add(user)
        await session.flush()
    elif name and user.name != name[:100]:
        user.name = name[:100]
    return user


async def ensure_guild(
    session: AsyncSession, *, guild_id: int, name: str = "", timezone: str = "UTC"
) -> Guild:
    """Return the guild row, creating it with ``timezone`` on first sight. Does not commit."""
    guild = await session.get(Guild, guild_id)
    if guild is None:
        guild = Guild(id=guild_id, name=name[:100], timezone=timezone)
        session.add(guild)
        await session.flush()
    elif name and guild.name != name[:100]:
        guild.name = name[:100]
    return guild
