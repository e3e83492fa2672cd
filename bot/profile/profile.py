"""Everything ``/profile`` shows, gathered from the store in one place for every adapter.

Points, rank, streak and answered count come from ``bot.scoring.standing`` (per server;
none in DMs); mastery and weakest key points from the review cards (``bot.review.mastery``);
the Brier score from the attempts that carried a confidence; the score history from the
latest main answers (follow-ups excluded).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from sqlmodel import select

from bot.bank import SECTIONS
from bot.bank.scoped import eligible_questions
from bot.review.calibration import Calibration, load_calibration
from bot.review.mastery import (
    SectionMastery,
    WeakPoint,
    load_cards,
    section_mastery,
    weakest_key_points,
)
from bot.review.memory import due_count, utc
from bot.review.serve import due_titles
from bot.store.models import Attempt, User

HISTORY = 200  # answers drawn on the score-over-time chart


@dataclass(frozen=True)
class Profile:
    user_id: int
    name: str
    known: bool  # Viva has seen this user answer (or at least start) something
    standing: object | None  # bot.scoring.standing.Standing, None outside a server
    mastery: list[SectionMastery]
    weakest: list[WeakPoint]
    due: list[str]  # titles due now (the first few)
    due_total: int
    calibration: Calibration
    history: list[tuple[dt.datetime, int]] = field(default_factory=list)  # oldest first

    @property
    def empty(self) -> bool:
        return not self.history


async def _history(session, user_id: int) -> list[tuple[dt.datetime, int]]:
    query = (select(Attempt.created_at, Attempt.score)
             .where(Attempt.user_id == user_id, Attempt.kind != "probe")
             .order_by(Attempt.created_at.desc()).limit(HISTORY))
    rows = (await session.exec(query)).all()
    return [(utc(at), round(score or 0)) for at, score in reversed(rows)]


async def build_profile(app, *, user_id: int, guild_id: int | None, now: dt.datetime,
                        name: str = "") -> Profile:
    totals = Counter(q.section for q in await eligible_questions(app, guild_id))
    async with app.sessions() as s:
        user = await s.get(User, user_id)
        standing = None
        if guild_id is not None and user is not None:
            from bot.scoring.standing import standing as standing_of

            standing = await standing_of(s, guild_id=guild_id, user_id=user_id, now=now)
        cards = await load_cards(s, user_id=user_id)
        calibration = await load_calibration(s, user_id=user_id)
        history = await _history(s, user_id)
        total_due = await due_count(s, user_id=user_id, now=now)
    order = {key: i for i, key in enumerate(SECTIONS)}
    totals_in_order = dict(sorted(totals.items(), key=lambda kv: order.get(kv[0], 99)))
    return Profile(
        user_id=user_id, name=name or (user.name if user else "") or str(user_id),
        known=user is not None, standing=standing,
        mastery=section_mastery(cards, totals_in_order, dict(SECTIONS), now),
        weakest=weakest_key_points(cards),
        due=await due_titles(app, user_id=user_id, guild_id=guild_id, now=now),
        due_total=total_due, calibration=calibration, history=history)


def _rank(rank: int | None, players: int) -> str:
    return f"#{rank} of {players}" if rank else "unranked"


def profile_sections(p: Profile) -> list[tuple[str, str]]:
    """(heading, text) blocks, the same in the console and in the embed."""
    if p.empty:
        return [("No answers yet", f"{p.name} has not answered a question yet. Try /question "
                                   "or /interview start; every graded answer shows up here.")]
    out = []
    st = p.standing
    if st is not None:
        out.append(("Standing", (
            f"{st.points} points · {_rank(st.rank, st.players)} all time\n"
            f"this season {st.season_points} ({_rank(st.season_rank, st.players)}) · "
            f"this week {st.week_points}\n"
            f"streak {st.streak} day{'s' if st.streak != 1 else ''} · "
            f"{st.answered} answered here")))
    out.append(("Mastery", "\n".join(
        f"{m.title}: {round(100 * m.mastery)}% ({m.answered}/{m.total} answered)"
        for m in p.mastery) or "—"))
    if p.weakest:
        out.append(("Weakest key points", "\n".join(
            f"• {w.text} ({w.question_title})" for w in p.weakest)))
    due = "\n".join(f"• {t}" for t in p.due) if p.due else "Nothing due now."
    if p.due_total > len(p.due):
        due += f"\n…{p.due_total} due in all. /review serves the most overdue."
    out.append(("Due for review", due))
    cal = p.calibration
    out.append(("Calibration", (
        f"Brier score {cal.brier:.3f} over {cal.count} answer{'s' if cal.count != 1 else ''} "
        "(0 is perfect; always "
        "saying 50 % scores 0.250)") if cal.brier is not None else
        "No answer carried a confidence yet (choose one in the Answer form)."))
    return out
