"""The terminal adapter: the same core as the Discord bot, driven by lines of text.

Interactive (``viva console``) or scripted (``viva console < script.txt``).
"""

from bot.console.session import Console, run_console

__all__ = ["Console", "run_console"]
