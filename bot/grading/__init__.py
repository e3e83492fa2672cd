"""The symbolic answer engine: safe parsing, equivalence with diagnosis, derivation checks.

Pure functions live in ``bot.grading.engine`` (they run in worker processes); this module is
the async API adapters and the interviewer use. Every result carries ``ms``, the wall time.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from bot.grading import engine
from bot.grading.extract import extract_math
from bot.grading.pool import GradingPool
from bot.grading.spec import SymbolicSpec, parse_symbols_option

__all__ = [
    "CheckResult", "DerivationResult", "EquivResult", "GradingPool", "SymbolicSpec",
    "check_answer", "check_derivation", "check_equivalent", "extract_math",
    "parse_symbols_option",
]


@dataclass
class EquivResult:
    verdict: str
    read_a: str | None = None
    read_b: str | None = None
    latex_a: str | None = None
    latex_b: str | None = None
    diagnosis: str | None = None
    reason: str | None = None
    ms: float = 0.0


@dataclass
class CheckResult:
    verdict: str
    read_as: str | None = None
    latex: str | None = None
    diagnosis: str | None = None
    reason: str | None = None
    ms: float = 0.0

    def to_dict(self) -> dict:
        return dict(self.__dict__)


@dataclass
class DerivationResult:
    first_wrong_step: int | None
    steps: list[dict] = field(default_factory=list)
    final_matches_reference: bool = False
    reason: str | None = None
    ms: float = 0.0


async def _run(pool: GradingPool | None, fn, *args) -> dict:
    if pool is None:
        async with GradingPool() as own:
            return await own.run(fn, *args)
    return await pool.run(fn, *args)


def _fill(cls, data: dict, started: float):
    known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
    return cls(**known, ms=round((time.perf_counter() - started) * 1000, 2))


async def check_equivalent(a: str, b: str, *, symbols: dict[str, str] | None = None,
                           pool: GradingPool | None = None) -> EquivResult:
    started = time.perf_counter()
    return _fill(EquivResult, await _run(pool, engine.equiv, a, b, symbols), started)


async def check_answer(spec: SymbolicSpec | dict | None, answer: str, *,
                       pool: GradingPool | None = None) -> CheckResult:
    started = time.perf_counter()
    if spec is None:
        return _fill(CheckResult, engine.check(None, answer), started)
    data = spec.model_dump() if isinstance(spec, SymbolicSpec) else spec
    return _fill(CheckResult, await _run(pool, engine.check, data, answer), started)


async def check_derivation(spec: SymbolicSpec | dict | None, lines: list[str], *,
                           pool: GradingPool | None = None) -> DerivationResult:
    started = time.perf_counter()
    data = spec.model_dump() if isinstance(spec, SymbolicSpec) else spec
    result = await _run(pool, engine.derive, data, list(lines))
    result.setdefault("first_wrong_step", None)
    return _fill(DerivationResult, result, started)
