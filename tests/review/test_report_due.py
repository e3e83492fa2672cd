"""The interview report card lists the reviews due."""

from __future__ import annotations

import datetime as dt
import random

from bot.interview.service import InterviewService
from bot.review.record import with_review
from bot.scoring.record import record_attempt
from tests.interview.fakes import fake_grader
from tests.review.conftest import T0


class Clock:
    now = T0

    def __call__(self) -> dt.datetime:
        return self.now


async def test_report_card_lists_what_is_due(app):
    clock = Clock()
    service = InterviewService(app, fake_grader, recorder=with_review(record_attempt),
                               clock=clock, rng=random.Random(0))
    first = await service.start(user_id=3, user_name="ada", length=1)
    outcome = await service.answer(interview_id=first.next.interview_id, user_id=3,
                                   text="no idea", confidence=0.99)
    while outcome.report is None:
        outcome = await service.skip(interview_id=first.next.interview_id, user_id=3)
    assert outcome.report.due_reviews == []  # just answered: not due yet
    clock.now = T0 + dt.timedelta(days=1)
    card = await service.report(first.next.interview_id)
    assert card.due_reviews == [first.next.title]
