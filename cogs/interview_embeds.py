"""Embeds for interview steps, feedback and the report card."""

from __future__ import annotations

import discord

from bot.interview.steps import Ask, Feedback, ReportCard
from cogs.embeds import SECTION_COLOURS

PROBE_TITLES = {"derive": "Derive it", "critique": "Critique this", "gap": "You left a gap",
                "extend": "Going further"}
BAND_COLOURS = {"strong": 0x57F287, "partial": 0xFEE75C, "weak": 0xED4245}


def clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def escape(text: str) -> str:
    """User text shown back in an embed: no markdown tricks, no mentions."""
    return discord.utils.escape_mentions(discord.utils.escape_markdown(text))


def code(text: str) -> str:
    """Text inside an inline code span: a backtick would end the span, so it is replaced."""
    return "`" + text.replace("`", "ˋ") + "`"


def ask_embed(step: Ask) -> discord.Embed:
    from bot.render import readable

    if step.probe is not None:
        embed = discord.Embed(title=f"Follow-up · {PROBE_TITLES.get(step.probe.kind, 'Probe')}",
                              description=clip(readable(step.prompt), 4000), colour=0x5865F2)
        if step.probe.why:
            embed.set_author(name=clip(step.probe.why, 256))
    else:
        embed = discord.Embed(title=clip(f"Question {step.question_number}/{step.total} · "
                                         f"{step.title}", 256),
                              description=clip(readable(step.prompt), 4000),
                              colour=SECTION_COLOURS.get(step.question_id.split(".")[0], 0x99AAB5))
    embed.set_footer(text=f"Interview #{step.interview_id} · {step.question_id} · "
                          "Answer with the button below")
    return embed


def feedback_embed(fb: Feedback) -> discord.Embed:
    embed = discord.Embed(title=f"Score {fb.score}/100 · {fb.band}",
                          colour=BAND_COLOURS.get(fb.band, 0x99AAB5))
    lines = [f"• {escape(line)}" for line in fb.lines[:8]]
    embed.description = clip("\n".join(lines) or "No comments.", 4000)
    if fb.read_as:
        embed.add_field(name="I read your formula as", value=code(clip(fb.read_as, 1000)),
                        inline=False)
    if fb.points_line():
        embed.add_field(name="Leaderboard", value=clip(fb.points_line(), 1024), inline=False)
    return embed


def report_embed(card: ReportCard) -> discord.Embed:
    embed = discord.Embed(title=f"Report card · {card.overall}/100", colour=0x5865F2)
    for q in card.questions[:20]:
        status = "skipped" if q.skipped else q.band
        parts = [f"**{q.score}/100** ({status})"]
        parts += [f"✓ {s}" for s in q.strengths[:3]]
        parts += [f"✗ missed: {m}" for m in q.missed[:3]]
        parts += [f"⚠ “{c}” — {fix}" for c, fix in q.misconceptions[:2]]
        embed.add_field(name=clip(f"{q.number}. {q.title}", 256),
                        value=clip("\n".join(parts), 1024), inline=False)
    if card.reading:
        embed.add_field(name="Read next", value=clip("\n".join(f"• {r}" for r in card.reading),
                                                     1024), inline=False)
    if card.due_reviews:
        embed.add_field(name="Due for review",
                        value=clip("\n".join(f"• {r}" for r in card.due_reviews), 1024),
                        inline=False)
    embed.set_footer(text=clip(card.suggestion, 2048))
    return embed
