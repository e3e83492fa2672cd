"""Settings come from the environment; a wrong value is one line naming the variable."""

from __future__ import annotations

import pytest

from bot.errors import ConfigError
from bot.settings import load_settings, parse_shard_range


def test_defaults(monkeypatch):
    for name in ("DATABASE_URL", "DISCORD_TOKEN", "DEFAULT_TIMEZONE", "LOG_LEVEL"):
        monkeypatch.delenv(name, raising=False)
    s = load_settings(_env_file=None)
    assert s.database_url == "sqlite+aiosqlite:///viva.db"
    assert s.discord_token is None and s.default_timezone == "UTC"
    assert s.grading_timeout == 2.0


@pytest.mark.parametrize(("var", "value", "expected"), [
    ("DEFAULT_TIMEZONE", "Mars/Olympus", "invalid setting DEFAULT_TIMEZONE: unknown IANA time zone"),
    ("LOG_LEVEL", "LOUD", "invalid setting LOG_LEVEL: must be one of"),
    ("DATABASE_URL", "mysql://x", "invalid setting DATABASE_URL: must start with"),
    ("SHARD_COUNT", "0", "invalid setting SHARD_COUNT"),
    ("GRADING_TIMEOUT", "soon", "invalid setting GRADING_TIMEOUT"),
])
def test_bad_values_name_the_variable(monkeypatch, var, value, expected):
    monkeypatch.setenv(var, value)
    with pytest.raises(ConfigError) as info:
        load_settings(_env_file=None)
    assert str(info.value).startswith(expected)
    assert "\n" not in str(info.value)


def test_env_file_and_shards(tmp_path, monkeypatch):
    monkeypatch.delenv("SHARD_IDS", raising=False)
    env = tmp_path / ".env"
    env.write_text("DEFAULT_TIMEZONE=Europe/Paris\nSHARD_IDS=0-3\nSHARD_COUNT=8\n")
    s = load_settings(_env_file=env)
    assert s.default_timezone == "Europe/Paris"
    assert s.shard_ids == [0, 1, 2, 3] and s.shard_count == 8
    assert parse_shard_range("0, 2, 5-6") == [0, 2, 5, 6]
