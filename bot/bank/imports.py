"""Read a server admin's question file (YAML or JSON): the same schema and content
self-checks as the shipped bank, every problem reported as ``file:line: message``.

A file holds one question, a list of questions, or ``{"questions": [...]}``. This module
only reads and checks; ``bot.bank.server`` stores what passes.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePath

import yaml
from pydantic import ValidationError

from bot.bank.loader import Loader, Problem, _describe, _label, _node_at
from bot.bank.schema import Question
from bot.bank.selfcheck import self_check

MAX_IMPORT_BYTES = 256 * 1024
# A stored key is ``g<guild id>.<id>`` (at most 22 + 64 characters); with a probe id it
# must fit the 100-character custom id of the Discord follow-up button.
MAX_ID_LENGTH = 64
MAX_ID_AND_PROBE = 64
SUFFIXES = (".yaml", ".yml", ".json")


@dataclass(frozen=True)
class Parsed:
    """The questions a file holds (in file order) and every problem found in it."""

    questions: list[Question]
    problems: list[Problem]


class _Lines:
    """Line numbers in the file, from its YAML node tree (JSON is read as YAML for this;
    tabs, legal between JSON tokens, become spaces). Composed only when needed."""

    def __init__(self, text: str, is_json: bool):
        self.text = text.replace("\t", " ") if is_json else text
        self._root: yaml.Node | None = None
        self._composed = False

    def at(self, loc: Iterable) -> int:
        if not self._composed:
            self._composed = True
            try:
                self._root = yaml.compose(self.text, Loader=Loader)
            except yaml.YAMLError:
                self._root = None
        node = _node_at(self._root, tuple(loc))
        return node.start_mark.line + 1 if node is not None else 1


def _decode(data: bytes, name: str) -> tuple[str | None, Problem | None]:
    if len(data) > MAX_IMPORT_BYTES:
        return None, Problem(name, 1, f"the file is {len(data) // 1024} KB; the limit is "
                                      f"{MAX_IMPORT_BYTES // 1024} KB")
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, Problem(name, line, "the file is not UTF-8 text")


def _load(text: str, name: str, is_json: bool) -> tuple[object, Problem | None]:
    if is_json:
        try:
            return json.loads(text), None
        except json.JSONDecodeError as exc:
            return None, Problem(name, exc.lineno, f"not valid JSON: {exc.msg}")
    try:
        return yaml.load(text, Loader=Loader), None  # noqa: S506 (a safe loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return None, Problem(name, mark.line + 1 if mark else 1, f"not valid YAML: {reason}")


def _items(data: object) -> tuple[list | None, tuple, str | None]:
    """The list of question items and their location prefix in the tree, or why not."""
    if isinstance(data, list):
        return data, (), None
    if isinstance(data, dict) and "questions" in data:
        items = data["questions"]
        if not isinstance(items, list):
            return None, ("questions",), "'questions' must be a list"
        extra = sorted(str(k) for k in data if k != "questions")
        if extra:
            return None, (extra[0],), f"unknown top-level field {extra[0]!r}"
        return items, ("questions",), None
    if isinstance(data, dict) and "id" in data:
        return [data], None, None  # one question on its own
    return None, (), ("expected one question, a list of questions, or a mapping with a "
                      "'questions:' list")


def parse_upload(data: bytes, filename: str, *, reserved_ids: Iterable[str] = ()) -> Parsed:
    """Read and check one uploaded file. ``reserved_ids`` (the shipped bank's) may not be
    reused. Problems name the file and line; a file with problems stores nothing."""
    name = PurePath(filename or "upload").name[:100]
    suffix = PurePath(name).suffix.lower()
    if suffix not in SUFFIXES:
        return Parsed([], [Problem(name, 1, "attach a .yaml, .yml or .json file")])
    text, problem = _decode(data, name)
    if problem is not None:
        return Parsed([], [problem])
    is_json = suffix == ".json"
    loaded, problem = _load(text, name, is_json)
    if problem is not None:
        return Parsed([], [problem])
    lines = _Lines(text, is_json)
    items, prefix, why = _items(loaded)
    if items is None:
        return Parsed([], [Problem(name, lines.at(prefix or ()), why)])
    if not items:
        return Parsed([], [Problem(name, lines.at(prefix or ()), "the file holds no questions")])
    reserved = set(reserved_ids)
    questions: list[Question] = []
    problems: list[Problem] = []
    first_line: dict[str, int] = {}
    for index, item in enumerate(items):
        where = (*prefix, index) if prefix is not None else ()
        label = _label(index, item)
        try:
            question = Question.model_validate(item)
        except ValidationError as exc:
            problems += [Problem(name, lines.at((*where, *err["loc"])), _describe(err, label))
                         for err in exc.errors()]
            continue
        found = _rules(question, reserved, first_line)
        problems += [Problem(name, lines.at((*where, *loc)), f"{label}: {msg}")
                     for loc, msg in found]
        problems += [Problem(name, lines.at(where), f"{label}: {msg}")
                     for msg in self_check(question)]
        first_line.setdefault(question.id, lines.at(where))
        questions.append(question)
    return Parsed(questions if not problems else [], problems)


def _rules(question: Question, reserved: set[str],
           seen: dict[str, int]) -> list[tuple[tuple, str]]:
    """What a server question may not do beyond the schema: (location, message) pairs."""
    found: list[tuple[tuple, str]] = []
    if question.id in reserved:
        found.append((("id",), f"id {question.id!r} belongs to a shipped question; "
                               "choose another id"))
    elif question.id in seen:
        found.append((("id",), f"duplicate id {question.id!r} (also at line "
                               f"{seen[question.id]})"))
    if len(question.id) > MAX_ID_LENGTH:
        found.append((("id",), f"id is longer than {MAX_ID_LENGTH} characters"))
    if question.seed_number is not None:
        found.append((("seed_number",), "seed numbers belong to the shipped bank; "
                                        "remove seed_number"))
    for index, probe in enumerate(question.probes):
        if len(question.id) + len(probe.id) > MAX_ID_AND_PROBE:
            found.append((("probes", index, "id"),
                          f"probe id {probe.id!r} plus the question id is longer than "
                          f"{MAX_ID_AND_PROBE} characters; shorten one of them"))
    return found


def dump_questions(questions: Iterable[Question]) -> str:
    """YAML that ``parse_upload`` reads back to the same questions (same content hash)."""
    items = [q.model_dump(mode="json", exclude_defaults=True) for q in questions]
    return yaml.dump({"questions": items}, Dumper=_Dumper, sort_keys=False,
                     allow_unicode=True, width=100)


class _Dumper(yaml.SafeDumper):
    """Multi-line strings as ``|`` blocks, the way authors write prompts."""


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)
