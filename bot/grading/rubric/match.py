"""Phrase matching on normalised text.

A hint is a short phrase; ``a + b`` means all parts in one sentence, and a part ``!c``
means "and not c in that sentence" ("features + independent + !conditional"). ``a & b``
narrows that to one clause (commas, "while", "but", "whereas" separate clauses) with the
parts in the order written, so a swapped pairing is caught without firing on the correct
contrast in the same sentence: "l1 & gaussian prior" matches "L1 is MAP with a Gaussian
prior, L2 with a Laplace one" but not "L1 is a Laplace prior, L2 a Gaussian one"; and
"vanish & larger than 1 & explode & smaller than 1" only the reversed condition. Words match by stem
(snowball) and, for long words, by a high-similarity typo check that never confuses
different words with shared roots (convex/concave both stem differently and are short of
the threshold). Hints with math symbols also match on the text with spaces removed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

import snowballstemmer

from bot.grading.normalize import GREEK, normalize

WORD = re.compile(r"[a-z0-9]+")
SENTENCE = re.compile(r"(?<=[.!?;\n])\s+|\n+")
# a line break inside a sentence (prose pasted from an editor that wraps lines): the line
# does not end a sentence and the next goes on in lower case, so they are one sentence
WRAPPED = re.compile(r"(?<=[A-Za-z0-9,)\]])[ \t]*\n[ \t]*(?=[a-z(])")
CLAUSE = re.compile(r",|;|\bbut\b|\bwhereas\b|\bwhile\b|\bhowever\b")
NEGATIONS = {
    "not", "no", "never", "cannot", "isnt", "doesnt", "dont", "wont", "arent", "didnt", "cant",
    "couldnt", "wouldnt", "shouldnt", "wasnt", "werent", "hasnt", "havent", "neednt", "mustnt",
    "neither", "nor", "without", "myth", "misconception", "wrong", "false", "incorrect",
    "contrary", "instead", "rather", "fails", "mistaken", "unlike", "none",
}
FUNCTION_WORDS = {
    "a", "an", "the", "is", "are", "be", "was", "so", "because", "since", "thus", "hence",
    "therefore", "if", "then", "when", "which", "that", "this", "it", "its", "of", "to", "by",
    "with", "we", "you", "gives", "give", "means", "makes", "implies", "as", "has", "have",
    "can", "must", "only", "than", "for", "on", "in", "from", "and", "or", "where", "there",
}
_stem = snowballstemmer.stemmer("english")


@lru_cache(maxsize=20_000)
def stem(word: str) -> str:
    return _stem.stemWord(word)


LATEX = [
    (re.compile(r"\$+"), " "),
    (re.compile(r"\\(left|right|big|Big|bigg|Bigg)(?![A-Za-z])"), ""),
    (re.compile(r"\\[,;:! ]"), " "),
    (re.compile(r"\^\s*\{?\s*\\(top|intercal|mathsf\{T\})\s*\}?"), "^T"),
    (re.compile(r"\\(hat|bar|tilde|widehat|overline)\s*\{?\s*([A-Za-z])(?:\s*\})?"), r"\2\1"),
    (re.compile(r"\\(mathbb|mathrm|mathcal|mathbf|boldsymbol|operatorname|text|textrm)\s*"
                r"\{([^{}]*)\}"), r"\2"),
    (re.compile(r"\\(mathbb|mathcal|mathbf|boldsymbol)\s+([A-Za-z])"), r"\2"),
    (re.compile(r"\\[dt]?frac\s*\{([^{}]*)\}\s*\{([^{}]*)\}"), r"(\1)/(\2)"),
    (re.compile(r"\\(leq?|leqslant)(?![A-Za-z])"), "<="),
    (re.compile(r"\\(geq?|geqslant)(?![A-Za-z])"), ">="),
    (re.compile(r"\\(cdot|odot|times|circ)(?![A-Za-z])"), "*"),
    (re.compile(r"\\(to|rightarrow|mapsto)(?![A-Za-z])"), "->"),
    (re.compile(r"\\infty(?![A-Za-z])"), "oo"),
    (re.compile(r"\\ell(?![A-Za-z])"), "l"),
    (re.compile(r"\\\|"), "||"),
    (re.compile(r"\\(Vert|lVert|rVert|parallel)(?![A-Za-z])"), "||"),
    (re.compile(r"\\(mid|vert|lvert|rvert)(?![A-Za-z])"), "|"),
    (re.compile(r"\\([A-Za-z]+)"), r" \1 "),
    (re.compile(r"[{}]"), ""),
]
SPACED = {**{g: f" {name} " for g, name in GREEK.items()},
          **{c: f" {w} " for c, w in {"∇": "nabla", "∂": "partial", "Σ": "sum", "∑": "sum",
                                       "∏": "prod", "√": "sqrt", "∝": "propto"}.items()}}


def fold(text: str) -> str:
    """Lowercase ASCII: LaTeX commands and Greek to names, math symbols to ASCII, accents
    dropped, braces removed (so x^{-1}, x^-1 and x⁻¹ read alike)."""
    for pattern, repl in LATEX:
        text = pattern.sub(repl, text)
    text = "".join(SPACED.get(c, c) for c in text)
    text = normalize(text).lower().replace("n't", "nt").replace("’", "'")
    text = text.replace("{", "").replace("}", "")
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    return WORD.findall(text)


def compact(text: str) -> str:
    return re.sub(r"[\s*·]+", "", text)


@dataclass
class Sentence:
    raw: str
    words: list[str]
    stems: list[str]
    clauses: list[int]  # clause number of each word


class Text:
    """An answer prepared once for many hint lookups."""

    def __init__(self, answer: str):
        folded = fold(WRAPPED.sub(" ", answer))
        self.compact = compact(folded)
        self.sentences: list[Sentence] = []
        self.clauses: list[tuple[int, Sentence]] = []  # (sentence index, one clause)
        for part in SENTENCE.split(folded):
            ws: list[str] = []
            clauses: list[int] = []
            pieces = CLAUSE.split(part)
            for number, clause in enumerate(pieces):
                found = words(clause)
                ws += found
                clauses += [number] * len(found)
            if ws:
                index = len(self.sentences)
                self.sentences.append(Sentence(part, ws, [stem(w) for w in ws], clauses))
                for clause in pieces:
                    if found := words(clause):
                        self.clauses.append((index, Sentence(clause, found,
                                                             [stem(w) for w in found],
                                                             [0] * len(found))))
        self.word_count = sum(len(s.words) for s in self.sentences)
        self.function_words = sum(w in FUNCTION_WORDS for s in self.sentences for w in s.words)


def _same(a: str, a_stem: str, b: str, b_stem: str) -> bool:
    if a_stem == b_stem or a == b:
        return True
    if len(b) >= 7 and a.startswith(b) and len(a) - len(b) <= 6:
        return True  # a truncated hint word: "lagrang" is "Lagrangian", "regulariz" "regularizer"
    if len(a) >= 6 and len(b) >= 6 and a[:2] == b[:2]:
        return SequenceMatcher(None, a, b).ratio() >= (0.84 if min(len(a), len(b)) >= 7 else 0.9)
    return False


MAX_GAP = 2  # "full column rank" matches the hint "full rank"


def _positions(sentence: Sentence, phrase: list[str], gap: int = MAX_GAP,
               after: int = -1) -> int | None:
    """Index of the last phrase word when the words appear in order with at most ``gap``
    other words between neighbours, starting after word ``after``; None if absent."""
    stems = [stem(w) for w in phrase]
    ws, ss = sentence.words, sentence.stems
    for start in range(after + 1, len(ws)):
        if not _same(ws[start], ss[start], phrase[0], stems[0]):
            continue
        at = start
        for k in range(1, len(phrase)):
            window = range(at + 1, min(len(ws), at + 2 + gap))
            at = next((j for j in window if _same(ws[j], ss[j], phrase[k], stems[k])), -1)
            if at < 0:
                break
        if at >= 0:
            return at
    return None


def _part_in(sentence: Sentence, part: str, after: int = -1) -> int | None:
    """Index of the last word of ``part`` in the sentence (its words starting after word
    ``after``), or None. A part matched only on the compact text has position ``after``:
    no order is known for it."""
    phrase = words(part)
    symbolic = re.search(r"[^a-z0-9\s'-]", part) is not None
    if not phrase:
        return max(after, 0) if symbolic and compact(part) in compact(sentence.raw) else None
    # a formula-like hint keeps its words together ("P(x) changes"); one made only of
    # letters and symbols ("y_i - w x_i", "1/t") must appear as written, spaces aside
    if symbolic and not any(len(w) >= 3 for w in phrase):
        return max(after, 0) if compact(part) in compact(sentence.raw) else None
    if symbolic and not all(compact(token) in compact(sentence.raw)
                            for token in part.split() if re.search(r"[^a-z0-9'-]", token)):
        return None  # "P(x) changes" is not "P(y|x) changes"
    found = _positions(sentence, phrase, 1 if symbolic else MAX_GAP, after)
    if found is None and symbolic:
        key = compact(part)
        if len(key) >= 3 and key in compact(sentence.raw):
            return max(after, 0)
    return found


@dataclass(frozen=True)
class Match:
    sentence: int
    negated: bool


def find(text: Text, hint: str) -> Match | None:
    """The first sentence (clause, for an ``&`` hint) where every part of the hint appears;
    notes if it is negated."""
    in_clause = " & " in hint
    parts = [fold(p).strip() for p in re.split(r" [+&] ", hint) if p.strip()]
    excluded = [p[1:].strip() for p in parts if p.startswith("!")]
    parts = [p for p in parts if not p.startswith("!")]
    if not parts:
        return None
    first: Match | None = None
    scopes = text.clauses if in_clause else list(enumerate(text.sentences))
    for index, sentence in scopes:
        if in_clause:  # in the order written: "vanish & larger than 1 & explode & smaller"
            positions: list[int | None] = []
            for p in parts:
                positions.append(_part_in(sentence, p, positions[-1] if positions else -1))
                if positions[-1] is None:
                    break
        else:
            positions = [_part_in(sentence, p) for p in parts]
        if any(p is None for p in positions):
            continue
        if any(_part_in(sentence, p) is not None for p in excluded):
            continue
        own = sum(w in NEGATIONS for p in parts for w in words(p))
        match = Match(index, _negated(sentence, max(positions), own))
        if not match.negated:
            return match
        first = first or match
    if (first is None and len(parts) == 1 and not excluded and not in_clause
            and re.search(r"[^a-z0-9\s]", parts[0])):
        key = compact(parts[0])
        if len(key) >= 3 and key in text.compact:
            return Match(0, False)
    return first


def _negated(sentence: Sentence, last_position: int, own: int = 0) -> bool:
    """A negation cue in the same clause, before the end of the matched phrase (beyond the
    ``own`` cues the hint itself contains: "you don't need the derivative")."""
    last_position = min(last_position, len(sentence.words) - 1)
    clause = sentence.clauses[last_position]
    cues = sum(w in NEGATIONS for k, w in enumerate(sentence.words[: last_position + 1])
               if sentence.clauses[k] == clause)
    return cues > own
