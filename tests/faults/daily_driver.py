"""A daily-question process for the kill -9 test (tests/faults/test_kill9_daily.py).

Runs the real ``DailyScheduler`` (jobs rebuilt from rows and catch-up at start, the real
post/reveal/answer code) on a SQLite file, with a fake Discord: ``ChannelLog`` appends each
send to a JSON-lines file and fsyncs it before returning, and, like Discord's
``enforce_nonce``, a re-send with a nonce already used within ``NONCE_WINDOW`` returns the
first message instead of a new one. The clock is a ``FakeClock`` the parent moves; the
scheduler is started paused and ``at`` fires its APScheduler jobs at their trigger times.

    python -m tests.faults.daily_driver DB LOG NOW [--hang-after post|reveal]

``--hang-after``: after logging the first post (or reveal) the process stops before the
row is updated, waiting to be killed. Commands on stdin, one reply line each:

    setup GUILD HH:MM WINDOW_MINUTES   -> ok setup
    at ISO                             -> fired JOB OUTCOME ..., then ok at
    answer GUILD USER TEXT             -> ack USER first=0|1 count=N  |  refused USER why
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import sys
from pathlib import Path

from apscheduler.triggers.date import DateTrigger
from sqlmodel import select

from bot.app import open_app
from bot.daily import schedules
from bot.daily.answers import DailyAnswers
from bot.daily.clock import FakeClock
from bot.daily.context import DailyContext
from bot.daily.models import DailyPost
from bot.daily.ports import PostContent, RevealContent, Sent
from bot.daily.scheduler import DailyScheduler
from bot.errors import UserFacingError
from bot.settings import load_settings
from bot.wiring import default_grader, default_recorder

NONCE_WINDOW = dt.timedelta(minutes=5)  # Discord: "checked for uniqueness in the past few minutes"


def say(line: str) -> None:
    print(line, flush=True)


class ChannelLog:
    """The ``Poster`` port over an append-only file standing in for Discord's channels."""

    def __init__(self, path: Path, clock: FakeClock, hang_after: str | None):
        self.path, self.clock, self.hang_after = path, clock, hang_after

    def _entries(self) -> list[dict]:
        if not self.path.exists():
            return []
        return [json.loads(line) for line in self.path.read_text().splitlines() if line]

    async def _send(self, kind: str, nonce: str, content, **extra) -> int:
        now = self.clock.now()
        entries = self._entries()
        first = next((e for e in entries if e["nonce"] == nonce and e["new"]
                      and now - dt.datetime.fromisoformat(e["at"]) <= NONCE_WINDOW), None)
        message_id = first["message_id"] if first else 1000 + sum(e["new"] for e in entries)
        entry = dict(kind=kind, nonce=nonce, new=first is None, message_id=message_id,
                     post_id=content.post_id, guild=content.guild_id,
                     date=content.local_date.isoformat(), at=now.isoformat(), **extra)
        with self.path.open("a") as f:
            f.write(json.dumps(entry) + "\n")
            f.flush()
            os.fsync(f.fileno())
        if self.hang_after == kind:
            say(f"hung {kind} {content.post_id}")
            await asyncio.Event().wait()  # killed here: sent, but the row not updated
        return message_id

    async def post(self, content: PostContent) -> Sent:
        return Sent(message_id=await self._send("post", f"vd{content.post_id}", content))

    async def reveal(self, content: RevealContent) -> Sent:
        message_id = await self._send("reveal", f"vr{content.post_id}", content,
                                      answer_count=content.answer_count,
                                      correct_count=content.correct_count)
        return Sent(message_id=message_id, thread_id=message_id + 1)

    async def update_count(self, *, channel_id, message_id, content) -> None:
        return None

    async def notify_admins(self, *, guild_id, channel_id, text) -> bool:
        say(f"notice {guild_id} {text}")
        return True


async def fire_until(ds: DailyScheduler, clock: FakeClock, until: dt.datetime) -> None:
    """Move the clock to ``until``, firing each job at its trigger time, oldest first; a
    date job is removed once fired, as APScheduler does."""
    fired: dict[str, dt.datetime] = {}
    while True:
        due = []
        for job in ds.scheduler.get_jobs():
            prev = fired.get(job.id)
            at = job.trigger.get_next_fire_time(prev, prev or clock.now())
            if at is not None and at <= until:
                due.append((at, job.id, job))
        if not due:
            clock.set(until)
            return
        at, job_id, job = min(due, key=lambda d: (d[0], d[1]))
        clock.set(max(at, clock.now()))
        fired[job_id] = at
        outcome = await job.func(*job.args)
        say(f"fired {job_id} {outcome}")
        current = ds.scheduler.get_job(job_id)
        if isinstance(job.trigger, DateTrigger) and current is not None \
                and current.trigger is job.trigger:
            ds.scheduler.remove_job(job_id)


async def open_post_id(app, guild_id: int) -> int:
    async with app.sessions() as s:
        return (await s.exec(select(DailyPost.id).where(DailyPost.guild_id == guild_id)
                             .order_by(DailyPost.local_date.desc()))).first()


async def main(db: str, log: str, now: str, hang_after: str | None) -> None:
    settings = load_settings(database_url=f"sqlite+aiosqlite:///{db}", _env_file=None,
                             discord_token=None)
    clock = FakeClock(dt.datetime.fromisoformat(now))
    async with open_app(settings) as app:
        ctx = DailyContext(app, ChannelLog(Path(log), clock, hang_after), clock=clock,
                           name=f"driver:{os.getpid()}", owns=lambda _guild: True)
        ds = DailyScheduler(ctx)
        answers = DailyAnswers(app, default_grader(app), recorder=default_recorder(),
                               clock=clock)
        tally = await ds.start(run=False)
        say(f"started {json.dumps(tally, sort_keys=True)} jobs={','.join(ds.job_ids())}")
        while line := await asyncio.to_thread(sys.stdin.readline):
            cmd, *args = line.split(maxsplit=3)
            if cmd == "setup":
                guild, time, window = int(args[0]), args[1], args[2]
                await schedules.setup(ctx, guild_id=guild, channel_id=guild + 1, time=time,
                                      timezone="UTC", answer_window=window)
                await ds.refresh(guild)
                say("ok setup")
            elif cmd == "at":
                await fire_until(ds, clock, dt.datetime.fromisoformat(args[0]))
                say("ok at")
            elif cmd == "answer":
                guild, user = int(args[0]), int(args[1])
                try:
                    result = await answers.answer(post_id=await open_post_id(app, guild),
                                                  user_id=user, text=args[2],
                                                  user_name=f"u{user}")
                except UserFacingError as exc:
                    say(f"refused {user} {exc}")
                    continue
                say(f"ack {user} first={int(result.first)} count={result.answer_count}")
        await ds.shutdown()


if __name__ == "__main__":
    hang = sys.argv[sys.argv.index("--hang-after") + 1] if "--hang-after" in sys.argv else None
    asyncio.run(main(*sys.argv[1:4], hang))
