"""Bank files are validated with every problem reported at its file and line."""

from __future__ import annotations

import json

import pytest

from bot.bank import Bank, load_bank, load_paths, parse_text, section_key
from bot.errors import ConfigError, UserFacingError
from tests.conftest import FIXTURES

GOOD = """\
questions:
  - id: "math.one"
    section: "math"
    title: "One"
    prompt: "Prompt one"
    reference: "Reference one, long enough"
"""


def test_sample_bank_loads():
    result = load_paths([FIXTURES / "bank"])
    assert result.ok and [q.id for q in result.questions] == [
        "math.sample-derivative", "probability.sample-bayes"]


def test_broken_file_reports_each_problem_with_its_line():
    result = load_paths([FIXTURES / "broken"])
    found = [(p.line, p.message) for p in result.problems]
    assert found == [
        (10, "question 2 ('math.broken'): difficulty: Input should be less than or equal to 5"),
        (13, "question 2 ('math.broken'): colour: unknown field (check the spelling)"),
        (14, "question 3 ('Not An Id'): id: must look like 'section.kebab-name', "
             "e.g. 'math.logistic-gradient'"),
        (14, "question 3 ('Not An Id'): reference: required field is missing"),
    ]
    assert all(p.path.endswith("bad.yaml") for p in result.problems)
    assert [q.id for q in result.questions] == ["math.fine"]


def test_yaml_syntax_error_names_the_line():
    _, problems = parse_text(GOOD + '  - id: "math.two\n    title: [\n', "x.yaml")
    assert len(problems) == 1
    assert problems[0].line >= 7 and "not valid YAML" in problems[0].message


def test_duplicate_ids_and_seeds_across_files(tmp_path):
    (tmp_path / "a.yaml").write_text(GOOD)
    (tmp_path / "b.json").write_text(json.dumps({"questions": [
        {"id": "math.one", "section": "math", "title": "Again", "prompt": "Prompt again",
         "reference": "a reference text"}]}))
    result = load_paths([tmp_path])
    assert len(result.problems) == 1
    assert "duplicate id 'math.one' (also at" in result.problems[0].message
    assert result.problems[0].path.endswith("b.json")


def test_section_and_id_must_agree(tmp_path):
    text = GOOD.replace('section: "math"', 'section: "probability"')
    _, problems = parse_text(text, "x.yaml")
    assert "does not start with its section" in problems[0].message
    assert problems[0].line == 2


def test_missing_questions_key_and_empty_folder(tmp_path):
    _, problems = parse_text("title: nothing\n", "x.yaml")
    assert "'questions:' list" in problems[0].message
    assert not load_paths([tmp_path]).ok


def test_lookup_by_id_and_seed_number(sample_bank: Bank):
    assert sample_bank.get("1").id == "math.sample-derivative"
    assert sample_bank.get(" probability.sample-bayes ").seed_number == 11
    with pytest.raises(UserFacingError, match="no question number 99"):
        sample_bank.get("99")
    with pytest.raises(UserFacingError, match="I don't know a question with id 'math.nope'"):
        sample_bank.get("math.nope")


def test_section_names_titles_and_numbers():
    assert section_key("Probability") == "probability"
    assert section_key("Advanced Architectures") == "architectures"
    assert section_key("3") == "optimization"
    with pytest.raises(UserFacingError, match="Unknown section"):
        section_key("astrology")


def test_invalid_bank_folder_is_one_config_line(tmp_path):
    (tmp_path / "a.yaml").write_text(GOOD.replace('title: "One"', 'title: ""'))
    with pytest.raises(ConfigError, match=r"question bank is invalid: .*a.yaml:4"):
        load_bank(tmp_path)


def test_content_hash_changes_with_content(sample_bank: Bank):
    q = sample_bank.get("1")
    assert q.content_hash() == q.model_copy().content_hash()
    assert q.content_hash() != q.model_copy(update={"prompt": "changed"}).content_hash()


def test_validate_self_checks_content(tmp_path, capsys):
    from bot.cli import main

    bad = tmp_path / "bad.yaml"
    bad.write_text(GOOD + '''    key_points:
      - id: "no-hints"
        text: "A point without hints"
    symbolic:
      symbols: {x: real}
      answers: ["sqrt(-1 - x^2)", "x +"]
''')
    assert main(["bank", "validate", str(bad)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [
        f"{bad}:2: math.one: symbolic: accepted form 'sqrt(-1 - x^2)' cannot be evaluated "
        "in its declared domains",
        f"{bad}:2: math.one: symbolic: accepted form 'x +' does not parse: The formula ends "
        "too early.",
        f"{bad}:2: math.one: key point 'no-hints' has no matching hints",
    ]


def test_shipped_bank_passes_validation_and_self_checks(capsys):
    from bot.cli import main

    assert main(["bank", "validate"]) == 0
    assert capsys.readouterr().out.strip() == "50 valid questions in 5 file(s)"
