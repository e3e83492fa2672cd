"""The points rules, in one place. ``/help scoring`` (Discord and console) prints ``HELP``,
and tests/scoring/test_rules.py checks both agree with the functions below.

Points come from the grade (0-100), the hints used and the follow-ups (probes) answered.
Whether an attempt *counts* on the leaderboards (fairness) is decided in
``bot/scoring/fairness.py``; an attempt that does not count is still graded and stored.
"""

from __future__ import annotations

import math

KINDS = ("question", "interview", "probe", "daily", "review")
MAIN_KINDS = ("question", "interview", "daily", "review")  # an answer to the question itself

STRONG_BONUS = 2  # a "strong" answer
HINT_COST = 2  # per hint, on the answer it helped (never below 0)
DAILY_BONUS = 2  # the first answer to the server's daily question
MAX_COUNTED_PROBES = 4  # follow-ups of one question that earn points, per season
STREAK_GRACE_DAYS = 7  # at most one missed day forgiven in any 7 days


def _half_up(value: float) -> int:
    return int(math.floor(value + 0.5))


def points_for(*, kind: str, score: float, band: str, hints_used: int = 0,
               probes_answered: int = 0) -> int:
    """Points of one graded attempt (before fairness: see fairness.py)."""
    if band not in ("strong", "partial", "weak"):
        return 0  # an answer that could not be graded earns nothing
    score = min(max(float(score), 0.0), 100.0)
    if kind == "probe":
        return _half_up(score / 20) * max(1, probes_answered)
    points = _half_up(score / 10) + (STRONG_BONUS if band == "strong" else 0)
    points = max(0, points - HINT_COST * max(0, hints_used))
    if kind == "daily":
        points += DAILY_BONUS
    return points


HELP = f"""\
How scoring works
• An answer earns its grade / 10 points (0–10, rounded half up), +{STRONG_BONUS} if it is \
strong, −{HINT_COST} per hint you used on it (never below 0).
• A follow-up (probe) you answer earns its grade / 20 points (0–5).
• The daily question earns +{DAILY_BONUS}, and only your first answer to it counts.
• Fair play: a question earns points once per season. Answering it again (a drill, an \
interview or a review) is graded and kept, but earns no leaderboard points. Follow-ups count \
after a counted answer to their question, at most {MAX_COUNTED_PROBES} per question per season.
• Answers outside a server (DMs) are practice: graded and kept, no leaderboard points.
• Streak: days in a row (server time zone) with at least one graded answer in this server. \
Today counts once you answer; one missed day is forgiven at most once every \
{STREAK_GRACE_DAYS} days (it keeps the streak, it does not add to it).
• Boards: week (Monday to Sunday, server time), season (a calendar month unless the server \
chose otherwise) and all time, optionally one section. Ties: whoever reached the total \
first ranks higher, then the lower user id.
• Seasons roll over at the server's local midnight; each closed season is archived with its \
top three. Admins may correct scores with /score adjust (a logged row: who, when, why)."""
