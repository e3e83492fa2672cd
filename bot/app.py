"""Open everything Viva's core needs, once, for any adapter (bot, console, tests, CLI)."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.bank import Bank, load_bank
from bot.settings import Settings
from bot.store import SyncReport, make_engine, make_sessionmaker, sync_questions
from bot.store.migrate import upgrade

log = logging.getLogger(__name__)


@dataclass
class App:
    """The core's handles: settings, database and the loaded bank."""

    settings: Settings
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    bank: Bank
    sync_report: SyncReport
    pool: object | None = None  # the grading worker pool, when the adapter starts one
    limiter: object | None = None  # the per-user grading cooldown (bot.wiring.grading_limiter)


@asynccontextmanager
async def open_app(settings: Settings, *, bank: Bank | None = None) -> AsyncIterator[App]:
    """Upgrade the database to head, load the bank and sync it into the store."""
    engine = make_engine(settings.database_url)
    try:
        await upgrade(engine)
        bank = bank if bank is not None else load_bank(settings.bank_path)
        sessions = make_sessionmaker(engine)
        async with sessions() as session:
            report = await sync_questions(session=session, questions=bank)
        log.info("bank synced: %s", report.summary())
        yield App(settings, engine, sessions, bank, report)
    finally:
        await engine.dispose()
