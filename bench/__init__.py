"""Benchmarks: ``python -m bench NAME [--quick]``.

Each benchmark is a module ``bench/NAME.py`` with ``run(quick: bool) -> dict`` returning
``{"rows": [ {column: value, ...}, ... ], "figures": {name_with_unit: number, ...}}``.
Figure names carry their unit (``p50_ms``, ``rss_mb``, ``seconds``). The runner prints the
rows as a table and writes ``bench/results/NAME.json`` with the machine, date and command.
"""
