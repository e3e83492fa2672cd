"""The permission matrix over every slash command: which are admin-only (Manage Server), and
that a plain member is refused by the check in code even when the server lets them see the
command (``default_permissions`` is only a default an admin can override), with nothing
changed: no row in any table, no message posted, no role given, no job scheduled.

A command added to the tree without a row below fails ``test_every_command_is_classified``.
"""

from __future__ import annotations

import re
from pathlib import Path

import discord
import pytest
from discord import app_commands

from bot.errors import UserFacingError
from tests.security.conftest import let_see, snapshot

GOOD = (Path(__file__).parents[1] / "bank" / "files" / "good.yaml").read_bytes()
REFUSED = re.compile(r"You need the Manage Server permission")

# command -> its options (as a function of the scene), for a member and for an admin.
ADMIN_ONLY = {
    "daily setup": lambda s: dict(channel=s["channel"], time="09:00", timezone="Asia/Tokyo"),
    "daily status": lambda s: {},
    "daily pause": lambda s: {},
    "daily resume": lambda s: {},
    "daily now": lambda s: {},
    "daily skip": lambda s: {},
    "bank import": lambda s: dict(file=("ours.yaml", GOOD.replace(b"trace trick", b"T"))),
    "bank export": lambda s: {},
    "bank list": lambda s: {},
    "bank remove": lambda s: dict(id="math.group-trace-trick"),
    "score adjust": lambda s: dict(user=s["member"], points=500, reason="for me"),
    "score history": lambda s: dict(user=s["player"]),
    "rewards set": lambda s: dict(rank=3, role=s["role"], board="all"),
    "rewards season-winner": lambda s: dict(role=s["role"], places=3),
    "rewards remove": lambda s: dict(role=s["reward"]),
    "rewards list": lambda s: {},
    "rewards sync": lambda s: {},
    "season length": lambda s: dict(length="quarter"),
}
# Everyone may use these (they act on the caller's own data, or show public boards).
MEMBER = {
    "question", "interview start", "interview hint", "interview skip", "interview end",
    "review next", "review remind on", "review remind off", "profile", "leaderboard",
    "seasons", "help",
}
# Meaningless outside a server: Discord must not offer them in DMs (test_dm_commands.py).
SERVER_ONLY = set(ADMIN_ONLY) | {"leaderboard", "seasons"}


def all_commands(tree: app_commands.CommandTree) -> dict[str, app_commands.Command]:
    found = {c.qualified_name: c for c in tree.walk_commands()
             if isinstance(c, app_commands.Command)}
    for kind in (discord.AppCommandType.user, discord.AppCommandType.message):
        found |= {c.name: c for c in tree.get_commands(type=kind)}
    return found


def root_of(command) -> app_commands.Command | app_commands.Group:
    return getattr(command, "root_parent", None) or command


@pytest.fixture
async def scene(env, app, daily, guild, channel, admin, bob, alice):
    """A server in use: the daily question set up, the bank imported, a reward role, a
    player with points. bob is a plain member whom the server lets see every admin
    command."""
    reward = guild.create_role("Champion")
    await admin.slash(channel, "daily setup", channel=channel, time="09:00",
                      timezone="Europe/Paris")
    await admin.slash(channel, "bank import", file=("ours.yaml", GOOD))
    await admin.slash(channel, "rewards set", rank=1, role=reward)
    await admin.slash(channel, "score adjust", user=alice, points=10, reason="seed")
    for root in {name.split()[0] for name in ADMIN_ONLY}:
        let_see(env, guild, bob, root)
    assert not env.errors  # the admin was never refused
    return {"channel": channel, "member": bob, "player": alice, "reward": reward,
            "role": guild.create_role("Top3")}


def test_every_command_is_classified(env):
    names = set(all_commands(env.bot.tree))
    assert names == set(ADMIN_ONLY) | MEMBER, (
        "classify new commands in ADMIN_ONLY (with the options to call them) or MEMBER: "
        f"{sorted(names ^ (set(ADMIN_ONLY) | MEMBER))}")


@pytest.mark.parametrize("name", sorted(ADMIN_ONLY))
def test_admin_commands_default_to_manage_server_in_servers_only(env, name):
    command = all_commands(env.bot.tree)[name]
    root = root_of(command)
    assert root.default_permissions == discord.Permissions(manage_guild=True)
    assert root.guild_only


@pytest.mark.parametrize("name", sorted(MEMBER))
def test_member_commands_need_no_permission(env, name):
    root = root_of(all_commands(env.bot.tree)[name])
    assert root.default_permissions is None
    assert root.guild_only == (name in SERVER_ONLY)


def test_plain_members_are_not_offered_admin_commands(env, channel, alice, admin):
    offered = set(alice.available_commands(channel))
    assert offered == MEMBER
    assert set(admin.available_commands(channel)) == MEMBER | set(ADMIN_ONLY)


@pytest.mark.parametrize("name", sorted(ADMIN_ONLY))
async def test_a_member_who_may_see_it_is_refused_and_nothing_changes(env, app, scene, guild,
                                                                       channel, bob, name):
    before = await snapshot(app)
    history = [m.id for m in channel.history()]
    roles = {m: sorted(env.backend.get_member(guild.id, m).role_ids)
             for m in guild.member_ids()}
    jobs = sorted(env.bot.daily.job_ids())
    cursor = env.error_cursor

    result = await bob.slash(channel, name, **ADMIN_ONLY[name](scene))

    assert result.ephemeral, "a refusal is private"
    assert REFUSED.search(result.response.content or ""), result.response.content
    assert not result.response.embeds and not result.response.attachments
    assert await snapshot(app) == before
    assert [m.id for m in channel.history()] == history
    assert {m: sorted(env.backend.get_member(guild.id, m).role_ids)
            for m in guild.member_ids()} == roles
    assert sorted(env.bot.daily.job_ids()) == jobs
    [error] = env.errors_since(cursor)
    assert isinstance(error, app_commands.MissingPermissions)  # one shared check, one wording
    env.errors  # noqa: B018 (acknowledged: shown to bob as the refusal above)


async def test_the_same_commands_work_for_an_admin(env, scene, channel, admin):
    """The refusals above are about the permission: an admin gets past every check."""
    for name, options in ADMIN_ONLY.items():
        cursor = env.error_cursor
        result = await admin.slash(channel, name, **options(scene))
        assert not REFUSED.search(result.response.content or ""), name
        bugs = [e for e in env.errors_since(cursor)
                if not isinstance(getattr(e, "original", e), UserFacingError)]
        assert not bugs, (name, bugs)
    env.errors  # noqa: B018 (user-facing ones, e.g. /daily now when today's is out)


async def test_managing_one_server_gives_no_say_in_another(env, app, channel, admin):
    """ada manages "Study group"; in a server she merely joined, she imports nothing even
    when that server lets everyone see /bank."""
    from bot.bank.scoped import eligible_questions

    other = env.create_guild(name="Elsewhere")
    there = other.create_text_channel("general")
    visitor = other.add_member(admin.user)
    let_see(env, other, visitor, "bank")
    before = await snapshot(app)
    refused = await visitor.slash(there, "bank import", file=("ours.yaml", GOOD))
    assert refused.ephemeral and REFUSED.search(refused.response.content)
    assert await snapshot(app) == before
    assert len(await eligible_questions(app, other.id)) == len(app.bank)
    done = await admin.slash(channel, "bank import", file=("ours.yaml", GOOD))
    assert done.response.content.startswith("Imported: 2 added")  # at home she may
    assert len(await eligible_questions(app, other.id)) == len(app.bank)
    env.errors  # noqa: B018 (acknowledged: the refusal above)
