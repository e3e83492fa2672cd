"""The worker pool: a hung or crashed worker is replaced and the check is 'undetermined'."""

from __future__ import annotations

import os
import time

from bot.grading import GradingPool, check_answer, check_equivalent


def hang(_: object) -> dict:
    time.sleep(60)
    return {"verdict": "equivalent"}


def crash(_: object) -> dict:
    os._exit(3)


async def test_a_hung_check_is_killed_and_the_pool_recovers():
    async with GradingPool(workers=1, timeout=0.5) as pool:
        started = time.perf_counter()
        result = await pool.run(hang, None)
        assert result["verdict"] == "undetermined"
        assert result["reason"].startswith("Sorry, checking this took longer than")
        assert time.perf_counter() - started < 5
        after = await check_equivalent("2x", "x + x", pool=pool)  # the pool still works
        assert after.verdict == "equivalent"


async def test_a_crashed_worker_gives_undetermined_and_is_replaced():
    async with GradingPool(workers=1, timeout=5) as pool:
        result = await pool.run(crash, None)
        assert result == {"verdict": "undetermined",
                          "reason": "Sorry, the checker failed on this input, so I could not "
                                    "decide."}
        assert (await check_equivalent("x^2", "x*x", pool=pool)).verdict == "equivalent"


async def test_async_api_reports_time_and_echo():
    async with GradingPool(workers=1, timeout=5) as pool:
        result = await check_answer({"symbols": {"x": "real"}, "answers": ["x^2/2"]},
                                    r"\frac{1}{2}x^2", pool=pool)
        assert result.verdict == "correct" and result.ms > 0
        assert result.read_as == "(1/2)*x^2"


def niceness(_: object) -> dict:
    return {"nice": os.nice(0)}


async def test_workers_run_below_the_bot_so_replies_are_not_starved():
    """Grading is background CPU work: on a busy machine the bot's event loop (replies,
    database round trips) gets the CPU first."""
    async with GradingPool(workers=1, timeout=5) as pool:
        result = await pool.run(niceness, None)
    assert result["nice"] > os.nice(0)
