"""``/review next`` (the most-due question, answered with the usual Answer modal and
recorded as a review) and ``/review remind on|off`` (an optional DM at your local hour).

Discord cannot run a command group itself, so the bare ``/review`` of the console is
``/review next`` here. Reminders belong to no server, so only the process running shard 0
schedules them (docs/deploy.md): their jobs (APScheduler 3.x) are rebuilt from the rows
when the cog loads and re-synced every few minutes; the scheduler is the bot's own when it
has one (``bot.scheduler``), else this cog's. Jobs live in memory only (never pickled), so
a bound method is a fine job target.
"""

from __future__ import annotations

import logging
import re
import zoneinfo

import discord
from discord import app_commands
from discord.ext import commands

from bot.ask import card_for
from bot.review.jobs import RESYNC_MINUTES, schedule_all, schedule_reminder, unschedule_reminder
from bot.review.reminders import clear_reminder, send_reminders, set_reminder
from bot.review.serve import pick_review, span
from bot.store.models import utcnow
from cogs.embeds import question_embed
from cogs.math_files import with_math
from cogs.question_views import _OpensModal

log = logging.getLogger(__name__)
ZONES = sorted(zoneinfo.available_timezones())


class ReviewAnswerButton(_OpensModal, discord.ui.DynamicItem[discord.ui.Button],
                         template=r"viva:rv:answer:(?P<qid>[a-z0-9.\-]+)"):
    kind = "review"

    def __init__(self, question_id: str):
        super().__init__(discord.ui.Button(label="Answer", style=discord.ButtonStyle.primary,
                                           custom_id=f"viva:rv:answer:{question_id}"[:100]))
        self.question_id = question_id

    @classmethod
    async def from_custom_id(cls, interaction, item, match: re.Match[str]):
        return cls(match["qid"])


class ReviewCog(commands.GroupCog, group_name="review",
                group_description="Spaced review of the questions you answered"):
    remind = app_commands.Group(name="remind", description="A DM when reviews are due")

    def __init__(self, bot: commands.Bot):
        self.bot = bot
        self.scheduler = None
        self._own_scheduler = False
        super().__init__()

    @property
    def owns_reminders(self) -> bool:
        shards = self.bot.app.settings.shard_ids
        return shards is None or 0 in shards

    async def cog_load(self) -> None:
        if not self.owns_reminders:
            return
        self.scheduler = getattr(self.bot, "scheduler", None)
        if self.scheduler is None:
            from apscheduler.schedulers.asyncio import AsyncIOScheduler

            self.scheduler = AsyncIOScheduler(timezone="UTC")
            self._own_scheduler = True
        count = await schedule_all(self.bot.app, self.scheduler, self.remind_job)
        self.scheduler.add_job(self.resync, "interval", minutes=RESYNC_MINUTES,
                               id="viva:review-remind-resync", replace_existing=True,
                               coalesce=True, max_instances=1)
        if self._own_scheduler:
            self.scheduler.start()
        log.info("%d review reminder jobs scheduled", count)

    async def cog_unload(self) -> None:
        if self._own_scheduler and self.scheduler is not None and self.scheduler.running:
            self.scheduler.shutdown(wait=False)

    # -- the jobs -----------------------------------------------------------------------
    async def resync(self) -> None:
        await schedule_all(self.bot.app, self.scheduler, self.remind_job)

    async def remind_job(self, user_id: int) -> None:
        await send_reminders(self.bot.app, self.send_dm, now=utcnow(), user_ids=[user_id])

    async def send_dm(self, user_id: int, text: str) -> bool:
        try:
            user = self.bot.get_user(user_id) or await self.bot.fetch_user(user_id)
            await user.send(text)
            return True
        except discord.HTTPException:  # DMs closed, or the user is gone
            log.info("could not DM a review reminder to %s", user_id)
            return False

    # -- commands -----------------------------------------------------------------------
    @app_commands.command(name="next", description="Your most overdue question to review")
    async def next_(self, interaction: discord.Interaction) -> None:
        now = utcnow()
        pick = await pick_review(self.bot.app, user_id=interaction.user.id,
                                 guild_id=interaction.guild_id, now=now)
        embed = question_embed(card_for(pick.question))
        embed.set_author(name=f"Review · {pick.question.section_title}")
        lines = [f"Due for {span(now - pick.due.due)} · last score {pick.due.last_score}/100 · "
                 f"{pick.due_total} due"]
        if pick.others:
            lines.append("Next: " + "; ".join(pick.others))
        view = discord.ui.View(timeout=None)
        view.add_item(ReviewAnswerButton(pick.question.id))
        await interaction.response.defer(ephemeral=True, thinking=True)
        file = await with_math(embed, pick.question.prompt)
        extra = {"file": file} if file else {}
        await interaction.followup.send("\n".join(lines), embed=embed, view=view,
                                        ephemeral=True, **extra)

    @remind.command(name="on", description="A DM at this local hour when reviews are due")
    @app_commands.describe(hour="Local hour, 0-23", timezone="IANA time zone, e.g. Europe/Paris")
    async def remind_on(self, interaction: discord.Interaction,
                        hour: app_commands.Range[int, 0, 23],
                        timezone: app_commands.Range[str, 1, 64]) -> None:
        async with self.bot.app.sessions() as s:
            row = await set_reminder(s, user_id=interaction.user.id, hour=hour,
                                     timezone=timezone, now=utcnow(),
                                     user_name=interaction.user.display_name)
            await s.commit()
        if self.scheduler is not None:  # else the shard-0 process picks it up on resync
            schedule_reminder(self.scheduler, row, self.remind_job)
        await interaction.response.send_message(
            f"Review reminders on: a DM at {row.hour:02d}:00 ({row.timezone}) on days when "
            "something is due. Turn them off with /review remind off.", ephemeral=True)

    @remind_on.autocomplete("timezone")
    async def _zones(self, interaction: discord.Interaction,
                     current: str) -> list[app_commands.Choice[str]]:
        needle = current.lower().replace(" ", "_")
        return [app_commands.Choice(name=z, value=z) for z in ZONES if needle in z.lower()][:25]

    @remind.command(name="off", description="No more review reminders")
    async def remind_off(self, interaction: discord.Interaction) -> None:
        async with self.bot.app.sessions() as s:
            was_on = await clear_reminder(s, user_id=interaction.user.id, now=utcnow())
            await s.commit()
        if self.scheduler is not None:
            unschedule_reminder(self.scheduler, interaction.user.id)
        await interaction.response.send_message(
            "Review reminders are off." if was_on else "Review reminders were not on.",
            ephemeral=True)


async def setup(bot: commands.Bot) -> None:
    if getattr(bot, "drills", None) is None:
        from bot.wiring import default_drills

        bot.drills = default_drills(bot.app)  # type: ignore[attr-defined]
    bot.add_dynamic_items(ReviewAnswerButton)
    await bot.add_cog(ReviewCog(bot))
