"""Moved: graded attempts are recorded by ``bot.scoring.record`` (points, fairness, totals).
Kept as an alias for older imports."""

from bot.scoring.record import RecordedAttempt, record_attempt

__all__ = ["RecordedAttempt", "record_attempt"]
