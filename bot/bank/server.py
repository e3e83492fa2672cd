"""A server's own questions, stored in the ``questions`` table.

Storage scheme: a server question's row has ``guild_id`` set, the whole question (as its
author wrote it) as JSON in ``data``, and the primary key ``g<guild id>.<author's id>``
(``storage_key``). Shipped ids always start with a section name, so the two never
collide, and attempts, reviews and buttons keep referring to one ``questions.id``.
Questions built from a row carry that key as their ``id``; ``display_id`` gives back the
author's id for people to read and type.

Import is all or nothing: a file with any problem changes nothing. Re-importing an id
updates that question (its content hash changes; earlier attempts keep the hash they
answered). ``remove`` retires a question: its attempts stay, it is no longer asked.

An upload is parsed and self-checked in a worker process with a hard time limit
(``IMPORT_CHECK_SECONDS``): a file whose checks hang or crash the worker is refused, and the
event loop and the grading workers are never held up by it.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass, field
from pathlib import PurePath

from sqlalchemy.exc import IntegrityError
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.bank.imports import Parsed, dump_questions, parse_upload
from bot.bank.loader import Problem
from bot.bank.schema import Question
from bot.errors import UserFacingError
from bot.grading.pool import CRASH_REASON, GradingPool
from bot.store.models import QuestionRow, utcnow
from bot.store.people import ensure_guild

log = logging.getLogger(__name__)
MAX_SERVER_QUESTIONS = 200
_KEY = re.compile(r"^g(\d+)\.(.+)$")
_CACHE: dict[tuple[str, str], Question] = {}
_CACHE_SIZE = 4096
# The time limit for parsing and self-checking one upload. The largest file allowed (256 KB,
# about 24 shipped-size questions, most of them symbolic) takes about 2 s on a laptop.
IMPORT_CHECK_SECONDS = 10.0


def storage_key(guild_id: int, question_id: str) -> str:
    return f"g{guild_id}.{question_id}"


def split_key(key: str) -> tuple[int, str] | None:
    """``(guild_id, author's id)`` for a server question's key, else ``None``."""
    match = _KEY.match(key)
    return (int(match[1]), match[2]) if match else None


def display_id(question_id: str) -> str:
    """The id as its author wrote it (a shipped id is returned unchanged)."""
    split = split_key(question_id)
    return split[1] if split else question_id


def is_server_question(question_id: str) -> bool:
    return split_key(question_id) is not None


def from_row(row: QuestionRow) -> Question:
    """The question stored in ``row``, with the storage key as its id (cached by hash)."""
    cached = _CACHE.get((row.id, row.content_hash))
    if cached is None:
        authored = Question.model_validate(json.loads(row.data or "{}"))
        cached = authored.model_copy(update={"id": row.id})
        if len(_CACHE) >= _CACHE_SIZE:
            _CACHE.clear()
        _CACHE[(row.id, row.content_hash)] = cached
    return cached


def _scope(guild_id: int):
    return QuestionRow.guild_id == guild_id


async def _rows(session: AsyncSession, guild_id: int, *, retired: bool = False):
    query = select(QuestionRow).where(_scope(guild_id))
    if not retired:
        query = query.where(QuestionRow.retired_at.is_(None))
    return list((await session.exec(query.order_by(QuestionRow.id))).all())


def _readable(row: QuestionRow) -> Question | None:
    """``from_row``, or ``None`` (logged) for a row the current schema no longer reads, so
    one stale question cannot break a whole server."""
    try:
        return from_row(row)
    except (ValueError, TypeError):
        log.warning("stored server question %s no longer validates; skipped", row.id,
                    exc_info=True)
        return None


async def server_questions(app, guild_id: int) -> list[Question]:
    """The server's live (not retired) questions, keyed by storage key."""
    async with app.sessions() as s:
        rows = await _rows(s, guild_id)
    return [q for q in map(_readable, rows) if q is not None]


async def server_question(app, guild_id: int, question_id: str, *,
                          retired: bool = False) -> Question | None:
    """One live question of this server by its author's id or storage key (``retired``:
    a removed one too, for an interview that started with it)."""
    split = split_key(question_id)
    if split is not None:
        if split[0] != guild_id:
            return None
        question_id = split[1]
    async with app.sessions() as s:
        row = await s.get(QuestionRow, storage_key(guild_id, question_id))
    if row is None or row.guild_id != guild_id or (row.retired_at is not None and not retired):
        return None
    return _readable(row)


@dataclass
class ImportReport:
    """What an import did; when ``problems`` is not empty it changed nothing."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    total: int = 0  # the server's live questions afterwards

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        if self.problems:
            return (f"Nothing was imported: {len(self.problems)} problem(s) in the file.")
        parts = [f"{len(self.added)} added", f"{len(self.updated)} updated",
                 f"{len(self.unchanged)} unchanged"]
        return f"Imported: {', '.join(parts)}. This server now has {self.total} question(s)."


def _store(row: QuestionRow, question: Question, scoped: Question) -> None:
    row.section = question.section
    row.title = question.title
    row.difficulty = question.difficulty
    row.seed_number = None
    row.content_hash = scoped.content_hash()
    row.data = json.dumps(question.model_dump(mode="json"), ensure_ascii=False)


def check_upload(data: bytes, filename: str, reserved_ids: tuple[str, ...]) -> dict:
    """Runs in a worker process (module level, so the worker can import it)."""
    return {"parsed": parse_upload(data, filename, reserved_ids=reserved_ids)}


async def _checked_upload(data: bytes, filename: str, *,
                          reserved_ids: tuple[str, ...]) -> Parsed:
    """``parse_upload`` in a one-worker pool of its own, opened for this upload. Not
    ``app.pool``: that pool's limit is per answer check (2 s by default), which a large valid
    file can exceed, and a slow upload there would keep candidates' answers waiting. Imports
    are rare admin actions; starting a worker costs about 0.15 s."""
    async with GradingPool(workers=1, timeout=IMPORT_CHECK_SECONDS, warm=False) as pool:
        result = await pool.run(check_upload, data, filename, reserved_ids)
    if "parsed" in result:
        return result["parsed"]
    if result.get("reason") == CRASH_REASON:
        raise UserFacingError("Nothing was imported: the checker failed on this file. Check "
                              "its symbolic answers, or import it in smaller parts.")
    raise UserFacingError(f"Nothing was imported: checking this file took too long (over "
                          f"{IMPORT_CHECK_SECONDS:g} s). Simplify its symbolic answers, or "
                          "import it in smaller parts.")


async def import_questions(app, *, guild_id: int, data: bytes, filename: str,
                           guild_name: str = "") -> ImportReport:
    """Validate ``data`` (a YAML or JSON file) and store its questions for ``guild_id``.
    Any problem, including the per-server limit, leaves the server's questions as they
    were; the report lists every problem."""
    parsed = await _checked_upload(data, filename, reserved_ids=tuple(app.bank.ids()))
    if parsed.problems:
        return ImportReport(problems=parsed.problems)
    name = PurePath(filename or "upload").name[:100]
    report = ImportReport()
    async with app.sessions() as s:
        rows = {r.id: r for r in await _rows(s, guild_id, retired=True)}
        live = {k for k, r in rows.items() if r.retired_at is None}
        incoming = {storage_key(guild_id, q.id) for q in parsed.questions}
        total = len(live | incoming)
        if total > MAX_SERVER_QUESTIONS:
            return ImportReport(problems=[Problem(
                name, 1, f"a server may hold at most {MAX_SERVER_QUESTIONS} questions: it has "
                         f"{len(live)}, and this file would bring it to {total}. Remove some "
                         "with /bank remove first")])
        await ensure_guild(s, guild_id=guild_id, name=guild_name,
                           timezone=app.settings.default_timezone)
        now = utcnow()
        for question in parsed.questions:
            key = storage_key(guild_id, question.id)
            scoped = question.model_copy(update={"id": key})
            row = rows.get(key)
            if row is None:
                row = QuestionRow(id=key, guild_id=guild_id, section=question.section,
                                  title=question.title, content_hash="")
                _store(row, question, scoped)
                s.add(row)
                report.added.append(question.id)
            elif row.content_hash != scoped.content_hash() or row.retired_at is not None:
                _store(row, question, scoped)
                row.updated_at, row.retired_at = now, None
                report.updated.append(question.id)
            else:
                report.unchanged.append(question.id)
        try:
            await s.commit()
        except IntegrityError:
            await s.rollback()
            raise UserFacingError("Another import changed this server's questions at the same "
                                  "time; nothing was imported. Try again.") from None
    report.total = total
    return report


async def export_questions(app, guild_id: int) -> str:
    """The server's live questions as one YAML file that imports back unchanged."""
    questions = await server_questions(app, guild_id)
    if not questions:
        raise UserFacingError("This server has no questions of its own yet; add some with "
                              "/bank import.")
    return dump_questions(q.model_copy(update={"id": display_id(q.id)}) for q in questions)


async def remove_question(app, guild_id: int, question_id: str) -> Question:
    """Retire one of the server's questions (its attempts stay); returns it."""
    question = await server_question(app, guild_id, question_id.strip().lower())
    if question is None:
        raise UserFacingError(f"This server has no question '{question_id.strip()[:80]}'. "
                              "See /bank list.")
    async with app.sessions() as s:
        row = await s.get(QuestionRow, question.id)
        row.retired_at = row.updated_at = utcnow()
        await s.commit()
    return question
