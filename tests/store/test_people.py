"""Users and servers appear on first sight and keep their id."""

from bot.store import Guild, User, ensure_guild, ensure_user


async def test_first_sight_creates_then_refreshes_names(app):
    async with app.sessions() as s:
        await ensure_user(s, user_id=2**60, name="ada")
        await ensure_guild(s, guild_id=2**61, name="Study group", timezone="Europe/Paris")
        await s.commit()
    async with app.sessions() as s:
        await ensure_user(s, user_id=2**60, name="Ada L.")
        await ensure_guild(s, guild_id=2**61, timezone="UTC")
        await s.commit()
    async with app.sessions() as s:
        user = await s.get(User, 2**60)
        guild = await s.get(Guild, 2**61)
    assert user.name == "Ada L."  # snowflake-sized ids fit
    assert (guild.name, guild.timezone) == ("Study group", "Europe/Paris")  # zone kept
