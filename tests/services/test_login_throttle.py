"""The login throttle in the database, driven with an explicit clock."""
import threading
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from coordination.accounts import services, throttle
from coordination.accounts.models import LoginThrottle
from coordination.extensions import db

PASSWORD = "een lang wachtwoord 42"
T0 = datetime(2026, 11, 26, 9, 0, tzinfo=timezone.utc)
ADDRESS = "198.51.100.7"


def row(key):
    db.session.expire_all()
    return db.session.get(LoginThrottle, key)


def test_each_failure_after_five_doubles_the_wait(app, make):
    user = make.user(password=PASSWORD)
    key = throttle.account_key(user.email)
    now = T0
    waits = []
    for _ in range(8):
        assert services.authenticate(user.email, "guess", ADDRESS, now=now) is None
        stored = row(key)
        wait = (stored.next_allowed_at - now).total_seconds() if stored.next_allowed_at else 0
        waits.append(wait)
        now += timedelta(seconds=wait)  # the attacker tries again as soon as allowed
    assert waits == [0, 0, 0, 0, 1, 2, 4, 8]
    # Once the last wait has passed, the right password works at once.
    assert services.authenticate(user.email, PASSWORD, ADDRESS, now=now) == user
    assert row(key) is None


def test_an_attempt_during_the_wait_is_refused_even_with_the_right_password(app, make):
    user = make.user(password=PASSWORD)
    for _ in range(5):
        services.authenticate(user.email, "guess", ADDRESS, now=T0)
    assert services.authenticate(user.email, PASSWORD, ADDRESS,
                                 now=T0 + timedelta(milliseconds=999)) is None
    assert services.authenticate(user.email, PASSWORD, ADDRESS,
                                 now=T0 + timedelta(seconds=1)) == user


def test_failures_are_forgotten_after_a_quiet_hour(app, make):
    user = make.user(password=PASSWORD)
    for _ in range(4):
        services.authenticate(user.email, "guess", ADDRESS, now=T0)
    later = T0 + timedelta(minutes=60)
    services.authenticate(user.email, "guess", ADDRESS, now=later)
    stored = row(throttle.account_key(user.email))
    assert stored.failures == 1 and stored.next_allowed_at is None


def test_the_scheduler_deletes_forgotten_counters_only(app, make):
    services.authenticate("old@test.regie.nl", "guess", ADDRESS, now=T0)
    services.authenticate("recent@test.regie.nl", "guess", "198.51.100.8",
                          now=T0 + timedelta(minutes=30))
    services.forget_old_login_failures(T0 + timedelta(minutes=61))
    db.session.expire_all()
    keys = set(db.session.scalars(select(LoginThrottle.key)))
    assert keys == {throttle.account_key("recent@test.regie.nl"),
                    throttle.address_key("198.51.100.8")}


def test_the_email_is_counted_the_same_however_it_is_typed(app):
    assert throttle.account_key("Mentor@School.nl") != throttle.account_key("other@school.nl")
    services.authenticate("  Mentor@School.NL ", "guess", ADDRESS, now=T0)
    services.authenticate("mentor@school.nl", "guess", ADDRESS, now=T0)
    assert row(throttle.account_key("mentor@school.nl")).failures == 2


def test_an_ipv6_client_is_counted_by_its_64_network():
    assert throttle.address_key("2001:db8:1:2::1") == throttle.address_key("2001:db8:1:2:ffff::9")
    assert throttle.address_key("2001:db8:1:2::1") != throttle.address_key("2001:db8:1:3::1")
    assert throttle.address_key("::ffff:198.51.100.7") == throttle.address_key(ADDRESS)
    assert throttle.address_key(None) == "address:unknown"


@pytest.mark.parametrize("app_config", [{"LOGIN_ACCOUNT_FREE_FAILURES": 100,
                                         "LOGIN_ADDRESS_FREE_FAILURES": 100}])
def test_parallel_workers_lose_no_failure(app, make):
    """Eight logins at once (as from several gunicorn workers) count eight failures."""
    user = make.user(password=PASSWORD)
    start = threading.Barrier(8)
    errors = []

    def attempt(n):
        try:
            with app.app_context():
                start.wait()
                services.authenticate(user.email, "guess", f"198.51.100.{n}", now=T0)
                db.session.remove()
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert row(throttle.account_key(user.email)).failures == 8
