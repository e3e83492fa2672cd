"""Hard caps on what a typed answer may ask the engine to do. Each has a clear message."""

MAX_CHARS = 2000
MAX_TOKENS = 600
MAX_DEPTH = 40
MAX_NODES = 800
MAX_INT_DIGITS = 40
MAX_EXPONENT = 500
MAX_FACTORIAL = 100
MAX_EVAL_STEPS = 2000  # node evaluations per sample point (nested sums multiply)


class MathInputError(ValueError):
    """The input cannot be read as math; the message says why, for the candidate."""


def too_long(n: int) -> MathInputError:
    return MathInputError(f"That is {n:,} characters; a formula may have at most {MAX_CHARS:,}.")
