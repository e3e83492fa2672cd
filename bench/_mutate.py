"""A seeded mutator of hostile answers for ``bench/fuzz.py``: it starts from real formulas
(tests/grading/corpus/pairs.jsonl) and real answers (tests/rubric/answers/*.jsonl) and
applies unicode soup, deep nesting, huge exponents, LaTeX commands, markdown and mention
injection, code-execution attempts, splices and repetition."""

from __future__ import annotations

import json
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "grading" / "corpus" / "pairs.jsonl"
ANSWERS = ROOT / "tests" / "rubric" / "answers"

UNICODE = (
    "σΣθ√·−²³∑∏∫∂∇∞≤≥≠≈∈∉⊂∪∩ℝℕ𝔼𝒩ŷ‖⟨⟩→⇒∀∃λμπ"  # math people really type
    "\u0301\u0308\u20d7\u0332"  # combining marks
    "\u200b\u200c\u200d\u2060\ufeff"  # zero-width
    "\u202e\u202d\u2066\u2069"  # bidi overrides
    "\x00\x01\x07\x1b\x7f\r\t\x0b\x0c"  # control characters
    "😀🧮👍🏽\U0001f9d1\u200d\U0001f52c"  # emoji, ZWJ sequences
    "ﬁ½ⅷ①０１２ｘ"  # compatibility forms, full-width digits and letters
    "\ud7ff\ue000\U0010fffd"  # edges of the planes (no lone surrogates: not valid text)
)
LATEX = [r"\frac{", r"\frac{1}{", r"\sqrt[", r"\left(", r"\right)", r"\begin{pmatrix}",
         r"\end{pmatrix}", r"\input{/etc/passwd}", r"\def\x{\x}\x", r"\newcommand{\a}{\a}\a",
         r"\unknowncommand", r"\\", r"\sum_{i=1}^{\infty}", r"\int_0^\infty", r"\mathbb{E}",
         r"\operatorname{exec}", r"\text{", r"^{^{^{", r"_{_{", r"\limits", r"\over", r"$$"]
INJECT = ["@everyone", "@here", "<@123456789012345678>", "<@&1>", "<#1>", "```", "**", "__",
          "~~", "||spoiler||", "[x](http://evil)", "> quote", "# heading",
          "__import__('os').system('touch {marker}')", "().__class__.__bases__[0]",
          "eval('1')", "exec('x')", "lambda: 1", "open('/etc/passwd')", "{{7*7}}", "${7*7}",
          "'; DROP TABLE attempts; --", "\\x00", "%s%s%n"]
# Far past the 5,000-character answer limit (so over-long input is still fuzzed), but bounded:
# five compounding 400x repeats once grew a string until the fuzz process ran out of memory.
MAX_TEXT = 100_000
HUGE = ["^999999999", "**9**9**9", "^(10^10)", "1e309", "10**400", "9^9^9^9", "!!!!",
        "(10^9)!", "factorial(10^6)", "exp(exp(exp(exp(100))))", "sum_{i=1}^{10^12} i",
        "0^0", "1/0", "log(0)", "sqrt(-1)", "x^-999999", "e^(e^(e^x))"]


def load_seeds() -> tuple[list[str], list[str]]:
    formulas: list[str] = []
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        if line.strip():
            pair = json.loads(line)
            formulas += [pair["a"], pair["b"]]
    answers: list[str] = []
    for path in sorted(ANSWERS.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                answers.append(json.loads(line)["answer"])
    return formulas, answers


class Mutator:
    def __init__(self, seed: int, marker: str):
        self.rng = random.Random(seed)
        self.formulas, self.answers = load_seeds()
        self.inject = [s.replace("{marker}", marker) for s in INJECT]
        self.ops = [self.unicode_soup, self.nest, self.huge, self.latex, self.injection,
                    self.splice, self.repeat, self.delete, self.swap_chars, self.random_text,
                    self.embed_math]

    def seed(self) -> str:
        rng = self.rng
        return rng.choice(self.formulas if rng.random() < 0.6 else self.answers)

    def __call__(self) -> str:
        text = self.seed()
        for _ in range(self.rng.choice((1, 1, 2, 3, 5))):
            text = self.rng.choice(self.ops)(text)[:MAX_TEXT]
        return text

    # -- operators -------------------------------------------------------------------------
    def _at(self, text: str) -> int:
        return self.rng.randint(0, len(text))

    def _insert(self, text: str, piece: str) -> str:
        k = self._at(text)
        return text[:k] + piece + text[k:]

    def unicode_soup(self, text: str) -> str:
        for _ in range(self.rng.randint(1, 12)):
            text = self._insert(text, self.rng.choice(UNICODE))
        return text

    def nest(self, text: str) -> str:
        depth = self.rng.choice((5, 30, 41, 100, 1000, 5000))
        left, right = self.rng.choice((("(", ")"), ("{", "}"), ("[", "]"), (r"\left(", r"\right)"),
                                       ("sqrt(", ")"), ("|", "|"), ("(", "")))
        return left * depth + text + right * depth

    def huge(self, text: str) -> str:
        return self._insert(text, self.rng.choice(HUGE))

    def latex(self, text: str) -> str:
        return self._insert(text, self.rng.choice(LATEX))

    def injection(self, text: str) -> str:
        return self._insert(text, self.rng.choice(self.inject))

    def splice(self, text: str) -> str:
        other = self.seed()
        return text[: self._at(text)] + other[self.rng.randint(0, len(other)):]

    def repeat(self, text: str) -> str:
        times = self.rng.choice((2, 10, 50, 400))
        return text * min(times, MAX_TEXT // max(1, len(text)) + 1)

    def delete(self, text: str) -> str:
        a, b = sorted((self._at(text), self._at(text)))
        return text[:a] + text[b:]

    def swap_chars(self, text: str) -> str:
        chars = list(text)
        for _ in range(min(len(chars), self.rng.randint(1, 8))):
            chars[self.rng.randrange(len(chars))] = self.rng.choice("()^_{}\\*/+-=|!,.'$ 0x")
        return "".join(chars)

    def random_text(self, _: str) -> str:
        alphabet = "xyzabn0123456789+-*/^()_{}[]|\\$=<>!.,' " + UNICODE
        return "".join(self.rng.choice(alphabet) for _ in range(self.rng.randint(0, 120)))

    def embed_math(self, text: str) -> str:
        """A prose answer carrying this formula in $...$ (as answers do)."""
        return f"{self.rng.choice(self.answers)[:400]} so ${text}$ follows."
