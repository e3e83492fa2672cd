"""Which graded attempts count on the leaderboards (the rules are in rules.HELP).

Called with the player's row locked (record.lock_player), so two simultaneous answers of one
player are decided one after the other and the "first answer" is well defined."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.scoring.models import Season
from bot.scoring.rules import MAIN_KINDS, MAX_COUNTED_PROBES
from bot.store.models import Attempt

REPEAT = "you already answered this question this season: graded and kept, no leaderboard points"
DAILY_REPEAT = "only your first answer to a daily question earns points"
PROBE_FIRST = "a follow-up earns points only after a counted answer to its question this season"
PROBE_CAP = f"at most {MAX_COUNTED_PROBES} follow-ups per question earn points each season"


@dataclass(frozen=True)
class Decision:
    counted: bool
    reason: str | None = None


async def _count(session: AsyncSession, *conditions) -> int:
    query = select(func.count()).select_from(Attempt).where(*conditions)
    return (await session.exec(query)).one()


async def decide(session: AsyncSession, *, user_id: int, guild_id: int, question_id: str,
                 kind: str, daily_post_id: int | None, season: Season) -> Decision:
    if kind == "daily":
        earlier = await _count(session, Attempt.user_id == user_id,
                               Attempt.daily_post_id == daily_post_id)
        return Decision(True) if earlier == 0 else Decision(False, DAILY_REPEAT)
    same = (Attempt.user_id == user_id, Attempt.question_id == question_id,
            Attempt.guild_id == guild_id, Attempt.created_at >= season.starts_at)
    if kind == "probe":
        answered = await _count(session, *same, col(Attempt.kind).in_(MAIN_KINDS),
                                col(Attempt.counted).is_(True))
        if answered == 0:
            return Decision(False, PROBE_FIRST)
        probes = await _count(session, *same, Attempt.kind == "probe",
                              col(Attempt.counted).is_(True))
        return Decision(True) if probes < MAX_COUNTED_PROBES else Decision(False, PROBE_CAP)
    seen = await _count(session, *same, col(Attempt.kind).in_(MAIN_KINDS))
    return Decision(True) if seen == 0 else Decision(False, REPEAT)
