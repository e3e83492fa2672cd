"""Per-user grading cooldowns: a burst, then one answer every 60/N seconds; other users
are not affected; the message says how long to wait; nothing is recorded when refused."""

from __future__ import annotations

import pytest

from bot.errors import UserFacingError
from bot.ratelimit import PRUNE_EVERY, Cooldown, RateLimiter
from bot.settings import load_settings
from bot.wiring import default_drills, default_service, grading_limiter


class Tick:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_burst_then_one_per_interval():
    clock = Tick()
    limiter = RateLimiter(6, clock=clock)
    assert [limiter.try_acquire("alice") for _ in range(6)] == [0.0] * 6
    assert limiter.try_acquire("alice") == pytest.approx(10.0)
    clock.now += 4
    assert limiter.try_acquire("alice") == pytest.approx(6.0)
    clock.now += 6
    assert limiter.try_acquire("alice") == 0.0
    assert limiter.try_acquire("alice") > 0


def test_one_user_does_not_use_up_another_users_allowance():
    limiter = RateLimiter(2, clock=Tick())
    limiter.acquire(1)
    limiter.acquire(1)
    with pytest.raises(Cooldown):
        limiter.acquire(1)
    limiter.acquire(2)  # bob is unaffected


def test_the_message_is_friendly_and_names_the_wait():
    limiter = RateLimiter(3, clock=Tick())
    for _ in range(3):
        limiter.acquire("u")
    with pytest.raises(UserFacingError) as info:
        limiter.acquire("u")
    assert "send it again in 20 s" in str(info.value)
    assert "at most 3 a minute" in str(info.value)
    assert info.value.retry_after == pytest.approx(20.0)


def test_zero_disables_the_limit():
    limiter = RateLimiter(0, clock=Tick())
    assert all(limiter.try_acquire("u") == 0.0 for _ in range(1000))


def test_buckets_of_people_gone_quiet_are_forgotten():
    clock = Tick()
    limiter = RateLimiter(6, clock=clock)
    for user in range(PRUNE_EVERY - 1):
        limiter.acquire(user)
    clock.now += 61  # everyone's bucket is full again
    limiter.acquire("late")
    assert len(limiter) == 1


def test_refund_gives_the_token_back():
    limiter = RateLimiter(1, clock=Tick())
    limiter.acquire("u")
    limiter.refund("u")
    limiter.acquire("u")


def test_setting_and_wiring_share_one_limiter_per_app(app):
    assert load_settings(_env_file=None).grading_cooldown_per_minute == 6
    interviews, drills = default_service(app), default_drills(app)
    assert interviews.limiter is drills.limiter is grading_limiter(app)
    assert interviews.limiter.per_minute == app.settings.grading_cooldown_per_minute


def test_bad_setting_names_the_variable(monkeypatch):
    from bot.errors import ConfigError

    monkeypatch.setenv("GRADING_COOLDOWN_PER_MINUTE", "-1")
    with pytest.raises(ConfigError, match="GRADING_COOLDOWN_PER_MINUTE"):
        load_settings(_env_file=None)
