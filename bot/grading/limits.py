"""Hard caps on what a typed answer may ask the engine to do. Each has a clear message."""

import time
from contextlib import contextmanager

MAX_CHARS = 2000
MAX_TOKENS = 600
MAX_DEPTH = 40
MAX_NODES = 800
MAX_INT_DIGITS = 40
MAX_EXPONENT = 500
MAX_FACTORIAL = 100
MAX_EVAL_STEPS = 2000  # node evaluations per sample point (nested sums multiply)
# Work budget of one check or one whole answer, inside the worker: past it every evaluation
# gives up ("too much work"), so the answer is graded (formula undetermined) before the
# pool's hard limit (GRADING_TIMEOUT, 2 s) kills the worker. Answers that repeat a formula
# dozens of times were the only inputs of 100,000 fuzzed ones to reach the hard limit.
WORK_SECONDS = 1.2
_deadline = [float("inf")]


@contextmanager
def work_budget(seconds: float | None = None):
    """Within this block (nested blocks keep the earlier deadline), ``out_of_time()``."""
    outer = _deadline[0]
    _deadline[0] = min(outer, time.perf_counter() + (WORK_SECONDS if seconds is None
                                                       else seconds))
    try:
        yield
    finally:
        _deadline[0] = outer


def out_of_time() -> bool:
    return time.perf_counter() > _deadline[0]


class MathInputError(ValueError):
    """The input cannot be read as math; the message says why, for the candidate."""


def too_long(n: int) -> MathInputError:
    return MathInputError(f"That is {n:,} characters; a formula may have at most {MAX_CHARS:,}.")
