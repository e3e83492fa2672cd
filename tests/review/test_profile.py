"""The profile core and its chart."""

from __future__ import annotations

import datetime as dt
import io

from PIL import Image

from bot.profile.chart import DPI, SIZE, render_chart
from bot.profile.profile import build_profile, profile_sections
from bot.review.record import with_review
from bot.scoring.record import record_attempt
from bot.store import ensure_guild, ensure_user
from tests.review.conftest import BAYES, MATH, T0

GUILD = 500


async def answered(app, user_id: int, items: list[tuple[str, int, str, float | None]]):
    recorder = with_review(record_attempt)
    async with app.sessions() as s:
        await ensure_user(s, user_id=user_id, name="Ada")
        await ensure_guild(s, guild_id=GUILD, name="g")
        for i, (qid, score, band, conf) in enumerate(items):
            await recorder(s, user_id=user_id, guild_id=GUILD, question_id=qid,
                           question_hash="h", kind="question", answer="a", score=score,
                           band=band, confidence=conf, now=T0 + dt.timedelta(hours=i),
                           missed=[{"id": "k", "text": "the prior", "weight": 2}]
                           if qid == BAYES else [])
        await s.commit()


async def test_an_unknown_user_gets_a_friendly_empty_profile(app):
    profile = await build_profile(app, user_id=404, guild_id=GUILD, now=T0, name="Bob")
    assert profile.empty and not profile.known
    [(heading, text)] = profile_sections(profile)
    assert heading == "No answers yet" and "Bob has not answered" in text


async def test_profile_lists_standing_mastery_weak_points_due_and_brier(app):
    await answered(app, 1, [(MATH, 90, "strong", 0.9), (BAYES, 20, "weak", 0.99)])
    profile = await build_profile(app, user_id=1, guild_id=GUILD, now=T0 + dt.timedelta(days=2))
    text = dict(profile_sections(profile))
    assert profile.standing.answered == 2 and profile.standing.points > 0
    assert "points" in text["Standing"] and "streak" in text["Standing"]
    assert "Mathematical Foundations: " in text["Mastery"]
    assert "(1/1 answered)" in text["Mastery"]
    assert text["Weakest key points"].startswith("• the prior")
    assert "Bayes" in text["Due for review"]  # the weak answer is due, the strong one not
    assert "Derivative" not in text["Due for review"]
    assert profile.calibration.brier == ((0.9 - 1) ** 2 + 0.99 ** 2) / 2
    assert "Brier score 0.495 over 2 answers" in text["Calibration"]


async def test_chart_is_a_png_of_the_expected_size(app):
    await answered(app, 1, [(MATH, 90, "strong", 0.9), (BAYES, 20, "weak", None),
                            (MATH, 60, "partial", 0.7)])
    profile = await build_profile(app, user_id=1, guild_id=GUILD, now=T0)
    png = render_chart(profile)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    image = Image.open(io.BytesIO(png))
    assert image.size == (SIZE[0] * DPI, SIZE[1] * DPI)
    assert 10_000 < len(png) < 400_000
    assert len(image.convert("L").getcolors(maxcolors=256)) > 10  # something was drawn


async def test_chart_of_an_empty_profile_still_renders(app):
    profile = await build_profile(app, user_id=404, guild_id=None, now=T0)
    assert Image.open(io.BytesIO(render_chart(profile))).format == "PNG"
