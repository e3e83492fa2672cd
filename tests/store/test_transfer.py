"""A growing community moves from SQLite to PostgreSQL without losing a row."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import text

from bot.app import open_app
from bot.errors import ConfigError
from bot.interview.models import Interview
from bot.store import Attempt, make_engine
from bot.store.transfer import copy_database, table_fingerprint
from tests.interview.fakes import fake_grader


async def _populate(settings, sample_bank):
    from bot.interview.service import InterviewService

    async with open_app(settings, bank=sample_bank) as app:
        service = InterviewService(app, fake_grader)
        for user in (1, 2, 2**60):
            out = await service.start(user_id=user, user_name=f"user-{user}", guild_id=7,
                                      length=2)
            await service.answer(interview_id=out.next.interview_id, user_id=user,
                                 text="σ(z)(1 − σ(z)) — naïve answer ✓")
        async with app.sessions() as s:
            for i in range(25):
                s.add(Attempt(user_id=1, guild_id=7, question_id="math.sample-derivative",
                              question_hash="h", answer=f"answer {i}", score=i * 1.5))
            await s.commit()


async def test_copy_is_complete_and_verified(settings, sample_bank, postgres_url, capsys):
    await _populate(settings, sample_bank)
    report = await copy_database(settings.database_url, postgres_url)
    assert report.ok
    counts = {t.name: t.rows for t in report.tables}
    assert counts["attempts"] == 25 and counts["interviews"] == 3 and counts["users"] == 3
    assert counts["interview_turns"] == 3 and counts["questions"] == 2

    src, dst = make_engine(settings.database_url), make_engine(postgres_url)
    try:
        for table in report.tables:
            from sqlmodel import SQLModel

            t = SQLModel.metadata.tables[table.name]
            async with src.connect() as a, dst.connect() as b:
                assert await table_fingerprint(a, t) == await table_fingerprint(b, t)
        async with dst.begin() as conn:  # sequences moved on: new rows get fresh ids
            await conn.execute(text(
                "INSERT INTO attempts (user_id, question_id, question_hash, kind, answer, "
                "created_at) VALUES (1, 'math.sample-derivative', 'h', 'question', 'new', now())"))
            top = (await conn.execute(text("SELECT max(id) FROM attempts"))).scalar()
            assert top == 26
            turn = (await conn.execute(text("SELECT answer, result FROM interview_turns "
                                            "ORDER BY id LIMIT 1"))).one()
            assert turn.answer == "σ(z)(1 − σ(z)) — naïve answer ✓"
            assert json.loads(turn.result)["band"] in {"strong", "partial", "weak"}
        async with dst.connect() as conn:
            big = (await conn.execute(text("SELECT id FROM users ORDER BY id DESC"))).first()
            assert big.id == 2**60
    finally:
        await src.dispose()
        await dst.dispose()
    assert Interview.__tablename__ in counts


async def test_refuses_a_destination_that_holds_data(settings, sample_bank, postgres_url):
    await _populate(settings, sample_bank)
    await copy_database(settings.database_url, postgres_url)
    with pytest.raises(ConfigError, match="destination already holds data"):
        await copy_database(settings.database_url, postgres_url)


async def test_wrong_directions_are_refused(settings, postgres_url):
    with pytest.raises(ConfigError, match="source must be a SQLite URL"):
        await copy_database(postgres_url, postgres_url)
    with pytest.raises(ConfigError, match="destination must be a PostgreSQL URL"):
        await copy_database(settings.database_url, settings.database_url)


def test_cli_copies_and_reports(settings, sample_bank, postgres_url, capsys, monkeypatch):
    import asyncio

    from bot.cli import main

    asyncio.run(_populate(settings, sample_bank))
    code = main(["db", "migrate-sqlite-to-postgres", "--from", settings.database_url,
                 "--to", postgres_url])
    out = capsys.readouterr().out
    assert code == 0
    assert "attempts                        25 rows" in out
    assert "counts and checksums match" in out
