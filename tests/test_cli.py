"""The ``viva`` command as a user runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from bot.cli import main
from tests.conftest import FIXTURES

ROOT = Path(__file__).resolve().parent.parent


def viva(*args: str, stdin: str = "", env: dict | None = None, cwd: Path | None = None):
    full_env = {k: v for k, v in os.environ.items() if k not in ("DISCORD_TOKEN", "DATABASE_URL")}
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "bot", *args], input=stdin, capture_output=True, text=True,
        env=full_env, cwd=cwd or ROOT, timeout=120,
    )


def test_bank_validate_sample_and_broken(capsys):
    assert main(["bank", "validate", str(FIXTURES / "bank")]) == 0
    assert "2 valid questions in 1 file(s)" in capsys.readouterr().out
    assert main(["bank", "validate", str(FIXTURES / "broken")]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].endswith("bad.yaml:10: question 2 ('math.broken'): difficulty: "
                           "Input should be less than or equal to 5")


def test_bank_list_json_has_every_field(capsys):
    assert main(["bank", "list", "--json", str(FIXTURES / "bank")]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [q["id"] for q in data] == ["math.sample-derivative", "probability.sample-bayes"]
    assert {"prompt", "reference", "key_points", "probes", "seed_number", "tags"} <= set(data[0])


def test_bank_list_text_and_section(capsys):
    assert main(["bank", "list", "--section", "probability", str(FIXTURES / "bank")]) == 0
    out = capsys.readouterr().out
    assert "probability.sample-bayes" in out and "math.sample" not in out


def test_console_from_a_script_on_a_fresh_sqlite_file(tmp_path):
    result = viva("console", stdin="/question 1\n/question 99\n/quit\n", cwd=tmp_path,
                  env={"BANK_PATH": str(FIXTURES / "bank"), "PYTHONPATH": str(ROOT)})
    assert result.returncode == 0, result.stderr
    assert "DERIVATIVE OF THE SIGMOID" in result.stdout
    assert "There is no question number 99" in result.stdout
    assert (tmp_path / "viva.db").exists()  # the default store, in the working directory


def test_no_command_and_no_token_opens_the_console(tmp_path):
    result = viva(stdin="/quit\n", cwd=tmp_path,
                  env={"BANK_PATH": str(FIXTURES / "bank"), "PYTHONPATH": str(ROOT)})
    assert result.returncode == 0
    assert "starting the offline console" in result.stderr
    assert "Viva console" in result.stdout


def test_run_without_token_explains_how_to_set_one(tmp_path):
    result = viva("run", cwd=tmp_path, env={"PYTHONPATH": str(ROOT)})
    assert result.returncode == 2
    assert "DISCORD_TOKEN is not set" in result.stderr and "viva console" in result.stderr


def test_unreachable_database_is_one_line(tmp_path):
    result = viva("console", stdin="/quit\n", cwd=tmp_path, env={
        "PYTHONPATH": str(ROOT), "DATABASE_URL": "postgresql+asyncpg://viva@127.0.0.1:1/x"})
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "viva: cannot reach the database at postgresql+asyncpg://viva@127.0.0.1:1/x: "
        "[Errno 111] Connect call failed ('127.0.0.1', 1)"]


def test_bad_setting_is_one_line(tmp_path):
    result = viva("console", cwd=tmp_path, env={"PYTHONPATH": str(ROOT), "LOG_LEVEL": "loud"})
    assert result.returncode == 1
    assert result.stderr.strip() == ("viva: invalid setting LOG_LEVEL: must be one of "
                                     "CRITICAL, ERROR, WARNING, INFO, DEBUG")


def test_db_upgrade_command(tmp_path):
    url = f"sqlite+aiosqlite:///{tmp_path / 'up.db'}"
    result = viva("db", "upgrade", cwd=tmp_path, env={"PYTHONPATH": str(ROOT), "DATABASE_URL": url})
    assert result.returncode == 0, result.stderr
    assert "is at head" in result.stdout


def test_bank_new_writes_a_valid_scaffold(tmp_path, capsys):
    from bot.bank import load_paths

    out = tmp_path / "jensen.yaml"
    assert main(["bank", "new", "math.jensen-inequality", "--out", str(out)]) == 0
    assert "fill in the TODOs" in capsys.readouterr().out
    result = load_paths([out])
    assert result.ok, result.problems
    question = result.questions[0]
    assert (question.id, question.section, question.title) == (
        "math.jensen-inequality", "math", "Jensen inequality")
    assert main(["bank", "new", "math.jensen-inequality", "--out", str(out)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert main(["bank", "new", "Jensen", "--out", str(tmp_path / "x.yaml")]) == 1
    assert "must look like 'section.kebab-name'" in capsys.readouterr().err
