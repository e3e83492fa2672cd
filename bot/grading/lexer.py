"""Tokens from ASCII, Unicode (normalised first) and LaTeX math. Pure string scanning.

Letter runs are split with a vocabulary: known function and Greek names and the spec's
declared names are kept whole (``sigma``, ``theta_t``); short unknown runs are products of
single letters (``wx`` is w·x); long unknown words stay one symbol (``bias``).
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.grading.limits import MAX_CHARS, MAX_INT_DIGITS, MAX_TOKENS, MathInputError, too_long
from bot.grading.normalize import GREEK, normalize, unwrap

FUNCTIONS = {
    "exp", "log", "ln", "sqrt", "sin", "cos", "tan", "tanh", "sinh", "cosh", "arctan",
    "sigma", "sigmoid", "logistic", "relu", "softmax", "softplus", "max", "min", "sign",
    "sgn", "abs", "det", "tr", "trace", "erf", "Phi", "E", "Var", "Cov", "P", "KL",
    "factorial", "inv", "Tr",
}
WORDS = FUNCTIONS | set(GREEK.values()) | {
    "sum", "prod", "nabla", "partial", "grad", "oo", "inf", "infty", "pi", "alpha", "epsilon",
}
LATEX_WORDS = {
    "frac": "FRAC", "dfrac": "FRAC", "tfrac": "FRAC", "sqrt": "sqrt", "sum": "sum",
    "prod": "prod", "cdot": "*", "times": "*", "odot": "*", "ast": "*", "div": "/",
    "le": "<=", "leq": "<=", "leqslant": "<=", "ge": ">=", "geq": ">=", "geqslant": ">=",
    "ne": "!=", "neq": "!=", "lt": "<", "gt": ">", "approx": "~=", "top": "T",
    "intercal": "T", "infty": "oo", "partial": "partial", "nabla": "nabla", "mid": "|",
    "lVert": "||", "rVert": "||", "Vert": "||", "|": "||", "lvert": "|", "rvert": "|",
    "vert": "|", "{": "(", "}": ")", "langle": "<<", "rangle": ">>", "to": "->",
    "log": "log", "ln": "ln", "exp": "exp", "sin": "sin", "cos": "cos", "tan": "tan",
    "tanh": "tanh", "max": "max", "min": "min", "det": "det", "Pr": "P", "E": "E",
    "sinh": "sinh", "cosh": "cosh", "arctan": "arctan", "tr": "tr", "ell": "l", "sim": "~",
    "leftarrow": "<-", "gets": "<-", "coloneqq": ":=", "coloneq": ":=", "simeq": "~=",
    "prime": "'", "mp": "-", "dots": "...", "ldots": "...", "cdots": "...",
}
FRAC_COMMANDS = ("frac", "dfrac", "tfrac", "cfrac")
SPACING = {",", ";", ":", "!", " ", "quad", "qquad", "left", "right", "big", "Big", "bigg",
           "Bigg", "bigl", "bigr", "Bigl", "Bigr", "displaystyle", "limits", "nolimits"}
ACCENTS = {"hat": "hat", "widehat": "hat", "bar": "bar", "overline": "bar", "tilde": "tilde",
           "widetilde": "tilde", "dot": "dot", "vec": "", "mathbf": "", "boldsymbol": "",
           "mathrm": "", "mathit": "", "operatorname": "", "text": "", "textrm": "",
           "mathbb": "", "mathcal": "", "bm": ""}
SUFFIXES = ("hat", "bar", "tilde", "star")
OPERATORS = ["**", ":=", "<-", "<=", ">=", "!=", "~=", "==", "||", "->", "=>", "...", "<<", ">>",
             "+", "-", "*", "/", "^", "_", "(", ")", "[", "]", "{", "}", ",", ";", "~", "|", "'", "!",
             "=", "<", ">"]


@dataclass(frozen=True)
class Token:
    kind: str  # NUM, NAME, OP, END
    text: str
    pos: int


class Lexer:
    def __init__(self, names: set[str] | None = None, functions: set[str] | None = None):
        self.declared = set(names or ())
        self.functions = FUNCTIONS | set(functions or ())
        self.words = WORDS | self.declared | self.functions

    def tokens(self, raw: str) -> list[Token]:
        if len(raw) > MAX_CHARS:
            raise too_long(len(raw))
        if "\x00" in raw:
            raise MathInputError("The input contains a NUL character.")
        text = frac_groups(normalize(unwrap(raw)))
        out: list[Token] = []
        i = 0
        while i < len(text):
            ch = text[i]
            if ch.isspace():
                i += 1
            elif ch == "\\":
                i = self._latex(text, i, out)
            elif _digit(ch) or (ch == "." and i + 1 < len(text) and _digit(text[i + 1])):
                j = i
                while j < len(text) and (_digit(text[j]) or text[j] == "."):
                    j += 1
                j = _exponent(text, j)
                number = text[i:j]
                if number.count(".") > 1:
                    raise MathInputError(f"I can't read the number '{number}'.")
                if len(number.split("e")[0].replace(".", "")) > MAX_INT_DIGITS:
                    raise MathInputError(f"Numbers may have at most {MAX_INT_DIGITS} digits.")
                out.append(Token("NUM", number, i))
                i = j
            elif ch.isalpha() and ch.isascii():
                i = self._letters(text, i, out)
            else:
                op = next((o for o in OPERATORS if text.startswith(o, i)), None)
                if op is None:
                    raise MathInputError(f"I don't know the symbol '{ch}' (at character {i + 1}).")
                out.append(Token("OP", {"**": "^", "==": "="}.get(op, op), i))
                i += len(op)
            if len(out) > MAX_TOKENS:
                raise MathInputError(f"That formula is too long (over {MAX_TOKENS} symbols).")
        out.append(Token("END", "", len(text)))
        return out

    def _letters(self, text: str, i: int, out: list[Token]) -> int:
        j = i
        while j < len(text) and text[j].isascii() and (text[j].isalnum() or text[j] == "_"):
            j += 1
        run = text[i:j]
        # a declared name may contain "_" and digits (theta_t, log_pz): longest match first
        compound = sorted((n for n in self.declared if not n.isalpha()), key=len, reverse=True)
        for name in compound:
            if run.startswith(name):
                out.append(Token("NAME", name, i))
                return i + len(name)
        for k in (1, 2):  # pV1: a letter or two, then a declared V1 (not thet·a_t in theta_t)
            name = next((n for n in compound if run.startswith(n, k)), None)
            if name and run[:k].isalpha() and not any(
                    len(w) > 1 and run.startswith(w, s) and s + len(w) > k
                    for w in self.words for s in range(k)):
                for piece, offset in self._split(run[:k]):
                    out.append(Token("NAME", piece, i + offset))
                out.append(Token("NAME", name, i + k))
                return i + k + len(name)
        j = i
        while j < len(text) and text[j].isascii() and text[j].isalpha():
            j += 1
        for piece, offset in self._split(text[i:j]):
            out.append(Token("NAME", piece, i + offset))
        return j

    def _split(self, word: str) -> list[tuple[str, int]]:
        if word in self.words:
            return [(word, 0)]
        if len(word) >= 4 and not all(c in self.declared for c in word):
            # long unknown words are one symbol, unless made of known words (sigmaz)
            pieces = self._greedy(word)
            if pieces is not None:
                return pieces
            return [(word, 0)]
        return self._greedy(word) or [(c, k) for k, c in enumerate(word)]

    def _greedy(self, word: str) -> list[tuple[str, int]] | None:
        """Split into known words and single letters; None if only letters were found in a
        long word (then it is kept whole)."""
        pieces: list[tuple[str, int]] = []
        k = 0
        known = False
        while k < len(word):
            match = next((w for w in sorted(self.words, key=len, reverse=True)
                          if len(w) > 1 and word.startswith(w, k)), None)
            if match:
                pieces.append((match, k))
                k += len(match)
                known = True
                continue
            if word.startswith(SUFFIXES, k + 1) and pieces == [] and k == 0:
                suffix = next(s for s in SUFFIXES if word.startswith(s, k + 1))
                pieces.append((word[k] + suffix, k))
                k += 1 + len(suffix)
                known = True
                continue
            pieces.append((word[k], k))
            k += 1
        return pieces if known or len(word) < 4 else None

    def _latex(self, text: str, i: int, out: list[Token]) -> int:
        j = i + 1
        if j < len(text) and not text[j].isalpha():
            symbol = text[j]
            mapped = LATEX_WORDS.get(symbol)
            if mapped:
                out.append(Token("OP", mapped, i))
            elif symbol not in SPACING:
                raise MathInputError(f"I don't know the LaTeX command '\\{symbol}'.")
            return j + 1
        while j < len(text) and text[j].isalpha():
            j += 1
        word = text[i + 1:j]
        if word in SPACING:
            return j
        if word in ("in", "notin", "subset", "subseteq", "forall", "exists", "begin", "end"):
            raise MathInputError(f"I can read formulas, not '\\{word}' (sets, quantifiers, "
                                 "environments): write the formula alone.")
        if word in ACCENTS:
            return self._accent(text, j, ACCENTS[word], out, i)
        if word in GREEK.values() or word in ("varepsilon", "vartheta", "varphi", "varsigma"):
            out.append(Token("NAME", word.removeprefix("var"), i))
            return j
        mapped = LATEX_WORDS.get(word)
        if mapped is None:
            raise MathInputError(f"I don't know the LaTeX command '\\{word}'.")
        kind = "NAME" if mapped.isalpha() and mapped not in ("FRAC",) else "OP"
        out.append(Token(kind, mapped, i))
        return j

    def _accent(self, text: str, j: int, suffix: str, out: list[Token], start: int) -> int:
        """\\hat{y} -> yhat; \\mathbb{E} -> E; \\mathrm{KL} -> KL; \\text{...} -> word."""
        while j < len(text) and text[j] == " ":
            j += 1
        if j < len(text) and text[j] == "{":
            end = _closing(text, j)
            inner = text[j + 1:end].strip()
            j = end + 1
            if not suffix and not _plain(inner):
                # \mathbf{W^T x}, \boldsymbol{\hat\beta}: a style around a formula is the formula
                inner_tokens = self.tokens(inner)[:-1]
                many = len(inner_tokens) > 1
                out.extend(([Token("OP", "(", start)] if many else []) + [
                    Token(t.kind, t.text, start) for t in inner_tokens] + (
                    [Token("OP", ")", start)] if many else []))
                return j
        elif j < len(text) and text[j] == "\\":
            k = j + 1
            while k < len(text) and text[k].isalpha():
                k += 1
            inner = text[j:k]
            j = k
        elif j < len(text):
            inner = text[j]
            j += 1
        else:
            raise MathInputError("An accent needs something to sit on.")
        if inner.startswith("\\"):
            inner = {"ell": "l"}.get(inner[1:], inner[1:].removeprefix("var"))
        if not inner.replace(" ", "").isalnum():
            raise MathInputError(f"I can't read '{inner[:20]}' inside a LaTeX accent.")
        word = inner.replace(" ", "")
        name = word + suffix if suffix else word
        out.append(Token("NAME", name, start))
        if suffix:
            self.words.add(name)
        elif word not in self.words and len(word) > 1:
            self.words.add(word)
        return j


def _exponent(text: str, j: int) -> int:
    """1e-3 and 3e5 are numbers (the way a learning rate is typed): 'e', an optional sign and
    at most two digits, right after the digits and not followed by a letter or '^'."""
    k = j + 1 if j < len(text) and text[j] == "e" else j
    if k == j:
        return j
    if k < len(text) and text[k] in "+-":
        k += 1
    start = k
    while k < len(text) and text[k].isdigit() and k - start < 3:
        k += 1
    if k == start:
        return j  # 2e, 2e^x, 2e-x: e is Euler's number
    if k - start > 2 or (k < len(text) and (text[k].isalnum() or text[k] in "^_.")):
        while k < len(text) and text[k].isalnum():
            k += 1
        raise MathInputError(f"I can't tell what '{text[j - 1:k][:20]}' means (a number like 1e-3, "
                             "or a product with e?): write 10^(-3) or use '*'.")
    return k


def _closing(text: str, j: int) -> int:
    """The index of the '}' that closes the '{' at ``j``."""
    depth = 0
    for k in range(j, len(text)):
        if text[k] == "{":
            depth += 1
        elif text[k] == "}":
            depth -= 1
            if depth == 0:
                return k
    raise MathInputError("A '{' is never closed.")


def _plain(inner: str) -> bool:
    """A name inside an accent: letters and digits, or one LaTeX command (\\beta)."""
    word = inner.replace(" ", "")
    return word.isalnum() or (word.startswith("\\") and word[1:].isalpha())


def frac_groups(text: str) -> str:
    """``\\frac12`` -> ``\\frac{1}{2}``, ``\\frac1n`` -> ``\\frac{1}{n}``, ``\\tfrac{1}2``: TeX takes
    one character (or one command) as an argument when there are no braces."""
    if "frac" not in text:
        return text
    out: list[str] = []
    i = 0
    while i < len(text):
        if text[i] == "\\":
            j = i + 1
            while j < len(text) and text[j].isalpha():
                j += 1
            word = text[i + 1:j]
            out.append(text[i:j])
            i = j
            if word in FRAC_COMMANDS:
                for _ in range(2):
                    while i < len(text) and text[i] == " ":
                        i += 1
                    if i >= len(text) or text[i] == "(":
                        break  # \frac(a)(b): the parser reads it
                    if text[i] == "{":
                        end = _closing(text, i)
                        out.append(text[i:end + 1])
                        i = end + 1
                        continue
                    arg, i = _tex_argument(text, i)
                    out.append("{" + arg + "}")
            continue
        out.append(text[i])
        i += 1
    return "".join(out)


def _tex_argument(text: str, i: int) -> tuple[str, int]:
    if text[i] == "\\":
        j = i + 1
        while j < len(text) and text[j].isalpha():
            j += 1
        return text[i:max(j, i + 2)], max(j, i + 2)
    return text[i], i + 1


def _digit(ch: str) -> bool:
    """0-9 only: str.isdigit() is also true for ① or ², which int() and mpmath refuse."""
    return "0" <= ch <= "9"
