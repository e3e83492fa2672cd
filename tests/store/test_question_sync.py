"""The bank is mirrored into the store on start: new, changed, retired; history survives."""

from __future__ import annotations

from sqlmodel import select

from bot.store import Attempt, QuestionRow, User, make_engine, make_sessionmaker, sync_questions
from bot.store.migrate import upgrade


async def _sessions(url: str):
    engine = make_engine(url)
    await upgrade(engine)
    return engine, make_sessionmaker(engine)


async def test_sync_reports_new_changed_retired_and_keeps_attempts(db_url, sample_bank):
    engine, sessions = await _sessions(db_url)
    questions = list(sample_bank)
    try:
        async with sessions() as s:
            first = await sync_questions(session=s, questions=questions)
        assert sorted(first.new) == sorted(q.id for q in questions)

        async with sessions() as s:
            s.add(User(id=42, name="ada"))
            await s.commit()
            s.add(Attempt(user_id=42, question_id=questions[0].id,
                          question_hash=questions[0].content_hash(), answer="σ(1-σ)", score=90))
            await s.commit()

        edited = questions[0].model_copy(update={"title": "Derivative of the logistic sigmoid"})
        async with sessions() as s:
            second = await sync_questions(session=s, questions=[edited])
        assert second.changed == [edited.id]
        assert second.retired == [questions[1].id]
        assert second.new == []

        async with sessions() as s:
            row = await s.get(QuestionRow, edited.id)
            assert row.title == "Derivative of the logistic sigmoid"
            assert row.content_hash == edited.content_hash() != questions[0].content_hash()
            retired = await s.get(QuestionRow, questions[1].id)
            assert retired.retired_at is not None
            attempts = (await s.exec(select(Attempt))).all()
            assert [a.answer for a in attempts] == ["σ(1-σ)"]
            assert attempts[0].question_hash == questions[0].content_hash()

        async with sessions() as s:  # a retired question that comes back is live again
            third = await sync_questions(session=s, questions=questions)
        assert sorted(third.changed) == sorted(q.id for q in questions)
        async with sessions() as s:
            assert (await s.get(QuestionRow, questions[1].id)).retired_at is None

        async with sessions() as s:  # nothing changed: nothing written
            fourth = await sync_questions(session=s, questions=questions)
        assert (fourth.new, fourth.changed, fourth.retired, fourth.unchanged) == ([], [], [], 2)
    finally:
        await engine.dispose()
