"""The question bank schema: what every question file must hold.

Files in ``questions/`` (and server imports) are YAML or JSON of the shape
``{"questions": [Question, ...]}``; each question is validated by ``Question``.
"""

from __future__ import annotations

import hashlib
import json
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

SECTIONS: dict[str, str] = {
    "math": "Mathematical Foundations",
    "probability": "Probability & Statistics",
    "optimization": "Optimization & Learning Theory",
    "architectures": "Advanced Architectures",
    "robustness": "Robustness, Adversaries & Open Problems",
}
Section = Literal["math", "probability", "optimization", "architectures", "robustness"]
ProbeKind = Literal["derive", "critique", "gap", "extend"]

ID_PATTERN = r"^[a-z][a-z0-9]*(\.[a-z0-9]+(-[a-z0-9]+)*)+$"
SHORT_ID = r"^[a-z0-9]+(-[a-z0-9]+)*$"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class KeyPoint(Strict):
    """Something a grader must find in a good answer."""

    id: str = Field(pattern=SHORT_ID)
    text: str = Field(min_length=3, description="one line: what the candidate must say")
    weight: float = Field(default=1.0, gt=0, le=10)
    hints: list[str] = Field(default_factory=list, description="phrases, synonyms, symbols")
    symbolic: dict | None = Field(default=None, description="symbolic sub-check (SymbolicSpec)")


class Misconception(Strict):
    """A confident wrong statement a weak candidate makes."""

    id: str = Field(pattern=SHORT_ID)
    text: str = Field(min_length=3, description="the wrong claim, as a candidate says it")
    hints: list[str] = Field(default_factory=list, description="phrases that assert it")
    correction: str = Field(min_length=3, description="one-line correction for the report")


class Probe(Strict):
    """A follow-up question the interviewer may ask after the first answer."""

    id: str = Field(pattern=SHORT_ID)
    kind: ProbeKind
    prompt: str = Field(min_length=3)
    targets: str | None = Field(default=None, description="key point id (gap probes)")
    key_points: list[KeyPoint] = Field(default_factory=list)
    symbolic: dict | None = None
    reference: str | None = Field(default=None, description="what a strong reply says")


class Question(Strict):
    id: str = Field(pattern=ID_PATTERN, description="stable id, e.g. math.logistic-gradient")
    section: Section
    title: str = Field(min_length=3, max_length=200)
    prompt: str = Field(min_length=3, description="Markdown with $...$ LaTeX")
    reference: str = Field(min_length=10, description="a strong candidate's answer")
    tags: list[str] = Field(default_factory=list)
    difficulty: int = Field(default=3, ge=1, le=5)
    seed_number: int | None = Field(default=None, ge=1, le=50)
    key_points: list[KeyPoint] = Field(default_factory=list)
    misconceptions: list[Misconception] = Field(default_factory=list)
    probes: list[Probe] = Field(default_factory=list)
    hints: list[str] = Field(default_factory=list, max_length=2)
    sources: list[str] = Field(default_factory=list)
    symbolic: dict | None = None

    @field_validator("id")
    @classmethod
    def _section_prefix(cls, value: str) -> str:
        prefix = value.split(".", 1)[0]
        if prefix not in SECTIONS:
            raise ValueError(f"id must start with a section name ({', '.join(SECTIONS)})")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Question:
        if self.id.split(".", 1)[0] != self.section:
            raise ValueError(f"id {self.id!r} does not start with its section {self.section!r}")
        ids = [k.id for k in self.key_points]
        if len(ids) != len(set(ids)):
            raise ValueError("two key points share an id")
        for probe in self.probes:
            if probe.targets is not None and probe.targets not in ids:
                raise ValueError(f"probe {probe.id!r} targets unknown key point {probe.targets!r}")
        return self

    @property
    def section_title(self) -> str:
        return SECTIONS[self.section]

    def content_hash(self) -> str:
        """Stable hash of the content; changes whenever an author edits the question."""
        blob = json.dumps(self.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(blob.encode()).hexdigest()[:16]


class BankFile(Strict):
    questions: list[Question] = Field(min_length=1)
