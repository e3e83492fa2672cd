"""Console ``/bank``: the console's pseudo-server imports and exports its own questions,
exactly as a Discord server admin does with ``/bank import`` and ``/bank export``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from bot.bank.imports import MAX_IMPORT_BYTES
from bot.bank.server import (
    display_id,
    export_questions,
    import_questions,
    remove_question,
    server_questions,
)
from bot.console.commands import command
from bot.errors import UserFacingError

if TYPE_CHECKING:
    from bot.console.session import Console

USAGE = "Usage: /bank import PATH | /bank export [PATH] | /bank list | /bank remove ID"


@command("bank", "/bank import PATH | export [PATH]",
         "this console's own questions: import a YAML/JSON file, export, list, remove")
async def bank(console: Console, args: list[str]) -> str:
    action, rest = (args[0].lower(), args[1:]) if args else ("", [])
    if action == "import" and len(rest) == 1:
        return await _import(console, Path(rest[0]).expanduser())
    if action == "export" and len(rest) <= 1:
        text = await export_questions(console.app, console.guild_id)
        if not rest:
            return text.rstrip("\n")
        out = Path(rest[0]).expanduser()
        try:
            out.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise UserFacingError(f"Could not write {out}: {exc.strerror or exc}.") from None
        return f"Wrote this console's questions to {out}."
    if action == "list" and not rest:
        questions = await server_questions(console.app, console.guild_id)
        if not questions:
            return "No questions of your own yet; add some with /bank import PATH."
        return "\n".join(f"  {display_id(q.id):<42} {q.title}" for q in questions)
    if action == "remove" and len(rest) == 1:
        removed = await remove_question(console.app, console.guild_id, rest[0])
        return f"Removed {display_id(removed.id)} ({removed.title}); past answers stay."
    raise UserFacingError(USAGE)


async def _import(console: Console, path: Path) -> str:
    try:
        if path.stat().st_size > MAX_IMPORT_BYTES:
            raise UserFacingError(f"{path} is larger than {MAX_IMPORT_BYTES // 1024} KB.")
        data = path.read_bytes()
    except OSError as exc:
        raise UserFacingError(f"Could not read {path}: {exc.strerror or exc}.") from None
    report = await import_questions(console.app, guild_id=console.guild_id, data=data,
                                    filename=path.name, guild_name="console")
    lines = [report.summary(), *map(str, report.problems)]
    if report.problems:
        lines.append("Fix the file and import it again; nothing was changed.")
    return "\n".join(lines)
