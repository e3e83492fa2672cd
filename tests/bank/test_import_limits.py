"""An upload is checked in a worker process with a hard time limit: a file whose self-checks
hang, or kill the checker, gets a friendly refusal within the limit and imports nothing."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from bot.bank import server
from bot.bank.server import import_questions, server_questions
from bot.errors import UserFacingError

GOOD = (Path(__file__).parent / "files" / "good.yaml").read_bytes()
GUILD = 333_333_333_333_333_333
REAL_CHECK = server.check_upload  # the worker functions below wrap the real one


def _hang(question) -> list[str]:
    time.sleep(60)
    return []


def _die(question) -> list[str]:
    os._exit(1)


def hanging_check(data, filename, reserved_ids):
    """In the worker: the real parse, with a self-check that never returns."""
    from bot.bank import imports

    imports.self_check = _hang
    return REAL_CHECK(data, filename, reserved_ids)


def crashing_check(data, filename, reserved_ids):
    """In the worker: the real parse, with a self-check that kills the process."""
    from bot.bank import imports

    imports.self_check = _die
    return REAL_CHECK(data, filename, reserved_ids)


async def test_a_file_whose_checks_hang_is_refused_in_time_and_imports_nothing(
        app, monkeypatch):
    monkeypatch.setattr(server, "IMPORT_CHECK_SECONDS", 1.0)
    monkeypatch.setattr(server, "check_upload", hanging_check)
    started = time.monotonic()
    with pytest.raises(UserFacingError, match="checking this file took too long") as refused:
        await import_questions(app, guild_id=GUILD, data=GOOD, filename="good.yaml")
    assert time.monotonic() - started < 15  # the limit, not the 60 s sleep
    assert str(refused.value).startswith("Nothing was imported")
    assert await server_questions(app, GUILD) == []


async def test_a_file_that_kills_the_checker_is_refused_and_imports_nothing(app, monkeypatch):
    monkeypatch.setattr(server, "check_upload", crashing_check)
    with pytest.raises(UserFacingError, match="the checker failed on this file"):
        await import_questions(app, guild_id=GUILD, data=GOOD, filename="good.yaml")
    assert await server_questions(app, GUILD) == []


async def test_the_same_file_imports_when_its_checks_finish(app):
    report = await import_questions(app, guild_id=GUILD, data=GOOD, filename="good.yaml")
    assert report.ok and len(await server_questions(app, GUILD)) == 2
