"""kill -9 the daily scheduler mid-window (a real process on a SQLite file: the real
scheduler, posting, answers and reveal; Discord replaced by an fsynced channel log that,
like Discord, answers a re-sent nonce with the first message; tests/faults/daily_driver.py).

After every restart: the question was posted once for the server and date, every
acknowledged answer is stored, and the reveal happens once, counting them all.
"""

from __future__ import annotations

import json
import os
import queue
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
G = 23 << 22
DAY = "2026-03-23"
T = f"{DAY}T{{}}+00:00"  # times on the simulated clock, UTC
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")


class Driver:
    """tests/faults/daily_driver.py as a child process, read line by line."""

    def __init__(self, tmp: Path, now: str, *, hang_after: str | None = None):
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        env.pop("DISCORD_TOKEN", None)
        args = [sys.executable, "-m", "tests.faults.daily_driver", str(tmp / "viva.db"),
                str(tmp / "channel.log"), now]
        if hang_after:
            args += ["--hang-after", hang_after]
        self.proc = subprocess.Popen(args, cwd=ROOT, env=env, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                     text=True, bufsize=1)
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._pump, daemon=True).start()
        self.started = self.expect("started")

    def _pump(self) -> None:
        for line in self.proc.stdout:  # type: ignore[union-attr]
            self.lines.put(line.rstrip("\n"))

    def send(self, line: str) -> None:
        self.proc.stdin.write(line + "\n")  # type: ignore[union-attr]
        self.proc.stdin.flush()  # type: ignore[union-attr]

    def expect(self, prefix: str | tuple[str, ...], timeout: float = 60) -> list[str]:
        """Lines up to and including the first that starts with ``prefix``."""
        out: list[str] = []
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                out.append(self.lines.get(timeout=0.1))
            except queue.Empty:
                if self.proc.poll() is not None:
                    break
                continue
            if out[-1].startswith(prefix):
                return out
        raise AssertionError(f"no {prefix!r} (exit {self.proc.poll()}); got {out[-10:]!r}")

    def at(self, when: str) -> list[str]:
        self.send(f"at {T.format(when)}")
        return self.expect("ok at")

    def answer(self, user: int, text: str) -> str:
        self.send(f"answer {G} {user} {text}")
        return self.expect(("ack", "refused"))[-1]

    def kill9(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(10)
        assert self.proc.returncode == -signal.SIGKILL

    def quit(self) -> None:
        self.proc.stdin.close()  # type: ignore[union-attr]
        assert self.proc.wait(20) == 0


def channel(tmp: Path, kind: str) -> list[dict]:
    """Messages Discord shows in the channel (re-sends answered by nonce are not new)."""
    entries = [json.loads(x) for x in (tmp / "channel.log").read_text().splitlines()]
    return [e for e in entries if e["kind"] == kind and e["new"]]


def resends(tmp: Path, kind: str) -> list[dict]:
    entries = [json.loads(x) for x in (tmp / "channel.log").read_text().splitlines()]
    return [e for e in entries if e["kind"] == kind and not e["new"]]


def sent_id(tmp: Path) -> int:
    [post] = channel(tmp, "post")
    return post["post_id"]


def row(tmp: Path) -> dict:
    with sqlite3.connect(tmp / "viva.db") as con:
        con.row_factory = sqlite3.Row
        [r] = con.execute("SELECT * FROM daily_posts WHERE guild_id = ?", (G,)).fetchall()
        return dict(r)


def answered(tmp: Path) -> list[int]:
    with sqlite3.connect(tmp / "viva.db") as con:
        return [u for (u,) in con.execute(
            "SELECT user_id FROM daily_entries WHERE answered_at IS NOT NULL ORDER BY user_id")]


def _start_and_post(tmp: Path, *, hang_after: str | None = None) -> Driver:
    first = Driver(tmp, T.format("08:59:00"), hang_after=hang_after)
    first.send(f"setup {G} 09:00 60")  # posted at 09:00, revealed at 10:00
    first.expect("ok setup")
    return first


def test_kill9_between_the_send_and_the_row_posts_once_and_reveals(tmp_path):
    first = _start_and_post(tmp_path, hang_after="post")
    first.send(f"at {T.format('09:00:05')}")
    first.expect("hung post")  # the channel has the message; the row is not marked yet
    first.kill9()
    assert row(tmp_path)["status"] == "claimed"
    [sent] = channel(tmp_path, "post")

    second = Driver(tmp_path, T.format("09:00:15"))  # restarted 10 s later
    assert f"daily-recheck:{G}" in second.started[-1]  # the claim is not stale yet
    second.at("09:05:00")  # the dead process's claim expires and is taken over
    assert [(p["guild"], p["date"]) for p in channel(tmp_path, "post")] == [(G, DAY)]
    after = row(tmp_path)
    assert after["status"] == "posted" and after["message_id"] == sent["message_id"]
    assert [r["nonce"] for r in resends(tmp_path, "post")] == [sent["nonce"]]
    assert second.answer(601, "The gradient follows from the chain rule.").startswith(
        "ack 601 first=1 count=1")
    second.at("10:05:00")  # an hour after the post went out (the re-send's time)
    second.quit()
    [reveal] = channel(tmp_path, "reveal")
    assert reveal["post_id"] == sent["post_id"] and reveal["answer_count"] == 1
    assert row(tmp_path)["reveal_state"] == "done"


def test_kill9_after_answers_and_during_the_reveal_loses_nothing(tmp_path):
    first = _start_and_post(tmp_path)
    assert f"fired daily-post:{G} posted" in first.at("09:00:05")
    acks = [first.answer(u, f"Answer from {u}: regularisation trades bias for variance.")
            for u in (701, 702, 703)]
    assert [a.split()[:2] for a in acks] == [["ack", "701"], ["ack", "702"], ["ack", "703"]]
    first.send(f"answer {G} 704 An answer in flight when the process dies.")
    first.kill9()  # perhaps mid-grading: stored whole or not at all
    stored = answered(tmp_path)
    assert stored[:3] == [701, 702, 703] and row(tmp_path)["answer_count"] == len(stored)

    second = Driver(tmp_path, T.format("09:20:00"), hang_after="reveal")
    assert second.started[-1].startswith("started {}")  # nothing to catch up: it is out
    assert second.answer(705, "After the restart.").startswith(
        f"ack 705 first=1 count={len(stored) + 1}")
    second.send(f"at {T.format('10:00:30')}")
    second.expect("hung reveal")
    second.kill9()
    assert row(tmp_path)["reveal_state"] == "claimed"

    third = Driver(tmp_path, T.format("10:00:40"))  # restarted during the reveal
    assert f"fired daily-reveal:{sent_id(tmp_path)} revealed" in third.at("10:05:00")
    assert third.answer(706, "Too late.").startswith("refused 706")
    third.quit()
    assert len(channel(tmp_path, "post")) == 1
    [reveal] = channel(tmp_path, "reveal")
    assert reveal["answer_count"] == len(stored) + 1 == len(answered(tmp_path))
    after = row(tmp_path)
    assert after["reveal_state"] == "done" and after["thread_id"] == reveal["message_id"] + 1
