"""Fault fixtures: PostgreSQL behind a proxy the test can cut (tests/faults/proxy.py), and
the simcord fixtures of tests/cogs for cog-level fault tests."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import make_url

from bot.settings import load_settings
from tests.cogs.conftest import (  # noqa: F401  (fixtures)
    alice,
    channel,
    env,
    guild,
    interview_service,
    recorder,
    simcord_bot,
)
from tests.faults.proxy import CuttableProxy


@pytest.fixture
async def db_proxy(postgres_url):
    url = make_url(postgres_url)
    proxy = await CuttableProxy(url.host or "127.0.0.1", url.port or 5432).start()
    yield proxy
    await proxy.close()


@pytest.fixture
def proxied_url(postgres_url, db_proxy) -> str:
    """The test database, reached through the cuttable proxy."""
    url = make_url(postgres_url).set(host="127.0.0.1", port=db_proxy.port)
    return url.render_as_string(hide_password=False)


@pytest.fixture
def pg_settings(proxied_url):
    return load_settings(database_url=proxied_url, _env_file=None, discord_token=None)
