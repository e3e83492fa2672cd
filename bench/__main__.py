"""Run one benchmark (or all): ``python -m bench NAME [--quick]`` / ``python -m bench all``."""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import json
import os
import platform
import sys
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"
BENCHMARKS = sorted(p.stem for p in Path(__file__).resolve().parent.glob("*.py")
                    if not p.stem.startswith("_"))


def machine() -> dict:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_gb = None
    try:
        pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        mem_gb = round(pages / 2**30, 1)
    except (ValueError, OSError):
        pass
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": mem_gb,
        "python": platform.python_version(),
        "os": platform.platform(),
    }


def table(rows: list[dict]) -> str:
    if not rows:
        return "(no rows)"
    cols: list[str] = []
    for row in rows:
        cols += [c for c in row if c not in cols]

    def fmt(v: object) -> str:
        return f"{v:.3f}" if isinstance(v, float) else str(v)

    cells = [[fmt(r.get(c, "")) for c in cols] for r in rows]
    widths = [max(len(c), *(len(r[i]) for r in cells)) for i, c in enumerate(cols)]
    out = ["  ".join(c.ljust(w) for c, w in zip(cols, widths, strict=True))]
    out.append("  ".join("-" * w for w in widths))
    out += ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)) for r in cells]
    return "\n".join(out)


def run_one(name: str, quick: bool) -> dict:
    module = importlib.import_module(f"bench.{name}")
    started = dt.datetime.now(dt.UTC)
    result = module.run(quick=quick)
    record = {
        "benchmark": name,
        "quick": quick,
        "date": started.isoformat(timespec="seconds"),
        "command": f"python -m bench {name}" + (" --quick" if quick else ""),
        "machine": machine(),
        "figures": result.get("figures", {}),
        "rows": result.get("rows", []),
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"{name}.json").write_text(json.dumps(record, indent=2, default=str) + "\n")
    print(f"# {name}{' (quick)' if quick else ''} on {record['machine']['cpu']}, "
          f"{record['machine']['cores']} cores")
    print(table(record["rows"]))
    if record["figures"]:
        print()
        print(table([record["figures"]]))
    print(f"\nwritten: bench/results/{name}.json")
    return record


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("name", choices=[*BENCHMARKS, "all"])
    parser.add_argument("--quick", action="store_true", help="small size, under 30 s")
    args = parser.parse_args(argv)
    for name in BENCHMARKS if args.name == "all" else [args.name]:
        run_one(name, args.quick)
    return 0


if __name__ == "__main__":
    sys.exit(main())
