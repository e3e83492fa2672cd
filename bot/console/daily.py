"""``/daily``: the daily-question cycle in the terminal, on a fast simulated clock.

``/daily`` jumps the clock to the next 09:00 (in ``DEFAULT_TIMEZONE``) and fires the real
scheduler job: the post is claimed through its unique row and printed. Two simulated
classmates answer; ``/daily answer TEXT`` is yours (graded privately, the first counts),
``/daily hint`` costs points, ``/daily reveal`` jumps to the end of the answer window and
fires the reveal job. ``viva console --daily`` starts with ``/daily``.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from bot.console import render
from bot.console.commands import command
from bot.daily import schedules
from bot.daily.answers import DailyAnswers
from bot.daily.clock import FakeClock
from bot.daily.context import DailyContext
from bot.daily.ports import PostContent, RevealContent, Sent
from bot.daily.scheduler import DailyScheduler, post_job, reveal_job
from bot.daily.timing import next_slot
from bot.errors import UserFacingError
from bot.render import readable

if TYPE_CHECKING:
    from bot.console.session import Console

USAGE = "Usage: /daily [day | answer TEXT | hint | reveal | credit on|off]"
CLASSMATES = ((900_001, "ada"), (900_002, "bob"))


class ConsolePoster:
    """The ``Poster`` port for a terminal: what would be sent is kept as text to print."""

    def __init__(self, clock: FakeClock, tz: str):
        self.clock = clock
        self.tz = ZoneInfo(tz)
        self.out: list[str] = []

    def _when(self, at: dt.datetime) -> str:
        return f"{at.astimezone(self.tz):%a %d %b %H:%M} ({self.tz.key})"

    async def post(self, content: PostContent) -> Sent:
        card = render.question_card(content.card).splitlines()
        self.out += [f"[{self._when(self.clock.now())}] Daily question posted "
                     f"(daily #{content.post_id}):", *card,
                     f"Answers close at {self._when(content.reveal_at)}.",
                     "Answer with /daily answer TEXT (graded privately; your first answer "
                     "counts), /daily hint for a hint, /daily reveal to jump to the reveal."]
        return Sent(message_id=content.post_id)

    async def reveal(self, content: RevealContent) -> Sent:
        share = (f"{content.correct_count} of {content.answer_count} correct "
                 f"({round(100 * (content.correct_share or 0))} %)"
                 if content.answer_count else "nobody answered")
        self.out += [f"[{self._when(self.clock.now())}] Reveal of daily #{content.post_id}",
                     render.rule(f"Answer · {content.card.title}"),
                     render.paragraphs(readable(content.reference)), "", f"Result: {share}"]
        if content.first_correct:
            self.out.append("First correct: " + ", ".join(content.first_correct))
        if content.week_top:
            self.out += ["This week's top 5:"] + [f"  {r.rank}. {r.name} — {r.points} pts"
                                                  for r in content.week_top]
        self.out += [f"Discussion thread opened: {content.thread_name}", render.rule()]
        return Sent(message_id=content.post_id + 1, thread_id=content.post_id + 2)

    async def update_count(self, *, channel_id, message_id, content) -> None:
        self.out.append(f"(the post now shows {content.answer_count} answers)")

    async def notify_admins(self, *, guild_id, channel_id, text) -> bool:
        self.out.append(f"[notice to admins] {text}")
        return True

    def drain(self) -> str:
        text, self.out = "\n".join(self.out), []
        return text


class DailySimulation:
    def __init__(self, console: Console):
        from bot.wiring import default_grader, default_recorder

        app = console.app
        self.console = console
        self.tz = app.settings.default_timezone
        self.clock = FakeClock(dt.datetime.now(dt.UTC))
        self.poster = ConsolePoster(self.clock, self.tz)
        self.ctx = DailyContext(app, self.poster, clock=self.clock, name="console",
                                owns=lambda _guild: True)
        self.scheduler = DailyScheduler(self.ctx)
        self.answers = DailyAnswers(app, default_grader(app), recorder=default_recorder(),
                                    clock=self.clock)
        self.post: PostContent | None = None
        self.started = False

    async def day(self) -> str:
        guild = self.console.guild_id
        if not self.started:
            await schedules.setup(self.ctx, guild_id=guild, channel_id=0, time="09:00",
                                  timezone=self.tz, guild_name="console")
            await self.scheduler.start(run=False, catch_up_now=False)
            self.started = True
        status = await schedules.status(self.ctx, guild)
        when = status.next_at or next_slot(await _row(self.ctx, guild), self.clock.now())[1]
        self.clock.set(when)
        outcome = await post_job(self.scheduler.runtime_id, guild)
        if outcome != "posted":
            raise UserFacingError(f"No post this time ({outcome}).")
        from bot.daily.posting import live_content
        from bot.daily.reveal import pending_reveals

        post_id = max(pid for pid, g, _ in await pending_reveals(self.ctx) if g == guild)
        self.post = await live_content(self.ctx, post_id)
        lines = [self.poster.drain(), "", "(simulated) Your classmates answer:"]
        question = self.console.app.bank.find(self.post.card.id)
        for uid, name in CLASSMATES:
            self.clock.advance(minutes=7)
            text = question.reference if name == "ada" and question else "I am not sure."
            if name == "ada":
                await self.answers.set_credit(user_id=uid, opted_in=True, user_name=name)
            result = await self.answers.answer(post_id=post_id, user_id=uid, user_name=name,
                                               text=text, guild_name="console")
            lines.append(f"  {name} answered ({result.answer_count} so far)")
        return "\n".join(lines)

    def _post(self) -> PostContent:
        if self.post is None:
            raise UserFacingError("No daily question is open: type /daily first.")
        return self.post

    async def answer(self, text: str) -> str:
        post = self._post()
        probe = self.console.state.get("daily_probe")
        result = await self.answers.answer(
            post_id=post.post_id, user_id=self.console.user_id, user_name="console",
            text=text, probe_id=probe, guild_name="console")
        self.console.state.pop("daily_probe", None)
        parts = [render.feedback(result.feedback)]
        if probe is None:
            parts.append("This is your counted answer." if result.first else
                         "Only your first answer counts; this one was graded for practice.")
        if result.probe is not None:
            self.console.state["daily_probe"] = result.probe.id
            parts.append(f"Follow-up ({result.probe.kind}): "
                         f"{render.paragraphs(result.probe.prompt)}\n"
                         "Answer it with /daily answer TEXT, or /daily reveal to move on.")
        return "\n\n".join(parts)

    async def reveal(self) -> str:
        post = self._post()
        self.clock.set(post.reveal_at)
        outcome = await reveal_job(self.scheduler.runtime_id, post.post_id)
        self.post = None
        self.console.state.pop("daily_probe", None)
        return self.poster.drain() or f"No reveal ({outcome})."


async def _row(ctx, guild_id):
    from bot.daily.models import DailySchedule

    async with ctx.app.sessions() as s:
        return await s.get(DailySchedule, guild_id)


def simulation(console: Console) -> DailySimulation:
    sim = console.state.get("daily")
    if sim is None:
        sim = console.state["daily"] = DailySimulation(console)
    return sim  # type: ignore[return-value]


@command("daily", "/daily [answer TEXT|hint|reveal]",
         "simulate a day of the daily question: post, answers, reveal (fast clock)")
async def daily(console: Console, args: list[str]) -> str:
    action = args[0].lower() if args else "day"
    sim = simulation(console)
    if action in ("day", "next", "post"):
        return await sim.day()
    if action == "answer":
        buffer: list[str] = console.state.pop("buffer", None) or []  # type: ignore[assignment]
        return await sim.answer("\n".join(buffer + ([" ".join(args[1:])] if args[1:] else [])))
    if action == "hint":
        return await sim.answers.hint(post_id=sim._post().post_id, user_id=console.user_id)
    if action == "reveal":
        return await sim.reveal()
    if action == "credit" and len(args) == 2 and args[1].lower() in ("on", "off"):
        on = await sim.answers.set_credit(user_id=console.user_id, opted_in=args[1] == "on")
        return "Reveals will name you when you are among the first correct." if on else \
            "Reveals will not name you."
    raise UserFacingError(USAGE)


class with_first_line:  # noqa: N801 (reads like a function at the call site)
    """A stdin that yields ``line`` first, then the real input (``viva console --daily``)."""

    def __init__(self, line: str, stream):
        self._first: str | None = line + "\n"
        self._stream = stream

    def readline(self) -> str:
        if self._first is not None:
            first, self._first = self._first, None
            return first
        return self._stream.readline()

    def isatty(self) -> bool:
        return self._stream.isatty()
