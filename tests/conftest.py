"""Shared fixtures: settings on a temporary SQLite file, a fresh PostgreSQL database per
test (when ``VIVA_TEST_POSTGRES_URL`` is set; required under ``CI=true``), the sample bank
and an open core ``App``."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest

from bot.app import open_app
from bot.bank import load_bank
from bot.settings import load_settings

FIXTURES = Path(__file__).parent / "fixtures"
PG_ENV = "VIVA_TEST_POSTGRES_URL"


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite+aiosqlite:///{tmp_path / 'viva.db'}"


def _pg_base() -> str | None:
    url = os.environ.get(PG_ENV)
    if not url:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{PG_ENV} must be set when CI=true (PostgreSQL tests may not skip)")
        pytest.skip(f"PostgreSQL tests need {PG_ENV}, e.g. "
                    "postgresql+asyncpg://postgres@127.0.0.1:5432/test")
    return url


@pytest.fixture
async def postgres_url() -> str:
    """A new, empty database on the test server, dropped afterwards."""
    import asyncpg
    from sqlalchemy.engine import make_url

    base = make_url(_pg_base())
    name = f"viva_t_{uuid.uuid4().hex[:12]}"
    dsn = base.set(drivername="postgresql").render_as_string(hide_password=False)
    try:
        admin = await asyncpg.connect(dsn, timeout=5)
    except (OSError, asyncpg.PostgresError) as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(f"PostgreSQL at {base.host}:{base.port} is unreachable: {exc}")
        pytest.skip(f"PostgreSQL at {base.host}:{base.port} is unreachable: {exc}")
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
        yield base.set(database=name).render_as_string(hide_password=False)
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Run a test on both stores."""
    if request.param == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path / 'viva.db'}"
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def sample_bank():
    return load_bank(FIXTURES / "bank")


@pytest.fixture
def settings(sqlite_url: str):
    return load_settings(database_url=sqlite_url, _env_file=None, discord_token=None)


@pytest.fixture
async def app(settings, sample_bank):
    async with open_app(settings, bank=sample_bank) as opened:
        yield opened
