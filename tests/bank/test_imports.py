"""Reading a server admin's file: same schema and self-checks as the shipped bank, every
problem as file:line: message (JSON too), nothing accepted from a file with a problem."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.bank.imports import MAX_IMPORT_BYTES, dump_questions, parse_upload

FILES = Path(__file__).parent / "files"
SHIPPED = ["math.sample-derivative", "probability.sample-bayes"]


def parse(text: str, name: str):
    return parse_upload(text.encode(), name, reserved_ids=SHIPPED)


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def messages(parsed) -> list[str]:
    return [str(p) for p in parsed.problems]


def test_a_valid_yaml_file_yields_its_questions_in_order():
    parsed = parse_upload((FILES / "good.yaml").read_bytes(), "good.yaml", reserved_ids=SHIPPED)
    assert parsed.problems == []
    assert [q.id for q in parsed.questions] == ["math.group-trace-trick",
                                                "probability.group-markov"]


@pytest.mark.parametrize("shape", ["single", "list", "mapping"])
def test_json_one_question_a_list_or_the_bank_shape(shape):
    one = json.loads((FILES / "one.json").read_text())
    data = {"single": one, "list": [one], "mapping": {"questions": [one]}}[shape]
    parsed = parse(json.dumps(data, indent=2), "mine.json")
    assert parsed.problems == []
    assert [q.id for q in parsed.questions] == ["optimization.group-momentum"]


def test_yaml_schema_errors_name_the_line_of_the_bad_field():
    text = (FILES / "good.yaml").read_text().replace("difficulty: 2", "difficulty: 9")
    text = text.replace('kind: "gap"', 'kind: "quiz"')
    parsed = parse(text, "good.yaml")
    assert parsed.questions == []
    got = messages(parsed)
    assert f"good.yaml:{line_of(text, 'difficulty: 9')}: question 1 ('math.group-trace-trick'):" \
           " difficulty: Input should be less than or equal to 5" in got
    assert any(m.startswith(f"good.yaml:{line_of(text, 'quiz')}: ") and "probes.1.kind" in m
               for m in got), got


def test_json_errors_have_line_numbers_too():
    one = json.loads((FILES / "one.json").read_text())
    one["difficulty"] = "hard"
    one["colour"] = "blue"
    text = json.dumps(one, indent=4)
    got = messages(parse(text, "mine.json"))
    assert any(m.startswith(f"mine.json:{line_of(text, 'hard')}: ") and "difficulty" in m
               for m in got), got
    assert f"mine.json:{line_of(text, 'colour')}: question 1 ('optimization.group-momentum'): " \
           "colour: unknown field (check the spelling)" in got


def test_json_syntax_error_points_at_its_line():
    text = '{\n  "id": "math.x-y",\n  "title": "t"\n  "section": "math"\n}\n'
    assert messages(parse(text, "bad.json")) == [
        "bad.json:4: not valid JSON: Expecting ',' delimiter"]


def test_yaml_syntax_error_points_at_its_line():
    text = 'questions:\n  - id: "math.a-b"\n    title: [unclosed\n    section: math\n'
    problems = parse(text, "bad.yaml").problems
    assert len(problems) == 1 and problems[0].message.startswith("not valid YAML")
    assert problems[0].line in (3, 4, 5)


def test_every_problem_is_listed_not_just_the_first():
    text = (FILES / "good.yaml").read_text()
    text = text.replace('"math.group-trace-trick"', '"math.sample-derivative"')  # shipped id
    text = text.replace('hints: ["E[X]/a", "non-negative"]', "hints: []")  # self-check
    text = text.replace('title: "Markov', 'seed_number: 3\n    title: "Markov')
    got = messages(parse(text, "g.yaml"))
    assert len(got) == 3, got
    assert f"g.yaml:{line_of(text, 'math.sample-derivative')}: question 1 " \
           "('math.sample-derivative'): id 'math.sample-derivative' belongs to a shipped " \
           "question; choose another id" in got
    assert any(f"g.yaml:{line_of(text, 'seed_number: 3')}:" in m and "seed numbers" in m
               for m in got)
    markov = line_of(text, '"probability.group-markov"')
    assert f"g.yaml:{markov}: question 2 ('probability.group-markov'): key point 'statement' " \
           "has no matching hints" in got


def test_the_same_id_twice_in_one_file_is_refused():
    one = json.loads((FILES / "one.json").read_text())
    text = json.dumps([one, one], indent=1)
    got = messages(parse(text, "twice.json"))
    assert len(got) == 1 and "duplicate id 'optimization.group-momentum'" in got[0]
    assert got[0].startswith("twice.json:") and "(also at line 2)" in got[0]


@pytest.mark.parametrize(("text", "name", "expected"), [
    ("questions: []\n", "e.yaml", "e.yaml:1: the file holds no questions"),
    ("just words\n", "w.yaml", "w.yaml:1: expected one question, a list of questions"),
    ("questions:\n  a: 1\n", "m.yaml", "m.yaml:2: 'questions' must be a list"),
    ("{}", "n.txt", "n.txt:1: attach a .yaml, .yml or .json file"),
])
def test_wrong_shapes_are_explained(text, name, expected):
    assert messages(parse(text, name))[0].startswith(expected)


def test_size_limit_and_encoding():
    big = b"# " + b"x" * MAX_IMPORT_BYTES + b"\n"
    assert "the limit is 256 KB" in messages(parse_upload(big, "big.yaml"))[0]
    latin = 'questions:\n  - title: "caf\xe9"\n'.encode("latin-1")
    assert messages(parse_upload(latin, "l.yaml")) == ["l.yaml:2: the file is not UTF-8 text"]


def test_overlong_ids_are_refused_before_they_break_buttons():
    one = json.loads((FILES / "one.json").read_text())
    one["id"] = "optimization." + "-".join(["word"] * 12)
    got = messages(parse(json.dumps(one, indent=1), "long.json"))
    assert any("longer than 64 characters" in m for m in got), got


def test_export_reads_back_to_the_same_questions():
    parsed = parse_upload((FILES / "good.yaml").read_bytes(), "good.yaml")
    text = dump_questions(parsed.questions)
    again = parse(text, "export.yaml")
    assert again.problems == []
    assert [q.content_hash() for q in again.questions] == \
           [q.content_hash() for q in parsed.questions]
    assert "reference: |" in text  # multi-line text stays readable
