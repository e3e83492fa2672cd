"""The leaderboard embed and its page buttons. The buttons are dynamic items carrying the
board (period, section, page) and its owner in their custom id, so they keep working after
a restart. The owner's press turns the page in place; anyone else's press opens that page
for them privately (with their own rank), so nobody pages a board out from under another."""

from __future__ import annotations

import re

import discord

from bot.app import App
from bot.errors import UserFacingError
from bot.scoring import service
from bot.scoring.boards import Board
from cogs.interview_views import report_bug
from cogs.tree import send_ephemeral

TITLES = {"week": "this week", "season": "this season", "all": "all time"}
PERIOD_TITLES = {"week": "of the week", "season": "of the season", "all": "of all time"}
TIE_NOTE = "Ties: whoever reached the total first ranks higher."


async def display_names(guild: discord.Guild, board: Board) -> dict[int, str]:
    """Names as the server shows them; a player who left the server is "name (left)"."""
    names = {}
    for row in [*board.rows, *([board.viewer] if board.viewer else [])]:
        if row.user_id in names:
            continue
        member = guild.get_member(row.user_id)
        if member is None:
            try:
                member = await guild.fetch_member(row.user_id)
            except discord.NotFound:
                member = None
            except discord.HTTPException:
                names[row.user_id] = row.name
                continue
        names[row.user_id] = member.display_name if member else f"{row.name} (left)"
    return names


def board_embed(board: Board, names: dict[int, str], viewer_id: int) -> discord.Embed:
    title = f"Leaderboard · {TITLES[board.period]}"
    if board.period == "season" and board.season_number:
        title = f"Leaderboard · season #{board.season_number}"
    if board.section:
        title += f" · {board.section}"
    lines = []
    for row in board.rows:
        name = discord.utils.escape_markdown(names.get(row.user_id, row.name))[:40]
        mark = " ← you" if row.user_id == viewer_id else ""
        lines.append(f"`#{row.rank:<3}` **{name}** · {row.points} pts{mark}")
    embed = discord.Embed(title=title, description="\n".join(lines) or "No one on this page.",
                          colour=0xF1C40F)
    if board.viewer is not None:
        embed.add_field(name="Your rank", value=f"#{board.viewer.rank} of "
                        f"{board.total_players} · {board.viewer.points} pts", inline=False)
    else:
        embed.add_field(name="Your rank", value="Not on this board yet: answer a question.",
                        inline=False)
    if board.period_end is not None:
        embed.add_field(name="Ends", value=discord.utils.format_dt(board.period_end, "R"))
    embed.set_footer(text=f"Page {page_of(board) + 1}/{pages(board)} · "
                          f"{board.total_players} players · {TIE_NOTE}")
    return embed


def pages(board: Board) -> int:
    return max(1, -(-board.total_players // board.limit))


def page_of(board: Board) -> int:
    return board.offset // board.limit


class PageButton(discord.ui.DynamicItem[discord.ui.Button],
                 template=r"viva:lb:(?P<period>week|season|all):(?P<section>[a-z]*):"
                          r"(?P<page>[0-9]+):(?P<owner>[0-9]+):(?P<dir>[pn])"):
    def __init__(self, period: str, section: str | None, page: int, owner: int, direction: str,
                 *, disabled: bool = False):
        label = "◀ Previous" if direction == "p" else "Next ▶"
        super().__init__(discord.ui.Button(
            label=label, style=discord.ButtonStyle.secondary, disabled=disabled,
            custom_id=f"viva:lb:{period}:{section or ''}:{page}:{owner}:{direction}"))
        self.period, self.section, self.page, self.owner = period, section or None, page, owner

    @classmethod
    async def from_custom_id(cls, interaction, item, match: re.Match[str]):
        return cls(match["period"], match["section"], int(match["page"]), int(match["owner"]),
                   match["dir"])

    async def callback(self, interaction: discord.Interaction) -> None:
        try:
            if interaction.guild is None:
                raise UserFacingError("Leaderboards live in servers.")
            app: App = interaction.client.app  # type: ignore[attr-defined]
            viewer = interaction.user.id
            message = await board_message(app, interaction.guild, period=self.period,
                                          section=self.section, page=self.page, viewer=viewer)
            if viewer == self.owner:
                await interaction.response.edit_message(**message)
            else:  # someone else's board: their own copy of that page, privately
                await interaction.response.send_message(ephemeral=True, **message)
        except UserFacingError as exc:
            await send_ephemeral(interaction, str(exc))
        except Exception as exc:
            await report_bug(interaction, exc)


async def board_message(app: App, guild: discord.Guild, *, period: str, section: str | None,
                        page: int, viewer: int) -> dict:
    board = await service.board(app, guild_id=guild.id, period=period, section=section,
                                page=page, viewer_id=viewer)
    if board.total_players == 0:
        where = f" in {board.section}" if board.section else ""
        raise UserFacingError(f"Nobody has scored{where} on the {TITLES[board.period]} board "
                              "yet. Answer a /question to be first!")
    if not board.rows:  # a page past the end (the board shrank): show the last page
        return await board_message(app, guild, period=period, section=section,
                                   page=pages(board) - 1, viewer=viewer)
    view = discord.ui.View(timeout=None)
    current = page_of(board)
    view.add_item(PageButton(board.period, board.section, max(0, current - 1), viewer, "p",
                             disabled=current == 0))
    view.add_item(PageButton(board.period, board.section, current + 1, viewer, "n",
                             disabled=current + 1 >= pages(board)))
    names = await display_names(guild, board)
    return {"embed": board_embed(board, names, viewer), "view": view}


DYNAMIC_ITEMS = (PageButton,)
