"""The console's pseudo-server imports, asks, exports and removes its own questions."""

from __future__ import annotations

from pathlib import Path

from bot.console import Console

GOOD = Path(__file__).parent / "files" / "good.yaml"


async def test_import_ask_answer_export_remove(app, tmp_path):
    console = Console(app)
    assert (await console.handle(f"/bank import {GOOD}")).startswith(
        "Imported: 2 added, 0 updated, 0 unchanged.")
    card = await console.handle("/question math.group-trace-trick")
    assert "THE TRACE TRICK" in card and "id: math.group-trace-trick" in card
    listed = await console.handle("/bank list")
    assert "probability.group-markov" in listed and "Markov's inequality" in listed
    out = tmp_path / "ours.yaml"
    assert await console.handle(f"/bank export {out}") == f"Wrote this console's questions to {out}."
    assert "math.group-trace-trick" in out.read_text()
    assert (await console.handle("/bank export")).startswith("questions:")
    assert "Removed probability.group-markov" in await console.handle(
        "/bank remove probability.group-markov")
    assert "I don't know a question" in await console.handle("/question probability.group-markov")


async def test_a_bad_file_lists_every_problem_and_changes_nothing(app, tmp_path):
    console = Console(app)
    bad = tmp_path / "bad.json"
    bad.write_text('[{"id": "math.x-y", "section": "math"},\n {"id": "nope"}]\n')
    reply = await console.handle(f"/bank import {bad}")
    lines = reply.splitlines()
    assert lines[0].startswith("Nothing was imported:")
    assert any(line.startswith("bad.json:1: question 1 ('math.x-y'): title: required") for line
               in lines), reply
    assert any(line.startswith("bad.json:2: question 2 ('nope'): id:") for line in lines), reply
    assert "no questions of its own" in await console.handle("/bank export")


async def test_usage_and_missing_files(app, tmp_path):
    console = Console(app)
    assert (await console.handle("/bank")).startswith("Usage: /bank import PATH")
    assert "Could not read" in await console.handle(f"/bank import {tmp_path / 'none.yaml'}")
