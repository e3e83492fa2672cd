"""What the interview core hands back to an adapter after each action."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol


class GradeLike(Protocol):
    """The part of a grade the interviewer reads (``bot.grading.answer.GradeResult``)."""

    score: int
    band: str
    missed: list[dict]
    misconceptions: list[dict]
    feedback: list[str]
    symbolic: dict | None

    def to_dict(self) -> dict[str, Any]: ...


@dataclass(frozen=True)
class ProbeAsk:
    """A follow-up question chosen by the policy."""

    id: str
    kind: str  # derive | critique | gap | extend
    prompt: str
    why: str  # one line for the candidate: why this follow-up


@dataclass(frozen=True)
class Ask:
    """The next thing the candidate must answer."""

    interview_id: int
    question_number: int  # 1-based, of ``total``
    total: int
    question_id: str
    title: str
    prompt: str  # the question's prompt, or the probe's
    probe: ProbeAsk | None = None


@dataclass(frozen=True)
class Feedback:
    """The grade of the answer just given, as the candidate sees it."""

    score: int
    band: str
    lines: list[str]
    read_as: str | None = None  # "I read your formula as …"
    read_as_latex: str | None = None
    points: int | None = None  # leaderboard points it earned (None: not recorded)
    points_note: str | None = None  # why it earned none, in words for the candidate

    @classmethod
    def from_grade(cls, grade: GradeLike, recorded: object | None = None) -> Feedback:
        """The candidate's view of a grade and of what recording it earned (a
        ``bot.scoring.record.RecordedAttempt``, when one was recorded)."""
        symbolic = grade.symbolic or {}
        return cls(score=grade.score, band=grade.band, lines=list(grade.feedback),
                   read_as=symbolic.get("read_as"), read_as_latex=symbolic.get("latex"),
                   points=getattr(recorded, "points", None),
                   points_note=getattr(recorded, "reason", None))

    def points_line(self) -> str | None:
        if self.points is None:
            return None
        line = f"+{self.points} point{'s' if self.points != 1 else ''}"
        return f"{line} ({self.points_note})" if self.points_note else line


@dataclass(frozen=True)
class QuestionReport:
    number: int
    question_id: str
    title: str
    section: str
    score: int  # combined main answer + probes
    band: str
    skipped: bool
    strengths: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    misconceptions: list[tuple[str, str]] = field(default_factory=list)  # (claim, correction)
    sources: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ReportCard:
    interview_id: int
    questions: list[QuestionReport]
    overall: int
    suggestion: str
    reading: list[str]
    due_reviews: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Outcome:
    """Result of one action: feedback on the answer (if any), then what comes next."""

    feedback: Feedback | None = None
    next: Ask | None = None
    report: ReportCard | None = None
    notice: str | None = None  # e.g. "Time was up for that question; moving on."
