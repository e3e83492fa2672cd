"""/profile on simcord: yours, someone else's, nobody's, a bot's, a member who left."""

from __future__ import annotations

import datetime as dt

from bot.review.record import with_review
from bot.scoring.record import record_attempt
from bot.store import ensure_guild, ensure_user

MATH = "math.sample-derivative"


async def answered(app, user, guild, score: int = 90, band: str = "strong") -> None:
    async with app.sessions() as s:
        await ensure_user(s, user_id=user.id, name=user.name)
        await ensure_guild(s, guild_id=guild.id, name="Study group")
        await with_review(record_attempt)(
            s, user_id=user.id, guild_id=guild.id, question_id=MATH, question_hash="h",
            kind="question", answer="a", score=score, band=band, confidence=0.9,
            now=dt.datetime.now(dt.UTC) - dt.timedelta(hours=1))
        await s.commit()


def fields(result) -> dict[str, str]:
    return {f.name: f.value for f in result.response.embeds[0].fields}


async def test_my_profile_has_standing_mastery_calibration_and_a_chart(env, app, guild,
                                                                       channel, alice):
    await answered(app, alice, guild)
    result = await alice.slash(channel, "profile")
    assert result.ephemeral
    embed = result.response.embeds[0]
    assert embed.title == "Profile · alice"
    got = fields(result)
    assert "points" in got["Standing"] and "1 answered here" in got["Standing"]
    assert "Mathematical Foundations: " in got["Mastery"]
    assert "Brier score 0.010 over 1 answer " in got["Calibration"]
    assert embed.image.url == "attachment://profile.png"
    [attachment] = result.response.attachments
    assert attachment.filename == "profile.png" and attachment.size > 10_000


async def test_someone_without_answers_gets_a_friendly_empty_profile(env, guild, channel,
                                                                     alice):
    bob = guild.add_member(env.create_user("bob"))
    result = await alice.slash(channel, "profile", user=bob)
    assert result.ephemeral
    assert "bob has not answered a question yet" in fields(result)["No answers yet"]
    assert not result.response.attachments


async def test_a_member_who_left_keeps_their_history(env, app, guild, channel, alice):
    carol = guild.add_member(env.create_user("carol"))
    await answered(app, carol, guild, score=10, band="weak")
    guild.remove_member(carol)
    result = await alice.slash(channel, "profile", user=carol.user)
    embed = result.response.embeds[0]
    assert embed.title == "Profile · carol"
    assert "1 answered here" in fields(result)["Standing"]
    assert "No longer a member" in embed.footer.text


async def test_a_bot_has_no_profile(env, guild, channel, alice):
    robot = guild.add_member(env.create_user("robot", bot=True))
    result = await alice.slash(channel, "profile", user=robot)
    assert result.ephemeral and "Bots don't answer questions" in result.response.content
