"""The rubric grader for prose: key points covered, misconceptions asserted (not merely
mentioned to be refuted), with light normalisation (case, Unicode, stems, typos)."""

from bot.grading.rubric.match import Text, find
from bot.grading.rubric.score import RubricResult, grade_rubric

__all__ = ["RubricResult", "Text", "find", "grade_rubric"]
