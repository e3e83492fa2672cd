"""A store on SQLite or PostgreSQL (``db_url``) with the sample bank, a server and players,
and ``answer(...)`` to record one graded attempt in its own transaction."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.app import open_app
from bot.scoring.record import record_attempt
from bot.settings import load_settings
from bot.store import ensure_guild, ensure_user

GUILD = 100
MATH = "math.sample-derivative"
BAYES = "probability.sample-bayes"
T0 = dt.datetime(2026, 11, 24, 12, 0, tzinfo=dt.UTC)  # a Tuesday


@pytest.fixture
async def store(db_url, sample_bank):
    settings = load_settings(database_url=db_url, _env_file=None, discord_token=None)
    async with open_app(settings, bank=sample_bank) as app:
        async with app.sessions() as s:
            await ensure_guild(s, guild_id=GUILD, name="Study group", timezone="Europe/Paris")
            for uid in range(1, 6):
                await ensure_user(s, user_id=uid, name=f"player{uid}")
            await s.commit()
        yield app


@pytest.fixture
def answer(store):
    async def record(user_id: int, question_id: str = MATH, score: int = 80, *,
                     kind: str = "question", band: str | None = None, at: dt.datetime = T0,
                     guild_id: int | None = GUILD, **kw):
        band = band or ("strong" if score >= 75 else "partial" if score >= 25 else "weak")
        async with store.sessions() as s:
            recorded = await record_attempt(
                s, user_id=user_id, guild_id=guild_id, question_id=question_id,
                question_hash="h", kind=kind, answer="an answer", score=score, band=band,
                now=at, **kw)
            await s.commit()
        return recorded
    return record


@pytest.fixture
def board(store):
    from bot.scoring.boards import leaderboard

    async def read(period: str = "week", *, at: dt.datetime = T0, **kw):
        async with store.sessions() as s:
            return await leaderboard(s, guild_id=GUILD, period=period, now=at, **kw)
    return read
