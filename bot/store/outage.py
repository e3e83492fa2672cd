"""Telling "the database is unreachable" apart from a bug, for every adapter's error path.

When PostgreSQL restarts (or SQLite stays locked), a command fails with an exception from
SQLAlchemy, asyncpg or the socket layer. Adapters show ``DB_UNAVAILABLE`` for those instead
of the generic "bug" reply. Nothing is half-written: every service writes one step in one
transaction, which the database rolls back when the connection drops. Recovery needs no
restart: the engine pings a pooled connection before using it (``pool_pre_ping``) and
opens a new one when the old one is dead.
"""

from __future__ import annotations

import asyncio
import errno

from sqlalchemy import exc as sa_exc

DB_UNAVAILABLE = ("The database is unavailable right now, so nothing was changed. "
                  "Try again in a minute.")

_SQLA = (sa_exc.OperationalError, sa_exc.InterfaceError, sa_exc.DisconnectionError,
         sa_exc.TimeoutError)
_OS = (ConnectionError, TimeoutError, asyncio.TimeoutError)
_ERRNOS = {errno.ECONNREFUSED, errno.ECONNRESET, errno.EHOSTUNREACH, errno.ENETUNREACH,
           errno.ETIMEDOUT, errno.ECONNABORTED}


def _driver_errors() -> tuple[type[BaseException], ...]:
    try:
        import asyncpg
    except ImportError:  # pragma: no cover - asyncpg is a dependency
        return ()
    return (asyncpg.PostgresConnectionError, asyncpg.InterfaceError,
            asyncpg.CannotConnectNowError, asyncpg.TooManyConnectionsError)


_DRIVER = _driver_errors()


def _chain(error: BaseException):
    seen: set[int] = set()
    stack = [error]
    while stack:
        current = stack.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        stack += [getattr(current, "original", None), getattr(current, "orig", None),
                  current.__cause__, current.__context__]


def is_db_outage(error: BaseException) -> bool:
    """Is ``error`` (or what caused it) the database being unreachable?"""
    for current in _chain(error):
        if isinstance(current, sa_exc.DBAPIError) and current.connection_invalidated:
            return True
        if isinstance(current, _SQLA + _OS + _DRIVER):
            return True
        if isinstance(current, OSError) and (current.errno in _ERRNOS
                                             or "Connect call failed" in str(current)):
            return True  # asyncio's "Multiple exceptions: Connect call failed ..."
    return False
