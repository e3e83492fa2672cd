"""The console simulates a day of the daily question: post, answers, reveal, next day."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from bot.console import Console

ROOT = Path(__file__).resolve().parents[2]


async def test_a_simulated_day_in_the_console(daily_app):
    console = Console(daily_app)
    assert "No daily question is open" in await console.handle("/daily reveal")
    post = await console.handle("/daily")
    assert "Daily question posted (daily #1)" in post and "09:00 (UTC)" in post
    assert "bob answered (2 so far)" in post
    graded = await console.handle("/daily answer I would start from the definition")
    assert graded.startswith("Score ") and "This is your counted answer." in graded
    console.state.pop("daily_probe", None)  # not the follow-up: the question again
    again = await console.handle("/daily answer a second try")
    assert "Only your first answer counts; this one was graded for practice." in again
    reveal = await console.handle("/daily reveal")
    assert "Reveal of daily #1" in reveal and "Result: 1 of 3 correct (33 %)" in reveal
    assert "First correct: ada" in reveal and "Discussion thread opened" in reveal
    assert "type /daily first" in await console.handle("/daily answer too late")
    assert "Daily question posted (daily #2)" in await console.handle("/daily")
    assert "Usage: /daily" in await console.handle("/daily dance")


def test_viva_console_daily_flag_starts_with_a_post(tmp_path):
    env = {"DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'v.db'}", "PATH": "/usr/bin:/bin",
           "PYTHONPATH": str(ROOT), "HOME": str(tmp_path)}
    proc = subprocess.run([sys.executable, "-m", "bot", "console", "--daily"], input="/quit\n",
                          capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "Daily question posted (daily #1)" in proc.stdout
