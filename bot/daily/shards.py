"""Which process owns a server: Discord routes a server to shard
``(guild_id >> 22) % shard_count`` and a process schedules only the servers of the shards it
runs (docs/deploy.md, "Who owns what"). Without ``SHARD_IDS``/``SHARD_COUNT`` one process
runs every shard and owns every server."""

from __future__ import annotations

from collections.abc import Callable, Iterable


def shard_of(guild_id: int, shard_count: int) -> int:
    return (guild_id >> 22) % shard_count


def owns(guild_id: int, *, shard_ids: Iterable[int] | None, shard_count: int | None) -> bool:
    if shard_ids is None or not shard_count:
        return True
    return shard_of(guild_id, shard_count) in set(shard_ids)


def owner_of(settings) -> Callable[[int], bool]:
    """A predicate ``guild_id -> bool`` for this process's settings."""
    ids = None if settings.shard_ids is None else frozenset(settings.shard_ids)
    count = settings.shard_count

    def predicate(guild_id: int) -> bool:
        return owns(guild_id, shard_ids=ids, shard_count=count)

    return predicate
