"""Load question files (YAML or JSON) and validate them, reporting every problem with
its file and line."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import ValidationError

from bot.bank.schema import BankFile, Question

SUFFIXES = (".yaml", ".yml", ".json")
# libyaml's C loader when available (10x faster); line marks are the same.
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_FILE_BYTES = 2_000_000


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a bank file; ``line`` counts from 1."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass
class LoadResult:
    questions: list[Question]
    problems: list[Problem]
    files: list[str]

    @property
    def ok(self) -> bool:
        return not self.problems


def _node_at(root: yaml.Node | None, loc: tuple) -> yaml.Node | None:
    """Follow a pydantic error location through the composed YAML tree."""
    node = root
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            match = next((v for k, v in node.value if k.value == str(part)), None)
            if match is None:
                # unknown keys: point at the key itself
                key = next((k for k, _ in node.value if k.value == str(part)), None)
                return key or node
            node = match
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if part >= len(node.value):
                return node
            node = node.value[part]
        else:
            return node
    return node


def _describe(err: dict, label: str = "") -> str:
    """``question 2 ('math.x'): difficulty: must be at most 5`` — readable, not a loc tuple."""
    parts = [str(p) for p in err["loc"] if not str(p).startswith("function-")]
    field = ".".join(parts)
    msg = err["msg"].removeprefix("Value error, ")
    if err["type"] == "extra_forbidden":
        msg = "unknown field (check the spelling)"
    elif err["type"] == "missing":
        msg = "required field is missing"
    elif err["type"] == "string_pattern_mismatch":
        msg = ("must look like 'section.kebab-name', e.g. 'math.logistic-gradient'"
               if field == "id" else "must be lowercase words joined by '-', e.g. 'full-rank'")
    where = ": ".join(x for x in (label, field) if x)
    return f"{where}: {msg}" if where else msg


def parse_text(text: str, path: str) -> tuple[list[Question], list[Problem]]:
    """Validate one file's text; returns the valid questions and every problem found."""
    found, problems = _parse(text, path)
    return [q for _, q in found], problems


def _parse(text: str, path: str) -> tuple[list[tuple[int, Question]], list[Problem]]:
    """Like ``parse_text``, keeping each valid question's index in the file."""
    try:
        data = yaml.load(text, Loader=Loader)  # noqa: S506 (a safe loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 1 if mark else 1
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return [], [Problem(path, line, f"not valid YAML/JSON: {reason}")]
    if not isinstance(data, dict) or "questions" not in data:
        return [], [Problem(path, 1, "expected a mapping with a 'questions:' list at the top")]
    items = data.get("questions")
    if not isinstance(items, list):
        line = _node_at(_safe_compose(text), ("questions",))
        return [], [Problem(path, line.start_mark.line + 1 if line else 1, "'questions' must be a list")]
    questions: list[tuple[int, Question]] = []
    problems: list[Problem] = []
    root: yaml.Node | None = None  # composed only when a problem needs a line number
    for index, item in enumerate(items):
        try:
            questions.append((index, Question.model_validate(item)))
        except ValidationError as exc:
            root = root or _safe_compose(text)
            for err in exc.errors():
                node = _node_at(root, ("questions", index, *err["loc"]))
                line = node.start_mark.line + 1 if node is not None else 1
                problems.append(Problem(path, line, _describe(err, _label(index, item))))
    if not problems:
        try:
            BankFile.model_validate(data)
        except ValidationError as exc:
            problems.extend(Problem(path, 1, _describe(e)) for e in exc.errors())
    return questions, problems


def _label(index: int, item: object) -> str:
    qid = item.get("id") if isinstance(item, dict) else None
    return f"question {index + 1}" + (f" ({qid!r})" if isinstance(qid, str) else "")


class _Lines:
    """Line numbers of a file's questions, composed only if someone asks."""

    def __init__(self, path: str, text: str):
        self.path, self.text = path, text
        self._lines: dict[int, int] | None = None

    def line(self, index: int) -> int:
        if self._lines is None:
            node = _node_at(_safe_compose(self.text), ("questions",))
            items = node.value if isinstance(node, yaml.SequenceNode) else []
            self._lines = {i: item.start_mark.line + 1 for i, item in enumerate(items)}
        return self._lines.get(index, 1)

    def at(self, index: int) -> _Where:
        return _Where(self, index)


class _Where:
    def __init__(self, lines: _Lines, index: int):
        self.lines, self.index = lines, index

    def __str__(self) -> str:
        return f"{self.lines.path}:{self.lines.line(self.index)}"


def discover(paths: list[Path]) -> list[Path]:
    """Expand folders to their question files (sorted); keep files as given."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.iterdir() if p.suffix in SUFFIXES)
        else:
            found.append(path)
    return found


def load_paths(paths: list[Path]) -> LoadResult:
    """Load and validate every file; also checks ids and seed numbers across files."""
    questions: list[Question] = []
    problems: list[Problem] = []
    files = discover(paths)
    seen_ids: dict[str, _Where] = {}
    seen_seeds: dict[int, _Where] = {}
    for file in files:
        name = str(file)
        if not file.exists():
            problems.append(Problem(name, 1, "no such file or folder"))
            continue
        if file.stat().st_size > MAX_FILE_BYTES:
            problems.append(Problem(name, 1, f"file is larger than {MAX_FILE_BYTES} bytes"))
            continue
        text = file.read_text(encoding="utf-8", errors="replace")
        found, file_problems = _parse(text, name)
        problems += file_problems
        where = _Lines(name, text)
        for index, question in found:
            other = seen_ids.get(question.id)
            if other is not None:
                problems.append(Problem(name, where.line(index),
                                        f"duplicate id {question.id!r} (also at {other})"))
                continue
            other = seen_seeds.get(question.seed_number) if question.seed_number else None
            if other is not None:
                problems.append(Problem(name, where.line(index),
                                        f"duplicate seed_number {question.seed_number} "
                                        f"(also at {other})"))
                continue
            seen_ids[question.id] = seen_seeds_entry = where.at(index)
            if question.seed_number is not None:
                seen_seeds[question.seed_number] = seen_seeds_entry
            questions.append(question)
    if not files:
        problems.append(Problem(", ".join(map(str, paths)) or ".", 1, "no question files found"))
    return LoadResult(questions, problems, [str(f) for f in files])


def _safe_compose(text: str) -> yaml.Node | None:
    try:
        return yaml.compose(text, Loader=Loader)
    except yaml.YAMLError:
        return None


def question_lines(files: list[str]) -> dict[str, dict[str, int]]:
    """For each file, the line where each question id starts (for content problems)."""
    out: dict[str, dict[str, int]] = {}
    for name in files:
        try:
            root = _safe_compose(Path(name).read_text(encoding="utf-8", errors="replace"))
        except OSError:
            continue
        node = _node_at(root, ("questions",))
        if not isinstance(node, yaml.SequenceNode):
            continue
        lines = {}
        for item in node.value:
            id_node = _node_at(item, ("id",))
            if isinstance(id_node, yaml.ScalarNode):
                lines[id_node.value] = item.start_mark.line + 1
        out[name] = lines
    return out
