"""``viva bank import GUILD_ID FILE`` and ``viva bank export GUILD_ID``."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main
from bot.settings import get_settings

GOOD = Path(__file__).parent / "files" / "good.yaml"


@pytest.fixture
def database(tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'cli.db'}")
    monkeypatch.delenv("DISCORD_TOKEN", raising=False)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def test_import_then_export_round_trip(database, tmp_path, capsys):
    assert main(["bank", "import", "77", str(GOOD)]) == 0
    assert capsys.readouterr().out.startswith("Imported: 2 added")
    out = tmp_path / "back.yaml"
    assert main(["bank", "export", "77", "--out", str(out)]) == 0
    assert "math.group-trace-trick" in out.read_text()
    assert main(["bank", "import", "77", str(out)]) == 0
    assert "0 added, 0 updated, 2 unchanged" in capsys.readouterr().out
    assert main(["bank", "export", "78"]) == 1  # another server has none
    assert "no questions of its own" in capsys.readouterr().err


def test_problems_are_printed_with_lines_and_exit_1(database, tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text(GOOD.read_text().replace("difficulty: 2", "difficulty: six"))
    assert main(["bank", "import", "77", str(bad)]) == 1
    captured = capsys.readouterr()
    assert captured.out.startswith("bad.yaml:6: question 1 ('math.group-trace-trick'): "
                                   "difficulty:")
    assert "Nothing was imported" in captured.err
