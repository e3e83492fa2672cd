"""Scoring reads at scale: one server, 10,000 players, 1,000,000 attempts (``--quick``:
100,000), on SQLite and on PostgreSQL. Times, through the real core functions and a fresh
session each time:

- the weekly leaderboard (top 10 + the viewer's rank, ``bot.scoring.boards.leaderboard``);
- a profile read (points, rank, streak, answered count: ``bot.scoring.standing.standing``);
- a review pick (the user's most-due question: ``bot.review.memory.due_reviews``).

The data set is bulk-loaded (sqlite3 ``executemany`` / asyncpg ``COPY``) after the real
migrations; points, fairness (once per question per season) and the summary totals are
computed with the same rules as ``record_attempt``. PostgreSQL is ``BENCH_POSTGRES_URL`` or
``VIVA_TEST_POSTGRES_URL`` (a scratch database is created and dropped); without one the
PostgreSQL rows say so.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import random
import sqlite3
import statistics
import tempfile
import time
import uuid
from pathlib import Path

from bot.app import open_app
from bot.scoring.periods import week_of, zone
from bot.scoring.rules import points_for
from bot.scoring.seasons import current_season
from bot.settings import load_settings
from bot.store import ensure_guild

GUILD = 1
PLAYERS = 10_000
NOW = dt.datetime(2026, 11, 26, 12, 0, tzinfo=dt.UTC)  # a Thursday
DAYS = 180
TZ = "Europe/Paris"
RUNS = 200
TARGET_MS = 20.0


def _band(score: int) -> str:
    return "strong" if score >= 75 else "partial" if score >= 25 else "weak"


async def _prepare(app) -> tuple[list[str], dict[str, str], dict[tuple[int, int], int]]:
    """Guild, seasons (one per month of the range) through the core; returns question ids,
    their sections and the season id per (year, month)."""
    questions = [q.id for q in app.bank]
    sections = {q.id: q.section for q in app.bank}
    seasons = {}
    async with app.sessions() as s:
        await ensure_guild(s, guild_id=GUILD, name="bench", timezone=TZ)
        await s.flush()
        day = (NOW - dt.timedelta(days=DAYS + 1)).date().replace(day=1)
        while day <= NOW.date():
            at = dt.datetime.combine(day + dt.timedelta(days=14), dt.time(12), tzinfo=dt.UTC)
            season = await current_season(s, guild_id=GUILD, now=at)
            seasons[(day.year, day.month)] = season.id
            day = (day + dt.timedelta(days=32)).replace(day=1)
        await s.commit()
    return questions, sections, seasons


def _data(total: int, questions, sections, seasons, seed: int = 7):
    """Attempts, score totals and review cards, computed like record_attempt would."""
    rng = random.Random(seed)
    tz = zone(TZ)
    per_user = total // PLAYERS
    span = DAYS * 86400
    attempts, cards = [], []
    totals: dict[tuple, list] = {}
    for user in range(1, PLAYERS + 1):
        times = sorted(NOW - dt.timedelta(seconds=rng.randrange(span)) for _ in range(per_user))
        seen: set[tuple[int, str]] = set()
        best: dict[str, tuple[int, dt.datetime]] = {}
        for at in times:
            question = rng.choice(questions)
            score = rng.randrange(101)
            local = at.astimezone(tz)
            season_id = seasons[(local.year, local.month)]
            counted = (season_id, question) not in seen
            seen.add((season_id, question))
            points = points_for(kind="question", score=score, band=_band(score),
                                hints_used=rng.random() < 0.1) if counted else 0
            attempts.append((user, GUILD, question, "h", "question", "bench answer",
                             float(score), _band(score), None, 0, 0, points, counted, None, at))
            week = week_of(at, tz).key
            for period, key in (("week", week), ("season", str(season_id)), ("all", "")):
                for section in ("", sections[question]):
                    row = totals.setdefault((GUILD, period, key, section, user), [0, 0, at])
                    row[0] += points
                    row[1] += 1
                    if points:
                        row[2] = at
            best[question] = (max(score, best.get(question, (0, at))[0]), at)
        for question, (score, at) in best.items():
            due = NOW + dt.timedelta(hours=rng.randrange(-24 * 30, 24 * 30))
            cards.append((user, question, 2, None, 5.0, 5.0, due, at, 1, 0, score, score, at,
                          None, at, at))
    total_rows = [(*key, p, n, at) for key, (p, n, at) in totals.items()]
    return attempts, total_rows, cards


ATTEMPT_COLS = ("user_id", "guild_id", "question_id", "question_hash", "kind", "answer",
                "score", "verdict", "confidence", "hints_used", "probes_answered", "points",
                "counted", "daily_post_id", "created_at")
TOTAL_COLS = ("guild_id", "period", "period_key", "section", "user_id", "points", "answers",
              "reached_at")
CARD_COLS = ("user_id", "question_id", "state", "step", "stability", "difficulty", "due",
             "last_review", "reps", "lapses", "last_score", "best_score", "best_at", "missed",
             "created_at", "updated_at")


def _sqlite_value(v):
    if isinstance(v, dt.datetime):
        return v.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    return v


def _load_sqlite(path: Path, users, attempts, totals, cards) -> None:
    con = sqlite3.connect(path)
    con.execute("PRAGMA synchronous=OFF")
    stamp = _sqlite_value(NOW)
    con.executemany("INSERT INTO users (id, name, created_at) VALUES (?, ?, ?)",
                    [(u, f"player{u}", stamp) for u in users])
    for table, cols, rows in (("attempts", ATTEMPT_COLS, attempts),
                              ("score_totals", TOTAL_COLS, totals),
                              ("review_cards", CARD_COLS, cards)):
        marks = ", ".join("?" for _ in cols)
        con.executemany(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({marks})",  # noqa: S608
                        ([_sqlite_value(v) for v in row] for row in rows))
    con.commit()
    con.execute("ANALYZE")
    con.close()


async def _load_postgres(dsn: str, users, attempts, totals, cards) -> None:
    import asyncpg

    con = await asyncpg.connect(dsn)
    try:
        await con.copy_records_to_table("users", columns=["id", "name", "created_at"],
                                        records=[(u, f"player{u}", NOW) for u in users])
        for table, cols, rows in (("attempts", ATTEMPT_COLS, attempts),
                                  ("score_totals", TOTAL_COLS, totals),
                                  ("review_cards", CARD_COLS, cards)):
            await con.copy_records_to_table(table, columns=list(cols), records=rows)
        await con.execute("VACUUM ANALYZE")  # what autovacuum does: index-only scans
    finally:
        await con.close()


async def _time(app, label: str, call) -> dict:
    rng = random.Random(11)
    samples = []
    for i in range(RUNS + 10):
        user = rng.randrange(1, PLAYERS + 1)
        started = time.perf_counter()
        async with app.sessions() as s:
            await call(s, user)
        if i >= 10:  # warm-up
            samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return {"read": label, "p50_ms": round(statistics.median(samples), 2),
            "p95_ms": round(samples[int(len(samples) * 0.95) - 1], 2),
            "max_ms": round(samples[-1], 2)}


async def _reads(app) -> list[dict]:
    from bot.review.memory import due_reviews
    from bot.scoring.boards import leaderboard
    from bot.scoring.standing import standing

    return [
        await _time(app, "weekly leaderboard (top 10 + viewer rank)", lambda s, u: leaderboard(
            s, guild_id=GUILD, period="week", now=NOW, viewer_id=u)),
        await _time(app, "profile (points, rank, streak, answered)", lambda s, u: standing(
            s, guild_id=GUILD, user_id=u, now=NOW)),
        await _time(app, "review pick (most-due question)", lambda s, u: due_reviews(
            s, user_id=u, now=NOW, limit=1)),
    ]


async def _bench_store(kind: str, url: str, total: int, load) -> list[dict]:
    settings = load_settings(database_url=url, _env_file=None, discord_token=None)
    async with open_app(settings) as app:
        questions, sections, seasons = await _prepare(app)
        started = time.perf_counter()
        attempts, totals, cards = _data(total, questions, sections, seasons)
        built = time.perf_counter() - started
        started = time.perf_counter()
        await load(range(1, PLAYERS + 1), attempts, totals, cards)
        loaded = time.perf_counter() - started
        rows = await _reads(app)
    for row in rows:
        row.update(store=kind, attempts=len(attempts), totals_rows=len(totals),
                   build_s=round(built, 1), load_s=round(loaded, 1),
                   target_met=row["p95_ms"] <= TARGET_MS)
    return rows


async def _postgres(total: int) -> list[dict]:
    import asyncpg
    from sqlalchemy.engine import make_url

    base_url = os.environ.get("BENCH_POSTGRES_URL") or os.environ.get("VIVA_TEST_POSTGRES_URL")
    if not base_url:
        return [{"store": "postgres", "read": "skipped: set BENCH_POSTGRES_URL"}]
    base = make_url(base_url)
    name = f"viva_bench_{uuid.uuid4().hex[:8]}"
    admin_dsn = base.set(drivername="postgresql").render_as_string(hide_password=False)
    admin = await asyncpg.connect(admin_dsn)
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
        url = base.set(database=name).render_as_string(hide_password=False)
        dsn = base.set(drivername="postgresql", database=name).render_as_string(
            hide_password=False)
        return await _bench_store("postgres", url, total,
                                  lambda *data: _load_postgres(dsn, *data))
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


async def _sqlite(total: int) -> list[dict]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.db"

        async def load(*data):
            await asyncio.to_thread(_load_sqlite, path, *data)

        return await _bench_store("sqlite", f"sqlite+aiosqlite:///{path}", total, load)


def run(quick: bool) -> dict:
    total = 100_000 if quick else 1_000_000
    rows = asyncio.run(_sqlite(total)) + asyncio.run(_postgres(total))
    figures = {f"{r['store']}_{r['read'].split(' (')[0].replace(' ', '_')}_p95_ms": r["p95_ms"]
               for r in rows if "p95_ms" in r}
    figures["players"] = PLAYERS
    figures["attempts"] = total
    figures["target_ms"] = TARGET_MS
    figures["load_average_1m"] = round(os.getloadavg()[0], 2)  # a busy machine inflates p95
    return {"rows": [{k: v for k, v in r.items() if k not in ("build_s", "load_s")}
                     | {"load_s": r.get("load_s")} for r in rows], "figures": figures}
