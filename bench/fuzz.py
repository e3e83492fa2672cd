"""Hostile-input fuzz: at least 100,000 mutated answers (``bench/_mutate.py``) through the
formula parser, the symbolic check against real specs of the bank, and the whole answer
grader (rubric + formulas). Reports crashes (any exception but a clean "cannot read"),
checks over the time limit, escapes (a marker file an injected ``os.system`` would create)
and the slowest input of each stage.

Every stage runs in this process under a SIGALRM guard at ``GRADING_TIMEOUT`` (in
production the same work runs in the worker pool, which kills a check at that limit).
``--quick``: 5,000 inputs.
"""

from __future__ import annotations

import signal
import statistics
import tempfile
import time
import traceback
from pathlib import Path

TIME_LIMIT = 2.0
VERDICTS = {"correct", "incorrect", "undetermined", "unparsed", "no_symbolic_part"}
BANDS = {"strong", "partial", "weak", "invalid"}


class Overrun(Exception):
    pass


def _alarm(*_):
    raise Overrun


class InlinePool:
    """The pool's interface, run in this process (the fuzz times each stage itself)."""

    async def run(self, fn, *args):
        return fn(*args)


class Stage:
    def __init__(self, name: str):
        self.name = name
        self.times: list[float] = []
        self.crashes: list[dict] = []
        self.overruns: list[str] = []
        self.retried = 0  # over the limit once, within it on a second try (machine noise)
        self.slowest = (0.0, "")

    def record(self, elapsed: float, text: str) -> None:
        self.times.append(elapsed)
        if elapsed > self.slowest[0]:
            self.slowest = (elapsed, text)

    def row(self) -> dict:
        ts = sorted(self.times)
        return {"stage": self.name, "inputs": len(ts), "crashes": len(self.crashes),
                "over_limit": len(self.overruns), "over_once": self.retried,
                "p50_ms": round(1000 * statistics.median(ts), 3) if ts else 0.0,
                "p99_ms": round(1000 * ts[int(0.99 * (len(ts) - 1))], 2) if ts else 0.0,
                "max_ms": round(1000 * self.slowest[0], 1),
                "slowest_input": _show(self.slowest[1])}


def _show(text: str, limit: int = 70) -> str:
    shown = repr(text[:limit]) + (f"…(+{len(text) - limit} chars)" if len(text) > limit else "")
    return shown


def _guarded(stage: Stage, text: str, fn, *, retry: bool = True) -> object:
    signal.setitimer(signal.ITIMER_REAL, TIME_LIMIT)
    started = time.perf_counter()
    try:
        return fn()
    except Overrun:
        # the machine is shared: count an overrun only if it happens again on a second try
        signal.setitimer(signal.ITIMER_REAL, 0)
        if retry and _once(fn):
            stage.retried += 1
            return None
        stage.overruns.append(_show(text))
        return None
    except Exception as exc:  # a crash: anything but the engine's own clean refusal
        stage.crashes.append({"input": text[:300], "error": f"{type(exc).__name__}: {exc}"[:300],
                              "where": traceback.format_exc(limit=-3)[-600:]})
        return None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        stage.record(time.perf_counter() - started, text)


def _drive(coroutine):
    """Run a coroutine that never really waits (the inline pool) without an event loop, so
    the time-limit alarm never lands inside asyncio's own machinery."""
    try:
        coroutine.send(None)
    except StopIteration as done:
        return done.value
    coroutine.close()
    raise RuntimeError("the grader waited on something; the fuzz expects the inline pool")


def _once(fn) -> bool:
    """Run ``fn`` again under the time limit: True if it finished this time."""
    signal.setitimer(signal.ITIMER_REAL, TIME_LIMIT)
    try:
        fn()
    except Overrun:
        return False
    except Exception:
        return True  # a crash is reported by the first run's caller, not here
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    return True


def _targets():
    from bot.bank import load_bank

    questions = [q for q in load_bank() if q.symbolic is not None]
    return questions, [dict(q.symbolic) for q in questions]


def fuzz(n: int, seed: int = 20261124) -> dict:
    from bench._mutate import Mutator
    from bot.grading.answer import grade_answer
    from bot.grading.engine import check
    from bot.grading.limits import MathInputError
    from bot.grading.parser import parse

    questions, specs = _targets()
    stages = {name: Stage(name) for name in ("parse", "check", "grade")}
    signal.signal(signal.SIGALRM, _alarm)
    pool = InlinePool()
    with tempfile.TemporaryDirectory() as tmp:
        marker = Path(tmp) / "escaped"
        mutate = Mutator(seed, str(marker))
        started = time.perf_counter()
        for i in range(n):
            text = mutate()
            spec, question = specs[i % len(specs)], questions[i % len(questions)]

            def read(text=text):
                try:
                    parse(text)
                except MathInputError:
                    pass

            def judge(text=text, spec=spec):
                verdict = check(spec, text)["verdict"]
                if verdict not in VERDICTS:
                    raise AssertionError(f"unknown verdict {verdict!r}")

            def grade(text=text, question=question):
                result = _drive(grade_answer(question, text, pool=pool))
                if result.band not in BANDS or not 0 <= result.score <= 100:
                    raise AssertionError(f"bad grade {result.band} {result.score}")

            _guarded(stages["parse"], text, read)
            _guarded(stages["check"], text, judge)
            _guarded(stages["grade"], text, grade)
        wall = time.perf_counter() - started
        escaped = marker.exists()
    signal.signal(signal.SIGALRM, signal.SIG_DFL)
    return {"stages": stages, "wall": wall, "escaped": escaped, "n": n}


def _merge(parts: list[dict]) -> dict:
    stages = parts[0]["stages"]
    for part in parts[1:]:
        for name, stage in part["stages"].items():
            into = stages[name]
            into.times += stage.times
            into.crashes += stage.crashes
            into.overruns += stage.overruns
            into.retried += stage.retried
            into.slowest = max(into.slowest, stage.slowest)
    return {"stages": stages, "wall": max(p["wall"] for p in parts),
            "escaped": any(p["escaped"] for p in parts), "n": sum(p["n"] for p in parts)}


def run(quick: bool) -> dict:
    from concurrent.futures import ProcessPoolExecutor

    n = 5_000 if quick else 100_000
    jobs = 1 if quick else 2  # one process per core, each with its own mutator seed
    with ProcessPoolExecutor(jobs) as workers:
        parts = list(workers.map(fuzz, [n // jobs] * jobs, [20261124 + k for k in range(jobs)]))
    out = _merge(parts)
    stages: dict[str, Stage] = out["stages"]
    rows = [s.row() for s in stages.values()]
    crashes = [c for s in stages.values() for c in s.crashes]
    for crash in crashes[:5]:
        print(f"CRASH {crash['error']}\n  input: {crash['input']!r}\n{crash['where']}")
    return {"rows": rows, "figures": {
        "inputs": n,
        "crashes": len(crashes),
        "over_time_limit": sum(len(s.overruns) for s in stages.values()),
        "escapes": int(out["escaped"]),
        "time_limit_seconds": TIME_LIMIT,
        "slowest_grade_ms": round(1000 * stages["grade"].slowest[0], 1),
        "wall_seconds": round(out["wall"], 1),
        "processes": jobs,
    }, "crashes": crashes[:20]}
