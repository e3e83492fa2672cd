"""The question bank: schema, loading with line-accurate errors, and lookups."""

from bot.bank.bank import BANK_DIR, Bank, load_bank, section_key
from bot.bank.loader import LoadResult, Problem, load_paths, parse_text
from bot.bank.schema import SECTIONS, KeyPoint, Misconception, Probe, Question

__all__ = [
    "BANK_DIR", "SECTIONS", "Bank", "KeyPoint", "LoadResult", "Misconception", "Probe",
    "Problem", "Question", "load_bank", "load_paths", "parse_text", "section_key",
]
