"""The symbolic part of a question, as authors write it in the bank (see
docs/symbolic-spec.md)."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

DOMAIN = re.compile(
    r"^(real|positive|nonnegative|negative|nonzero|probability|integer|positive_integer|"
    r"index|matrix\(\s*\w+\s*,\s*\w+\s*\)|vector\(\s*\w+\s*\))$"
)
FUNCTION_KEY = re.compile(r"^([A-Za-z][A-Za-z0-9_]*)\(\s*([A-Za-z][A-Za-z0-9_]*(\s*,\s*[A-Za-z][A-Za-z0-9_]*)*)\s*\)$")


class SymbolicSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    symbols: dict[str, str] = Field(default_factory=dict, description="name -> domain")
    functions: dict[str, str] = Field(
        default_factory=dict, description='"sigma(z)": "1/(1+exp(-z))", or "unknown"')
    aliases: dict[str, str] = Field(default_factory=dict, description="alias -> name")
    answers: list[str] = Field(min_length=1, description="accepted forms; first is canonical")
    relation: Literal["expression", "equation", "inequality"] | None = None

    @field_validator("symbols")
    @classmethod
    def _domains(cls, value: dict[str, str]) -> dict[str, str]:
        for name, domain in value.items():
            if not re.match(r"^[A-Za-z][A-Za-z0-9_']*$", name):
                raise ValueError(f"symbol name {name!r} must be letters, digits and _")
            if not DOMAIN.match(domain.strip()):
                raise ValueError(f"unknown domain {domain!r} for {name!r} (real, positive, "
                                 "nonnegative, probability, integer, matrix(n,d), vector(n), ...)")
        return {k: v.strip().replace(" ", "") for k, v in value.items()}

    @field_validator("functions")
    @classmethod
    def _functions(cls, value: dict[str, str]) -> dict[str, str]:
        for key in value:
            if not FUNCTION_KEY.match(key.strip()) and not re.match(r"^[A-Za-z]\w*$", key):
                raise ValueError(f"function {key!r} must look like name(arg) or name")
        return value

    def function_names(self) -> set[str]:
        return {key.split("(")[0].strip() for key in self.functions}


def parse_symbols_option(text: str) -> dict[str, str]:
    """``'x: positive, n: integer, p: probability'`` -> {"x": "positive", ...}."""
    out: dict[str, str] = {}
    for part in re.split(r",(?![^()]*\))", text or ""):
        if not part.strip():
            continue
        if ":" not in part:
            raise ValueError(f"'{part.strip()}' should look like 'name: domain'")
        name, domain = (s.strip() for s in part.split(":", 1))
        out[name] = domain
    try:
        SymbolicSpec(symbols=out, answers=["0"])  # validates names and domains
    except ValidationError as exc:
        raise ValueError(exc.errors()[0]["msg"].removeprefix("Value error, ")) from None
    return out
