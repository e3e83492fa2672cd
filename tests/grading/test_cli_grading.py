"""viva equiv / check / derive: one JSON object per input, in order, even for bad input."""

from __future__ import annotations

import json

from bot.cli import main


def lines(capsys) -> list[dict]:
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_equiv_single(capsys):
    assert main(["equiv", "x^2/2", r"\frac{1}{2}x^2"]) == 0
    (out,) = lines(capsys)
    assert out["verdict"] == "equivalent"
    assert set(out) >= {"verdict", "read_a", "read_b", "latex_a", "latex_b", "diagnosis", "ms"}


def test_equiv_symbols_narrow_domains(capsys):
    main(["equiv", "sqrt(x^2)", "x"])
    main(["equiv", "sqrt(x^2)", "x", "--symbols", "x: positive"])
    assert [o["verdict"] for o in lines(capsys)] == ["not_equivalent", "equivalent"]


def test_equiv_batch_keeps_order_and_reports_bad_lines(tmp_path, capsys):
    batch = tmp_path / "pairs.jsonl"
    batch.write_text("\n".join([
        json.dumps({"a": "2x", "b": "x+x"}),
        "not json",
        json.dumps({"a": "log(a b)", "b": "log a + log b",
                    "assumptions": {"a": "positive", "b": "positive"}}),
        json.dumps({"a": "x"}),
        json.dumps({"a": "x", "b": "y", "assumptions": {"x": "purple"}}),
        json.dumps({"a": "x^2", "b": "x^2/2"}),
    ]) + "\n")
    assert main(["equiv", "--batch", str(batch)]) == 0
    out = lines(capsys)
    assert [o["verdict"] for o in out] == ["equivalent", "invalid", "equivalent", "invalid",
                                           "invalid", "not_equivalent"]
    assert out[1]["reason"].startswith("line 2: not JSON")
    assert out[4]["reason"].startswith("line 5: bad symbols: unknown domain 'purple'")
    assert out[5]["diagnosis"] == ("Off by a constant factor: your answer is 2 times the "
                                   "expected one.")


def test_check_by_seed_and_batch(tmp_path, capsys):
    assert main(["check", "1", "sum_i (y_i - sigma(w x_i)) x_i"]) == 0
    batch = tmp_path / "answers.jsonl"
    batch.write_text("\n".join([
        json.dumps({"question": 22, "answer": "σ(z)(1−σ(z))"}),
        json.dumps({"question": "math.nope", "answer": "x"}),
        json.dumps({"question": "probability.kl-divergence-vi", "answer": "x +"}),
        json.dumps({"question": 27, "answer": "x"}),
    ]) + "\n")
    assert main(["check", "--batch", str(batch)]) == 0
    out = lines(capsys)
    assert out[0]["question"] == "math.logistic-gradient" and out[0]["verdict"] == "correct"
    assert [o["verdict"] for o in out[1:]] == ["correct", "unparsed", "unparsed",
                                               "no_symbolic_part"]
    assert "I don't know a question with id 'math.nope'" in out[2]["reason"]


def test_derive_reads_stdin(monkeypatch, capsys):
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO(
        "sigma(z) = 1/(1+exp(-z))\nd/dz: = exp(-z)/(1+exp(-z))^2\n= sigma(z)(1 - sigma(z))\n"))
    assert main(["derive", "22"]) == 0
    (out,) = lines(capsys)
    assert out["first_wrong_step"] is None and out["final_matches_reference"] is True
    assert [s["line"] for s in out["steps"]] == [1, 2, 3]


def test_unknown_question_is_one_friendly_line(capsys):
    assert main(["check", "99", "x"]) == 1
    assert "There is no question number 99" in capsys.readouterr().err


def test_grade_batch_in_order_with_bad_lines(tmp_path, capsys):
    batch = tmp_path / "answers.jsonl"
    batch.write_text("\n".join([
        json.dumps({"question": 8, "answer": "L2 gives sparse solutions."}),
        json.dumps({"question": 8}),
        json.dumps({"question": "math.l1-vs-l2", "answer": ""}),
    ]) + "\n")
    assert main(["grade", "--batch", str(batch)]) == 0
    out = lines(capsys)
    assert [o["band"] for o in out] == ["weak", "invalid", "invalid"]
    assert [m["id"] for m in out[0]["misconceptions"]] == ["l2-sparse"]
    assert out[1]["reason"] == 'line 2: needs "question" and "answer"'
    assert out[2]["reason"] == "The answer is empty."
