"""Console commands for scores: /leaderboard, /score, and the /help scoring topic."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.console.commands import HELP_TOPICS, command
from bot.errors import UserFacingError
from bot.scoring import service
from bot.scoring.boards import PERIODS, Board
from bot.scoring.rules import HELP
from bot.scoring.standing import Standing

if TYPE_CHECKING:
    from bot.console.session import Console

TITLES = {"week": "this week", "season": "this season", "all": "all time"}


def board_text(board: Board, viewer_id: int) -> str:
    title = f"Leaderboard · {TITLES[board.period]}"
    if board.section:
        title += f" · {board.section}"
    if not board.rows:
        if board.total_players:
            return f"{title}: no page {board.offset // board.limit + 1} (only " \
                   f"{board.total_players} players)."
        return f"{title}: nobody has scored yet. Answer a /question to be first."
    lines = [title]
    lines += [f"  #{r.rank:<4} {r.name[:30]:<30} {r.points:>6} pts"
              + ("  ← you" if r.user_id == viewer_id else "") for r in board.rows]
    pages = -(-board.total_players // board.limit)
    lines.append(f"  page {board.offset // board.limit + 1}/{pages} · "
                 f"{board.total_players} players")
    if board.viewer and all(r.user_id != viewer_id for r in board.rows):
        lines.append(f"  you: #{board.viewer.rank} · {board.viewer.points} pts")
    return "\n".join(lines)


def standing_text(mine: Standing) -> str:
    if mine.rank is None:
        return "No points yet: answer a /question (see /help scoring for the rules)."
    season = f"#{mine.season_rank} · {mine.season_points} pts" if mine.season_rank else "—"
    week = f"#{mine.week_rank} · {mine.week_points} pts" if mine.week_rank else "—"
    days = "day" if mine.streak == 1 else "days"
    return (f"Score: {mine.points} pts · rank #{mine.rank} of {mine.players}\n"
            f"  this season: {season}\n  this week:   {week}\n"
            f"  streak: {mine.streak} {days} · answered: {mine.answered}")


@command("leaderboard", "/leaderboard [week|season|all] [section] [page=N]",
         "the leaderboard (default: this week), with your rank")
async def leaderboard(console: Console, args: list[str]) -> str:
    usage = "Usage: /leaderboard [week|season|all] [section] [page=N]"
    period, section, page = "week", None, "1"
    for arg in args:
        if arg.lower() in PERIODS:
            period = arg.lower()
        elif arg.lower().startswith("page="):
            page = arg[5:]
        elif section is None:
            section = arg
        else:
            raise UserFacingError(usage)
    if not page.isdigit() or not 1 <= int(page) <= 10_000:
        raise UserFacingError("A page is a number from 1, e.g. page=2.")
    board = await service.board(console.app, guild_id=console.guild_id, period=period,
                                section=section, page=int(page) - 1, viewer_id=console.user_id)
    return board_text(board, console.user_id)


@command("score", "/score", "your points, rank, streak and answers")
async def score(console: Console, args: list[str]) -> str:
    if args:
        raise UserFacingError("Usage: /score")
    return standing_text(await service.my_standing(console.app, guild_id=console.guild_id,
                                                   user_id=console.user_id))


HELP_TOPICS["scoring"] = HELP
