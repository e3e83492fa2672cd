"""Hundreds of labelled pairs (ASCII, Unicode, LaTeX; scalars, sums, matrices, equations,
inequalities), each judged in both orders. A false "equivalent" is the worst error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.grading.engine import equiv

CORPUS = [json.loads(line) for line in
          (Path(__file__).parent / "corpus" / "pairs.jsonl").read_text().splitlines() if line]
CASES = [(r["a"], r["b"], r["assumptions"], r["label"]) for r in CORPUS] + [
    (r["b"], r["a"], r["assumptions"], r["label"]) for r in CORPUS]


def test_corpus_is_large_and_balanced():
    labels = [label for *_, label in CASES]
    assert len(CASES) >= 300
    assert labels.count("not_equivalent") >= 80


@pytest.mark.parametrize(("a", "b", "symbols", "label"), CASES,
                         ids=[f"{i}" for i in range(len(CASES))])
def test_pair(a, b, symbols, label):
    result = equiv(a, b, symbols or None)
    assert result["verdict"] == label, (result["read_a"], result["read_b"], result["reason"])
    assert result["read_a"] and result["latex_a"] and result["read_b"]
