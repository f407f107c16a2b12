"""Login throttling: growing delays, never a lock the real user cannot get past."""
from datetime import datetime, timedelta, timezone

from coordination.rules.logins import delay_after, failures_so_far, is_throttled

NOW = datetime(2026, 11, 26, 13, 0, tzinfo=timezone.utc)


def test_the_first_free_failures_cost_no_wait():
    assert [delay_after(n, 5, 300) for n in range(5)] == [timedelta(0)] * 5


def test_each_failure_after_the_free_ones_doubles_the_wait():
    assert [delay_after(n, 5, 300).total_seconds() for n in range(5, 10)] == [1, 2, 4, 8, 16]


def test_the_wait_never_exceeds_the_cap():
    assert delay_after(13, 5, 300) == timedelta(seconds=256)
    assert delay_after(14, 5, 300) == timedelta(seconds=300)
    assert delay_after(10_000, 5, 300) == timedelta(seconds=300)


def test_an_attempt_before_the_next_allowed_moment_is_throttled():
    assert is_throttled(NOW + timedelta(seconds=1), NOW)


def test_an_attempt_at_or_after_the_next_allowed_moment_is_not():
    assert not is_throttled(NOW, NOW)
    assert not is_throttled(NOW - timedelta(seconds=1), NOW)
    assert not is_throttled(None, NOW)


def test_failures_are_forgotten_after_a_quiet_hour():
    hour = timedelta(hours=1)
    assert failures_so_far(7, NOW - timedelta(minutes=59), NOW, hour) == 7
    assert failures_so_far(7, NOW - hour, NOW, hour) == 0
    assert failures_so_far(0, None, NOW, hour) == 0
