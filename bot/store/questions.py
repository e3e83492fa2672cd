"""Keep the ``questions`` table in step with the bank: new, changed and retired questions.

Attempts reference questions by their stable id and are never deleted, so the history
of a question survives edits (each attempt also records the content hash it answered).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.bank.schema import Question
from bot.store.models import QuestionRow, utcnow


@dataclass
class SyncReport:
    new: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    retired: list[str] = field(default_factory=list)
    unchanged: int = 0

    def summary(self) -> str:
        return (f"{len(self.new)} new, {len(self.changed)} changed, "
                f"{len(self.retired)} retired, {self.unchanged} unchanged")


def _apply(row: QuestionRow, question: Question, digest: str) -> None:
    row.section = question.section
    row.title = question.title
    row.seed_number = question.seed_number
    row.difficulty = question.difficulty
    row.content_hash = digest


async def sync_questions(
    *, session: AsyncSession, questions: Iterable[Question], guild_id: int | None = None
) -> SyncReport:
    """Upsert ``questions`` into the table for one scope (shipped bank: ``guild_id=None``)
    and retire the scope's rows that are no longer present. Commits."""
    report = SyncReport()
    scope = QuestionRow.guild_id.is_(None) if guild_id is None else QuestionRow.guild_id == guild_id
    rows = {r.id: r for r in (await session.exec(select(QuestionRow).where(scope))).all()}
    now = utcnow()
    incoming: set[str] = set()
    for question in questions:
        incoming.add(question.id)
        digest = question.content_hash()
        row = rows.get(question.id)
        if row is None:
            row = QuestionRow(id=question.id, guild_id=guild_id, section=question.section,
                              title=question.title, content_hash=digest)
            _apply(row, question, digest)
            session.add(row)
            report.new.append(question.id)
        elif row.content_hash != digest or row.retired_at is not None:
            _apply(row, question, digest)
            row.updated_at = now
            row.retired_at = None
            report.changed.append(question.id)
        else:
            report.unchanged += 1
    for qid, row in rows.items():
        if qid not in incoming and row.retired_at is None:
            row.retired_at = now
            report.retired.append(qid)
    await session.commit()
    return report
