"""Move a community's data from SQLite to PostgreSQL without loss.

Both databases are brought to the same schema (Alembic head); every table is copied in
foreign-key order inside one destination transaction; sequences are moved past the
copied ids; then every table's row count and checksum are compared.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

from sqlalchemy import Table, func, select, text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine
from sqlmodel import SQLModel

import bot.store.tables  # noqa: F401  (every table registered)
from bot.errors import ConfigError
from bot.store.engine import describe_url, make_engine
from bot.store.migrate import upgrade

BATCH = 2000


@dataclass
class TableCheck:
    name: str
    rows: int
    checksum: str
    matches: bool


@dataclass
class TransferReport:
    tables: list[TableCheck] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(t.matches for t in self.tables)

    @property
    def rows(self) -> int:
        return sum(t.rows for t in self.tables)


def _normal(value: object) -> object:
    """One representation per value, whichever database it came from."""
    if isinstance(value, dt.datetime):
        aware = value if value.tzinfo else value.replace(tzinfo=dt.UTC)
        return aware.astimezone(dt.UTC).isoformat()
    if isinstance(value, float):
        return repr(round(value, 9))
    return value


def _tables() -> list[Table]:
    return list(SQLModel.metadata.sorted_tables)


def _order(table: Table):
    return [c for c in table.primary_key.columns] or list(table.columns)


async def table_fingerprint(conn: AsyncConnection, table: Table) -> tuple[int, str]:
    digest = hashlib.sha256()
    count = 0
    result = await conn.stream(select(table).order_by(*_order(table)))
    async for row in result:
        digest.update(repr(tuple(_normal(v) for v in row)).encode())
        count += 1
    return count, digest.hexdigest()[:16]


async def _copy_table(src: AsyncConnection, dst: AsyncConnection, table: Table) -> None:
    result = await src.stream(select(table).order_by(*_order(table)))
    async for chunk in result.partitions(BATCH):
        rows = [{k: (v.replace(tzinfo=dt.UTC) if isinstance(v, dt.datetime) and not v.tzinfo
                     else v) for k, v in row._mapping.items()} for row in chunk]
        await dst.execute(table.insert(), rows)


async def _reset_sequences(dst: AsyncConnection, table: Table) -> None:
    for column in table.primary_key.columns:
        if column.autoincrement is True or (
            column.autoincrement == "auto" and column.type.python_type is int
            and len(table.primary_key.columns) == 1 and not column.foreign_keys
        ):
            seq = (await dst.execute(text("SELECT pg_get_serial_sequence(:t, :c)"),
                                     {"t": table.name, "c": column.name})).scalar()
            if seq:
                await dst.execute(text(
                    f'SELECT setval(:s, COALESCE((SELECT MAX("{column.name}") FROM '
                    f'"{table.name}"), 1), (SELECT MAX("{column.name}") FROM "{table.name}") '
                    "IS NOT NULL)"), {"s": seq})


async def _ensure_empty(dst: AsyncConnection) -> None:
    for table in _tables():
        if (await dst.execute(select(func.count()).select_from(table))).scalar():
            raise ConfigError(f"the destination already holds data (table {table.name!r}); "
                              "copy into an empty database")


async def copy_database(src_url: str, dst_url: str) -> TransferReport:
    if not src_url.startswith("sqlite+aiosqlite://"):
        raise ConfigError("the source must be a SQLite URL (sqlite+aiosqlite:///path.db)")
    if not dst_url.startswith("postgresql+asyncpg://"):
        raise ConfigError("the destination must be a PostgreSQL URL (postgresql+asyncpg://...)")
    src_engine, dst_engine = make_engine(src_url), make_engine(dst_url)
    try:
        await upgrade(src_engine)
        await upgrade(dst_engine)
        return await _transfer(src_engine, dst_engine)
    finally:
        await src_engine.dispose()
        await dst_engine.dispose()


async def _transfer(src_engine: AsyncEngine, dst_engine: AsyncEngine) -> TransferReport:
    report = TransferReport()
    async with src_engine.connect() as src, dst_engine.begin() as dst:
        await _ensure_empty(dst)
        for table in _tables():
            await _copy_table(src, dst, table)
            if dst.dialect.name == "postgresql":
                await _reset_sequences(dst, table)
        for table in _tables():
            rows, checksum = await table_fingerprint(src, table)
            dst_rows, dst_checksum = await table_fingerprint(dst, table)
            report.tables.append(TableCheck(table.name, rows, checksum,
                                            (rows, checksum) == (dst_rows, dst_checksum)))
        if not report.ok:
            bad = ", ".join(t.name for t in report.tables if not t.matches)
            raise ConfigError(f"copy verification failed for {bad}; nothing was written to "
                              f"{describe_url(str(dst_engine.url))}")
    return report
