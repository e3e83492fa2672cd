"""The SQL store: models, engine, migrations and data functions (no Discord)."""

import bot.store.tables  # noqa: F401  (all tables registered)
from bot.store.engine import describe_url, make_engine, make_sessionmaker
from bot.store.models import Attempt, Guild, QuestionRow, User
from bot.store.people import CONSOLE_GUILD_ID, CONSOLE_USER_ID, ensure_guild, ensure_user
from bot.store.questions import SyncReport, sync_questions

__all__ = [
    "CONSOLE_GUILD_ID", "CONSOLE_USER_ID", "ensure_guild", "ensure_user",
    "Attempt", "Guild", "QuestionRow", "SyncReport", "User", "describe_url",
    "sync_questions", "make_engine", "make_sessionmaker",
]
