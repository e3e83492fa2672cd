"""The report card at the end of an interview, built from its turns.

A question's score is its main answer's score, or — when follow-ups were answered —
60 % the main answer and 40 % the mean of the follow-ups. Bands as for one answer: ≥ 75
strong, ≥ 25 partial, else weak.
"""

from __future__ import annotations

import json
from collections import defaultdict

from bot.bank import SECTIONS, Bank
from bot.interview.models import InterviewTurn
from bot.interview.steps import QuestionReport, ReportCard

MAIN_WEIGHT = 0.6


def band_for(score: float) -> str:
    return "strong" if score >= 75 else "partial" if score >= 25 else "weak"


def combined_score(turns: list[InterviewTurn]) -> int:
    main = next((t for t in turns if t.step == 0), None)
    if main is None:
        return 0
    probes = [t.score for t in turns if t.step > 0 and not t.skipped]
    if not probes:
        return main.score
    return round(MAIN_WEIGHT * main.score + (1 - MAIN_WEIGHT) * sum(probes) / len(probes))


def _texts(result: dict, key: str) -> list[str]:
    return [item.get("text", "") for item in result.get(key, []) if isinstance(item, dict)]


def question_report(
    number: int, question_id: str, turns: list[InterviewTurn], bank: Bank
) -> QuestionReport:
    question = bank.find(question_id)
    results = [json.loads(t.result) for t in turns if t.result]
    covered: list[str] = []
    missed: list[str] = []
    wrong: list[tuple[str, str]] = []
    for result in results:
        covered += [c for c in _texts(result, "covered") if c not in covered]
        missed += [m for m in _texts(result, "missed") if m not in missed]
        for item in result.get("misconceptions", []):
            pair = (item.get("text", ""), item.get("correction", ""))
            if pair not in wrong:
                wrong.append(pair)
    missed = [m for m in missed if m not in covered]  # a follow-up may have recovered it
    score = combined_score(turns)
    band = band_for(score)
    skipped = all(t.skipped for t in turns if t.step == 0)
    return QuestionReport(
        number=number, question_id=question_id,
        title=question.title if question else question_id,
        section=question.section if question else "",
        score=score, band=band, skipped=skipped,
        strengths=covered, missed=missed, misconceptions=wrong,
        sources=list(question.sources) if question and band != "strong" else [],
    )


def build_report(
    interview_id: int, question_ids: list[str], turns: list[InterviewTurn], bank: Bank,
    *, due_reviews: list[str] | None = None,
) -> ReportCard:
    by_index: dict[int, list[InterviewTurn]] = defaultdict(list)
    for turn in sorted(turns, key=lambda t: (t.question_index, t.step)):
        by_index[turn.question_index].append(turn)
    reports = [question_report(i + 1, question_ids[i], by_index[i], bank)
               for i in sorted(by_index)]
    overall = round(sum(r.score for r in reports) / len(reports)) if reports else 0
    reading: list[str] = []
    for r in reports:
        reading += [s for s in r.sources if s not in reading]
    return ReportCard(
        interview_id=interview_id, questions=reports, overall=overall,
        suggestion=suggest_next(reports), reading=reading[:6], due_reviews=due_reviews or [],
    )


def suggest_next(reports: list[QuestionReport]) -> str:
    if not reports:
        return "Start a new interview when you are ready: /interview start."
    weakest = min(reports, key=lambda r: r.score)
    if weakest.band == "strong":
        return "Every answer was strong: try /interview start difficulty:5 next."
    section = weakest.section or "math"
    return (f"Next: drill {SECTIONS.get(section, section)} — "
            f"/interview start section:{section} — starting with '{weakest.title}'.")
