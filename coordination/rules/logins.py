"""Login throttling: growing delays instead of a lock-out a stranger can trigger.

OWASP Authentication Cheat Sheet ("Account lockout" / "Login throttling"): a hard lock
lets anyone who knows an email address keep its owner out. Instead, after a number of
free failures each further attempt has to wait 1, 2, 4, … seconds, up to a cap; once the
wait has passed, the right password works again. Counted per account and per client
address alike; failures are forgotten after a quiet period. The numbers are settings
(config.py, LOGIN_*).
"""
from datetime import timedelta


def delay_after(failures, free_failures, cap_seconds):
    """The wait before the next attempt once `failures` attempts in a row have failed:
    none for the first `free_failures`, then 1, 2, 4, … seconds, never more than the cap."""
    if failures < free_failures:
        return timedelta(0)
    exponent = failures - free_failures
    if exponent >= cap_seconds.bit_length():
        return timedelta(seconds=cap_seconds)
    return timedelta(seconds=min(2 ** exponent, cap_seconds))


def is_throttled(next_allowed_at, now):
    """An attempt before the stored next-allowed moment is not checked at all."""
    return next_allowed_at is not None and now < next_allowed_at


def failures_so_far(failures, last_failure_at, now, forget_after):
    """Earlier failures count only while the last one is recent."""
    if last_failure_at is None or now - last_failure_at >= forget_after:
        return 0
    return failures
