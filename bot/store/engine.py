"""Async engine and session factory. SQLite runs in WAL mode with foreign keys on, and every
transaction starts with ``BEGIN IMMEDIATE``: a transaction that reads and then writes
(``ensure_user``: get, then insert) would otherwise fail at once with "database is locked"
when another connection wrote in between (SQLite cannot upgrade a stale read snapshot, and
the busy timeout does not apply to that case). Writers now queue behind the busy timeout."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.errors import ConfigError


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()
    dbapi_connection.isolation_level = None  # the driver's own BEGIN is replaced by ours


def _sqlite_begin(connection) -> None:
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def make_engine(url: str, **kw) -> AsyncEngine:
    """Build the engine; a malformed URL or missing folder is a one-line ``ConfigError``."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise ConfigError(f"DATABASE_URL is not a valid database URL: {url!r}") from None
    if parsed.get_backend_name() == "sqlite":
        db = parsed.database
        if db and db != ":memory:" and not Path(db).expanduser().resolve().parent.is_dir():
            raise ConfigError(f"cannot open the SQLite database {db!r}: its folder does not exist")
        if db and db != ":memory:":
            # One connection, handed from session to session in order (SQLAlchemy's pool
            # queue): SQLite has one writer anyway, and a session waiting here waits in the
            # event loop, not in SQLite's busy handler (which polls with sleeps and gives up
            # after busy_timeout with "database is locked" under load).
            kw.setdefault("pool_size", 1)
            kw.setdefault("max_overflow", 0)
            kw.setdefault("pool_timeout", 60)
        engine = create_async_engine(url, **kw)
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
        event.listen(engine.sync_engine, "begin", _sqlite_begin)
        return engine
    # Survive a database restart without restarting Viva (bot/store/outage.py): test a
    # pooled connection before use, renew connections older than 30 min, and give up
    # connecting after 10 s (asyncpg waits 60 s) so a command fails fast and politely.
    kw.setdefault("pool_pre_ping", True)
    kw.setdefault("pool_recycle", 1800)
    kw.setdefault("pool_size", 10)
    kw.setdefault("connect_args", {"timeout": 10})
    return create_async_engine(url, **kw)


def make_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, class_=AsyncSession, expire_on_commit=False)


def describe_url(url: str) -> str:
    """The URL without its password, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "<invalid URL>"
