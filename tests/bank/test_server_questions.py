"""A server's own questions: stored all-or-nothing, updated on re-import, limited, and
visible only in that server."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlmodel import select

from bot.app import open_app
from bot.bank import server
from bot.bank.scoped import eligible_questions, find_question
from bot.bank.server import (
    display_id,
    export_questions,
    import_questions,
    remove_question,
    server_questions,
)
from bot.errors import UserFacingError
from bot.scoring.record import record_attempt
from bot.settings import load_settings
from bot.store import ensure_user
from bot.store.models import Attempt, QuestionRow

FILES = Path(__file__).parent / "files"
GOOD = (FILES / "good.yaml").read_bytes()
ONE = (FILES / "one.json").read_bytes()
A, B = 111_111_111_111_111_111, 222_222_222_222_222_222


async def test_import_then_ask_find_and_list_in_that_server(app):
    report = await import_questions(app, guild_id=A, data=GOOD, filename="good.yaml",
                                    guild_name="Study group")
    assert report.ok and report.added == ["math.group-trace-trick", "probability.group-markov"]
    assert report.summary() == ("Imported: 2 added, 0 updated, 0 unchanged. This server now "
                                "has 2 question(s).")
    found = await find_question(app, "math.group-trace-trick", A)
    assert found.title == "The trace trick" and display_id(found.id) == "math.group-trace-trick"
    assert (await find_question(app, found.id, A)).id == found.id  # the storage key works too
    eligible = {q.id for q in await eligible_questions(app, A)}
    assert eligible == set(app.bank.ids()) | {q.id for q in await server_questions(app, A)}
    assert len(eligible) == len(app.bank) + 2


async def test_other_servers_and_dms_cannot_see_them(app):
    await import_questions(app, guild_id=A, data=GOOD, filename="good.yaml")
    key = (await find_question(app, "math.group-trace-trick", A)).id
    for guild_id in (B, None):
        assert {q.id for q in await eligible_questions(app, guild_id)} == set(app.bank.ids())
        for ref in ("math.group-trace-trick", key):
            with pytest.raises(UserFacingError, match="don't know"):
                await find_question(app, ref, guild_id)


async def test_two_servers_may_use_the_same_id_independently(app):
    await import_questions(app, guild_id=A, data=GOOD, filename="good.yaml")
    other = GOOD.replace(b'"The trace trick"', b'"Trace trick, our version"')
    await import_questions(app, guild_id=B, data=other, filename="good.yaml")
    assert (await find_question(app, "math.group-trace-trick", A)).title == "The trace trick"
    assert (await find_question(app, "math.group-trace-trick", B)).title == \
        "Trace trick, our version"


async def test_a_bad_file_changes_nothing_and_lists_every_problem(app):
    await import_questions(app, guild_id=A, data=ONE, filename="one.json")
    before = await export_questions(app, A)
    bad = GOOD.replace(b'"math.group-trace-trick"', b'"math.sample-derivative"')
    bad = bad.replace(b'title: "Markov', b'difficulty: 0\n    title: "Markov')
    report = await import_questions(app, guild_id=A, data=bad, filename="bad.yaml")
    assert not report.ok and len(report.problems) == 2
    assert report.summary() == "Nothing was imported: 2 problem(s) in the file."
    assert await export_questions(app, A) == before
    with pytest.raises(UserFacingError):
        await find_question(app, "probability.group-markov", A)


async def test_reimport_updates_and_old_attempts_keep_their_hash(app):
    await import_questions(app, guild_id=A, data=GOOD, filename="good.yaml")
    old = await find_question(app, "math.group-trace-trick", A)
    async with app.sessions() as s:
        await ensure_user(s, user_id=7, name="alice")
        await record_attempt(s, user_id=7, guild_id=A, question_id=old.id,
                             question_hash=old.content_hash(), kind="question", answer="tr",
                             score=50, band="partial")
        await s.commit()
    edited = GOOD.replace(b"Used for Gaussian", b"It is used for Gaussian")
    report = await import_questions(app, guild_id=A, data=edited, filename="good.yaml")
    assert report.updated == ["math.group-trace-trick"]
    assert report.unchanged == ["probability.group-markov"]
    new = await find_question(app, "math.group-trace-trick", A)
    assert new.id == old.id and new.content_hash() != old.content_hash()
    assert "It is used for Gaussian" in new.reference
    async with app.sessions() as s:
        row = await s.get(QuestionRow, new.id)
        attempt = (await s.exec(select(Attempt))).one()
    assert row.content_hash == new.content_hash()
    assert attempt.question_hash == old.content_hash()


async def test_export_round_trip(app):
    await import_questions(app, guild_id=A, data=GOOD, filename="good.yaml")
    await import_questions(app, guild_id=A, data=ONE, filename="one.json")
    exported = await export_questions(app, A)
    assert "math.group-trace-trick" in exported and f"g{A}" not in exported
    again = await import_questions(app, guild_id=B, data=exported.encode(),
                                   filename="export.yaml")
    assert again.ok and len(again.added) == 3
    same = await import_questions(app, guild_id=A, data=exported.encode(),
                                  filename="export.yaml")
    assert same.unchanged and not same.added and not same.updated
    assert await export_questions(app, B) == exported


async def test_remove_retires_and_reimport_restores(app):
    await import_questions(app, guild_id=A, data=GOOD, filename="good.yaml")
    removed = await remove_question(app, A, "probability.group-markov")
    assert removed.title == "Markov's inequality"
    assert [display_id(q.id) for q in await server_questions(app, A)] == [
        "math.group-trace-trick"]
    with pytest.raises(UserFacingError, match="no question"):
        await remove_question(app, A, "probability.group-markov")
    with pytest.raises(UserFacingError, match="no question"):
        await remove_question(app, B, "math.group-trace-trick")  # not B's to remove
    report = await import_questions(app, guild_id=A, data=GOOD, filename="good.yaml")
    assert report.updated == ["probability.group-markov"]


async def test_export_of_an_empty_server_is_a_friendly_error(app):
    with pytest.raises(UserFacingError, match="no questions of its own"):
        await export_questions(app, A)


async def test_per_server_limit_counts_what_is_there(app, monkeypatch):
    monkeypatch.setattr(server, "MAX_SERVER_QUESTIONS", 2)
    assert (await import_questions(app, guild_id=A, data=GOOD, filename="good.yaml")).ok
    again = await import_questions(app, guild_id=A, data=GOOD, filename="good.yaml")
    assert again.ok  # updating what is there is always fine
    report = await import_questions(app, guild_id=A, data=ONE, filename="one.json")
    assert not report.ok
    assert str(report.problems[0]) == (
        "one.json:1: a server may hold at most 2 questions: it has 2, and this file would "
        "bring it to 3. Remove some with /bank remove first")
    assert len(await server_questions(app, A)) == 2
    assert (await import_questions(app, guild_id=B, data=ONE, filename="one.json")).ok


async def test_stored_row_keeps_the_authors_question(db_url, sample_bank):
    settings = load_settings(database_url=db_url, _env_file=None, discord_token=None)
    async with open_app(settings, bank=sample_bank) as app:
        await import_questions(app, guild_id=A, data=ONE, filename="one.json")
        async with app.sessions() as s:
            row = (await s.exec(select(QuestionRow).where(QuestionRow.guild_id == A))).one()
        assert row.id == f"g{A}.optimization.group-momentum"
        assert json.loads(row.data)["id"] == "optimization.group-momentum"
        assert row.section == "optimization" and row.seed_number is None
        assert [q.id for q in await eligible_questions(app, B)] == sample_bank.ids()


async def test_a_stored_question_the_schema_no_longer_reads_is_skipped(app, caplog):
    await import_questions(app, guild_id=A, data=GOOD, filename="good.yaml")
    async with app.sessions() as s:
        row = await s.get(QuestionRow, f"g{A}.probability.group-markov")
        row.data = json.dumps({**json.loads(row.data), "difficulty": 99})
        row.content_hash = "stale"
        await s.commit()
    assert [display_id(q.id) for q in await server_questions(app, A)] == [
        "math.group-trace-trick"]
    with pytest.raises(UserFacingError):
        await find_question(app, "probability.group-markov", A)
    assert "no longer validates" in caplog.text
