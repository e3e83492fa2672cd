"""Viva core: question bank, grading, interviews, scoring, daily logic and store.

Nothing in this package imports discord; adapters live in ``cogs/`` and ``bot.console``.
"""

__version__ = "0.1.0"
