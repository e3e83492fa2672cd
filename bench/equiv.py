"""Equivalence checking: Viva's engine (through the worker pool, warm) against two peers
on the same labelled pairs — plain ``sympy.simplify(a - b) == 0`` (on sympy's own parser,
which Viva never uses on user text) and HuggingFace ``math-verify`` — plus hostile inputs.

Figures: median/p95 ms per check, agreement with the labels, false 'equivalent' count,
time ratio to each peer, and the slowest hostile input against the time limit."""

from __future__ import annotations

import asyncio
import json
import signal
import statistics
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "grading" / "corpus" / "pairs.jsonl"
HOSTILE = ["9**9**9**9", "factorial(10**9)", "(" * 5000 + "x" + ")" * 5000, "x" * 100_000,
           "__import__('os').system('true')", "exp(exp(exp(exp(100))))",
           "sum_i sum_j sum_k x_i x_j x_k", "(x+1)^(10^9)", "\\frac{" * 200 + "x" + "}" * 200]


class PeerTimeout(Exception):
    pass


def _alarm(signum, frame):
    raise PeerTimeout


def _peer(fn, a: str, b: str, limit: float = 2.0) -> tuple[str, float]:
    signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, limit)
    started = time.perf_counter()
    try:
        verdict = "equivalent" if fn(a, b) else "not_equivalent"
    except PeerTimeout:
        verdict = "undetermined"
    except Exception:
        verdict = "invalid"
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    return verdict, (time.perf_counter() - started) * 1000


def _sympy_peer(a: str, b: str) -> bool:
    import sympy
    from sympy.parsing.sympy_parser import (
        implicit_multiplication_application,
        parse_expr,
        standard_transformations,
    )

    tr = standard_transformations + (implicit_multiplication_application,)
    ea = parse_expr(a.replace("^", "**"), transformations=tr)  # bench only: trusted corpus
    eb = parse_expr(b.replace("^", "**"), transformations=tr)
    return sympy.simplify(ea - eb) == 0


def _math_verify_peer(a: str, b: str) -> bool:
    from math_verify import parse, verify

    return bool(verify(parse(f"${b}$"), parse(f"${a}$")))


def _score(verdicts: list[str], labels: list[str]) -> dict:
    agree = sum(v == lab for v, lab in zip(verdicts, labels, strict=True))
    false_eq = sum(v == "equivalent" and lab != "equivalent"
                   for v, lab in zip(verdicts, labels, strict=True))
    return {"agreement_pct": round(100 * agree / len(labels), 1), "false_equivalent": false_eq}


def run(quick: bool) -> dict:
    from bot.grading import GradingPool, check_equivalent

    records = [json.loads(x) for x in CORPUS.read_text().splitlines() if x.strip()]
    if quick:
        records = records[:50]
    labels = [r["label"] for r in records]

    async def ours() -> tuple[list[str], list[float], float]:
        async with GradingPool(workers=2, timeout=2.0) as pool:
            for _ in range(4):  # warm the workers
                await check_equivalent("x", "x", pool=pool)
            verdicts, times = [], []
            for r in records:
                result = await check_equivalent(r["a"], r["b"], symbols=r["assumptions"] or None,
                                                pool=pool)
                verdicts.append(result.verdict)
                times.append(result.ms)
            worst = 0.0
            for text in HOSTILE:
                started = time.perf_counter()
                await check_equivalent(text, "x", pool=pool)
                worst = max(worst, time.perf_counter() - started)
            return verdicts, times, worst

    verdicts, times, worst = asyncio.run(ours())
    times.sort()
    rows = [{"checker": "viva (pool, warm)", **_score(verdicts, labels),
             "median_ms": round(statistics.median(times), 2),
             "p95_ms": round(times[int(0.95 * (len(times) - 1))], 2)}]
    figures = {"pairs": len(records), "median_ms": rows[0]["median_ms"],
               "p95_ms": rows[0]["p95_ms"], "hostile_max_seconds": round(worst, 3),
               "time_limit_seconds": 2.0}
    for name, fn in (("sympy.simplify(a-b)==0", _sympy_peer), ("math-verify", _math_verify_peer)):
        peer = [_peer(fn, r["a"], r["b"]) for r in records]
        peer_times = sorted(t for _, t in peer)
        median = statistics.median(peer_times)
        rows.append({"checker": name, **_score([v for v, _ in peer], labels),
                     "median_ms": round(median, 2),
                     "p95_ms": round(peer_times[int(0.95 * (len(peer_times) - 1))], 2)})
        figures[f"time_ratio_{name.split('.')[0].split('(')[0].replace('-', '_')}"] = round(
            median / rows[0]["median_ms"], 2)
    return {"rows": rows, "figures": figures}
