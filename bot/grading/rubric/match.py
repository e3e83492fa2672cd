"""Phrase matching on normalised text.

A hint is a short phrase; ``a + b`` means all parts in one sentence. Words match by stem
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

from bot.grading.normalize import normalize

WORD = re.compile(r"[a-z0-9]+")
SENTENCE = re.compile(r"(?<=[.!?;\n])\s+|\n+")
CLAUSE = re.compile(r",|;|\bbut\b|\bwhereas\b|\bwhile\b|\bhowever\b")
NEGATIONS = {
    "not", "no", "never", "cannot", "isnt", "doesnt", "dont", "wont", "arent", "didnt",
    "neither", "nor", "without", "myth", "misconception", "wrong", "false", "incorrect",
    "contrary", "instead", "rather", "fails", "mistaken", "unlike",
}
_stem = snowballstemmer.stemmer("english")


@lru_cache(maxsize=20_000)
def stem(word: str) -> str:
    return _stem.stemWord(word)


def fold(text: str) -> str:
    """Lowercase ASCII: Greek to names, math symbols to ASCII, accents dropped."""
    text = normalize(text).lower().replace("n't", "nt").replace("’", "'")
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
        folded = fold(answer)
        self.compact = compact(folded)
        self.sentences: list[Sentence] = []
        for part in SENTENCE.split(folded):
            ws: list[str] = []
            clauses: list[int] = []
            for number, clause in enumerate(CLAUSE.split(part)):
                found = words(clause)
                ws += found
                clauses += [number] * len(found)
            if ws:
                self.sentences.append(Sentence(part, ws, [stem(w) for w in ws], clauses))
        self.word_count = sum(len(s.words) for s in self.sentences)


def _same(a: str, a_stem: str, b: str, b_stem: str) -> bool:
    if a_stem == b_stem or a == b:
        return True
    if len(a) >= 6 and len(b) >= 6 and a[:2] == b[:2]:
        return SequenceMatcher(None, a, b).ratio() >= (0.84 if min(len(a), len(b)) >= 7 else 0.9)
    return False


MAX_GAP = 2  # "full column rank" matches the hint "full rank"


def _positions(sentence: Sentence, phrase: list[str]) -> int | None:
    """Index of the last phrase word when the words appear in order with at most MAX_GAP
    other words between neighbours; None if absent."""
    stems = [stem(w) for w in phrase]
    ws, ss = sentence.words, sentence.stems
    for start in range(len(ws)):
        if not _same(ws[start], ss[start], phrase[0], stems[0]):
            continue
        at = start
        for k in range(1, len(phrase)):
            window = range(at + 1, min(len(ws), at + 2 + MAX_GAP))
            at = next((j for j in window if _same(ws[j], ss[j], phrase[k], stems[k])), -1)
            if at < 0:
                break
        if at >= 0:
            return at
    return None


def _part_in(sentence: Sentence, part: str) -> int | None:
    """Index of the last word of ``part`` in the sentence, or None."""
    phrase = words(part)
    if not phrase:
        return None
    found = _positions(sentence, phrase)
    if found is None and re.search(r"[^a-z0-9\s]", part):
        key = compact(part)
        if len(key) >= 3 and key in compact(sentence.raw):
            return 0
    return found


@dataclass(frozen=True)
class Match:
    sentence: int
    negated: bool


def find(text: Text, hint: str) -> Match | None:
    """The first sentence where every part of the hint appears; notes if it is negated."""
    parts = [fold(p).strip() for p in hint.split(" + ") if p.strip()]
    if not parts:
        return None
    first: Match | None = None
    for index, sentence in enumerate(text.sentences):
        positions = [_part_in(sentence, p) for p in parts]
        if any(p is None for p in positions):
            continue
        match = Match(index, _negated(sentence, max(positions)))
        if not match.negated:
            return match
        first = first or match
    if first is None and len(parts) == 1 and re.search(r"[^a-z0-9\s]", parts[0]):
        key = compact(parts[0])
        if len(key) >= 3 and key in text.compact:
            return Match(0, False)
    return first


def _negated(sentence: Sentence, last_position: int) -> bool:
    """A negation cue in the same clause, before the end of the matched phrase."""
    last_position = min(last_position, len(sentence.words) - 1)
    clause = sentence.clauses[last_position]
    return any(w in NEGATIONS for k, w in enumerate(sentence.words[: last_position + 1])
               if sentence.clauses[k] == clause)
