"""The login throttle's counters, kept in the database (`login_throttles`) so that every
gunicorn worker and every server counts the same failures. The rule is in
coordination/rules/logins.py. Nothing here commits: `services.authenticate` does.

Two counters per attempt: the account (a keyed hash of the typed email, so that unknown
emails are counted exactly like real ones and no stranger's address is stored) and the
client address (an IPv6 client by its /64, which one household or attacker holds whole).
"""
import hashlib
import hmac
import ipaddress
from datetime import timedelta

from flask import current_app
from sqlalchemy import delete, or_, select
from sqlalchemy.dialects import postgresql, sqlite

from coordination.accounts.models import LoginThrottle
from coordination.extensions import db
from coordination.rules.logins import delay_after, failures_so_far, is_throttled


def account_key(email):
    secret = current_app.config["SECRET_KEY"].encode()
    digest = hmac.new(secret, email.encode(), hashlib.sha256).hexdigest()[:40]
    return f"account:{digest}"


def address_key(address):
    try:
        ip = ipaddress.ip_address(address or "")
    except ValueError:
        return "address:unknown"
    if ip.version == 6:
        if ip.ipv4_mapped is not None:
            return f"address:{ip.ipv4_mapped}"
        return f"address:{ipaddress.ip_network(f'{ip}/64', strict=False)}"
    return f"address:{ip}"


def _settings():
    config = current_app.config
    return {
        "account": config["LOGIN_ACCOUNT_FREE_FAILURES"],
        "address": config["LOGIN_ADDRESS_FREE_FAILURES"],
    }, config["LOGIN_DELAY_CAP_SECONDS"], timedelta(minutes=config["LOGIN_FORGET_AFTER_MINUTES"])


def throttled(keys, now):
    """True while any of the keys has to wait before its next attempt is checked."""
    rows = db.session.scalars(select(LoginThrottle).where(LoginThrottle.key.in_(keys)))
    return any(is_throttled(row.next_allowed_at, now) for row in rows)


def count_failure(keys, now):
    """One more failure for each key; sets when each may try again.

    The row is created if missing and then locked (PostgreSQL: FOR UPDATE; SQLite: the
    insert already holds the write lock), so parallel workers never lose a count.
    """
    free, cap, forget_after = _settings()
    insert = (postgresql.insert if db.engine.dialect.name == "postgresql" else sqlite.insert)
    for key in sorted(keys):  # one order everywhere: no deadlock between two logins
        db.session.execute(insert(LoginThrottle).values(key=key, failures=0)
                           .on_conflict_do_nothing(index_elements=["key"]))
        row = db.session.scalars(
            select(LoginThrottle).where(LoginThrottle.key == key).with_for_update()
            .execution_options(populate_existing=True)).one()
        row.failures = failures_so_far(row.failures, row.last_failure_at, now, forget_after) + 1
        row.last_failure_at = now
        delay = delay_after(row.failures, free[key.split(":", 1)[0]], cap)
        row.next_allowed_at = now + delay if delay else None


def clear(key):
    db.session.execute(delete(LoginThrottle).where(LoginThrottle.key == key))


def delete_forgotten(now):
    """Delete the counters nobody has failed on for a while."""
    _, _, forget_after = _settings()
    db.session.execute(delete(LoginThrottle).where(
        LoginThrottle.last_failure_at < now - forget_after,
        or_(LoginThrottle.next_allowed_at.is_(None), LoginThrottle.next_allowed_at < now)))
