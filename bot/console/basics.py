"""Console commands every session has: /question, /help, /quit."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.ask import card_for, choose_question
from bot.bank import SECTIONS, section_key
from bot.console import render
from bot.console.commands import COMMANDS, HELP_TOPICS, command
from bot.errors import UserFacingError

if TYPE_CHECKING:
    from bot.console.session import Console


@command("question", "/question [section|id|number]",
         "a question: random, from a section, or by id / seed number")
async def question(console: Console, args: list[str]) -> str:
    if len(args) > 1:
        raise UserFacingError("Usage: /question [section | id | number]")
    ref = section = None
    if args:
        try:
            section = section_key(args[0])
        except UserFacingError:
            ref = args[0]
    chosen = await choose_question(console.app, console.guild_id, ref=ref, section=section)
    console.state["drill"] = (chosen.id, None)
    console.state["buffer"] = []
    return render.question_card(card_for(chosen)) + "\nAnswer it if you like: type, then /send."


@command("help", "/help [topic]", "this list, or a topic: /help scoring")
async def help_(console: Console, args: list[str]) -> str:
    if args:
        topic = HELP_TOPICS.get(args[0].lower())
        if topic is None:
            raise UserFacingError(f"No help on {args[0][:30]!r}. Topics: "
                                  + ", ".join(sorted(HELP_TOPICS)) + ".")
        return topic
    lines = ["Commands:"]
    lines += [f"  {c.usage:<34} {c.summary}" for c in COMMANDS.values()]
    lines.append("Sections: " + ", ".join(SECTIONS))
    return "\n".join(lines)


@command("quit", "/quit", "leave the console (Ctrl-D works too)")
async def quit_(console: Console, args: list[str]) -> str:
    console.running = False
    return "Bye. Good luck with the interview!"
