"""Embeds of the daily question: the post, the reveal and a schedule's status."""

from __future__ import annotations

import discord

from bot.daily.ports import PostContent, RevealContent
from bot.daily.schedules import ScheduleStatus
from cogs.embeds import SECTION_COLOURS
from cogs.interview_embeds import clip, escape

STATUS_WORDS = {"posted": "posted", "missed": "missed (the bot was down too long)",
                "failed": "failed (see the notice)", "skipped": "skipped", "claimed": "posting…"}


def ts(when, style: str = "F") -> str:
    return discord.utils.format_dt(when, style)


def post_embed(content: PostContent, *, closed: bool = False) -> discord.Embed:
    from bot.render import readable

    card = content.card
    embed = discord.Embed(title=clip(f"Daily question · {card.title}", 256),
                          description=clip(readable(card.prompt), 4096),
                          colour=SECTION_COLOURS.get(card.section, 0x99AAB5))
    embed.set_author(name=f"{card.section_title} · {content.local_date:%a %d %b %Y}")
    embed.add_field(name="Difficulty", value=card.difficulty_label, inline=True)
    embed.add_field(name="Answers", value=str(content.answer_count), inline=True)
    embed.add_field(name="Answers closed" if closed else "Reveal",
                    value=f"{ts(content.reveal_at, 'R')} ({ts(content.reveal_at, 't')})",
                    inline=True)
    embed.set_footer(text=f"{card.footer} · daily #{content.post_id} · answers are graded "
                          "privately; the first one counts")
    return embed


def reveal_embed(content: RevealContent) -> discord.Embed:
    from bot.render import readable

    embed = discord.Embed(title=clip(f"Answer · {content.card.title}", 256),
                          description=clip(readable(content.reference), 4096), colour=0x57F287)
    if content.answer_count:
        share = round(100 * (content.correct_share or 0))
        result = f"{content.correct_count} of {content.answer_count} correct ({share} %)"
    else:
        result = "Nobody answered this time."
    embed.add_field(name="How the server did", value=result, inline=False)
    if content.first_correct:
        embed.add_field(name="First correct", value=clip(", ".join(
            escape(n) for n in content.first_correct), 1024), inline=False)
    if content.week_top:
        lines = [f"{r.rank}. {escape(r.name)} — {r.points} pts" for r in content.week_top]
        embed.add_field(name="This week's top 5", value=clip("\n".join(lines), 1024),
                        inline=False)
    embed.set_footer(text=f"daily #{content.post_id} · discuss it in the thread")
    return embed


def status_embed(status: ScheduleStatus) -> discord.Embed:
    embed = discord.Embed(title="Daily question" + (" · paused" if status.paused else ""),
                          colour=0x99AAB5 if status.paused else 0x5865F2)
    embed.add_field(name="Channel", value=f"<#{status.channel_id}>", inline=True)
    embed.add_field(name="When", value=f"{status.time} {status.timezone}, {status.weekdays}",
                    inline=True)
    if status.next_at is not None:
        embed.add_field(name="Next post", value=f"{ts(status.next_at)} ({ts(status.next_at, 'R')})",
                        inline=False)
    embed.add_field(name="Sections", value=", ".join(status.sections), inline=False)
    embed.add_field(name="Answer window", value=status.answer_window, inline=True)
    embed.add_field(name="Grace period", value=f"{status.grace_minutes} min", inline=True)
    embed.add_field(name="Eligible questions", value=str(status.eligible), inline=True)
    if status.last is not None:
        day, state = status.last
        embed.add_field(name="Latest", value=f"{day:%a %d %b}: {STATUS_WORDS.get(state, state)}",
                        inline=False)
    if status.notice_kind:
        embed.set_footer(text=f"Problem reported to admins: {status.notice_kind}")
    return embed
