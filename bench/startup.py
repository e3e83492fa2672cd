"""Start-up: time from process start to a ready console with the bank synced.

Cold = a new SQLite file (migrations + full bank sync); warm = the same file again.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
READY = "Viva console"


def time_to_ready(db: Path) -> float:
    env = {**os.environ, "DATABASE_URL": f"sqlite+aiosqlite:///{db}", "PYTHONPATH": str(ROOT)}
    env.pop("DISCORD_TOKEN", None)
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot", "console"], stdin=subprocess.PIPE,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    elapsed = time.perf_counter() - started
    _, err = proc.communicate("/quit\n", timeout=60)
    if READY not in line:
        raise RuntimeError(f"console did not start: {line!r} {err.strip()}")
    return elapsed


def run(quick: bool) -> dict:
    runs = 3 if quick else 10
    cold, warm = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(runs):
            db = Path(tmp) / f"viva-{i}.db"
            cold.append(time_to_ready(db))
            warm.append(time_to_ready(db))
    rows = [
        {"case": name, "runs": runs, "p50_s": statistics.median(xs), "max_s": max(xs)}
        for name, xs in (("cold (new database)", cold), ("warm (existing database)", warm))
    ]
    return {"rows": rows, "figures": {
        "cold_p50_seconds": round(statistics.median(cold), 3),
        "warm_p50_seconds": round(statistics.median(warm), 3),
        "target_seconds": 3.0,
    }}
