"""Planning due items and running those that are due, each exactly once.

Each due item runs in its own transaction: a conditional UPDATE marks it done
(`WHERE done_at IS NULL`), the handler makes its changes, and one COMMIT makes both
permanent. Another scheduler racing for the same row finds it done (PostgreSQL skips
rows locked by the other with SKIP LOCKED); a process killed mid-item leaves nothing
behind, so the item is still pending for the next tick; a scheduler that was down
finds every missed item due and runs it once.
"""
from sqlalchemy import select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import OperationalError

from coordination.database import WriteTurns
from coordination.extensions import db
from coordination.mail.services import backoff
from coordination.scheduler.models import ScheduledItem


def _insert_new():
    dialect = postgresql if db.engine.dialect.name == "postgresql" else sqlite
    return dialect.insert(ScheduledItem).on_conflict_do_nothing(index_elements=["key"])


def plan(key, kind, due_at, case_id=None, user_id=None, payload=None):
    """Add a due item unless one with this key exists (planning twice changes nothing).
    The caller commits."""
    db.session.execute(_insert_new().values(
        key=key, kind=kind, due_at=due_at, case_id=case_id, user_id=user_id, payload=payload,
        attempts=0))


def plan_many(items):
    """`plan` for many items (dicts of plan's arguments) in one executemany: a planner that
    repeats thousands of facts every tick holds SQLite's write lock for milliseconds
    instead of a statement per fact (seconds under load). The caller commits."""
    rows = [{"case_id": None, "user_id": None, "payload": None, **item, "attempts": 0}
            for item in items]
    if rows:
        db.session.execute(_insert_new(), rows)


def cancel_pending(now, case_id, kinds):
    """Cancel pending items of these kinds for a case (e.g. follow-up after re-enrolment)."""
    db.session.execute(update(ScheduledItem).where(
        ScheduledItem.case_id == case_id, ScheduledItem.kind.in_(kinds),
        ScheduledItem.done_at.is_(None), ScheduledItem.cancelled_at.is_(None))
        .values(cancelled_at=now))


def _pending_due(now):
    return (select(ScheduledItem).where(
        ScheduledItem.done_at.is_(None), ScheduledItem.cancelled_at.is_(None),
        ScheduledItem.due_at <= now).order_by(ScheduledItem.due_at, ScheduledItem.id))


def _next_item(now):
    """Take the next due item for this transaction, or None when nothing is due."""
    if db.engine.dialect.name == "postgresql":
        return db.session.scalar(_pending_due(now).limit(1).with_for_update(skip_locked=True))
    for item in db.session.scalars(_pending_due(now).limit(20)):
        taken = db.session.execute(update(ScheduledItem).where(
            ScheduledItem.id == item.id, ScheduledItem.done_at.is_(None))
            .values(claimed_at=now), execution_options={"preserve_rowcount": True})
        if taken.rowcount == 1:
            return item
    return None


def run_due(now, handlers, worker="scheduler", limit=None):
    """Run every item due at `now` once. Returns (done, failed). Between items, waiting
    writers (web requests) get their turn on SQLite (database.WriteTurns)."""
    done = failed = 0
    turns = WriteTurns()
    while limit is None or done + failed < limit:
        try:
            item = _next_item(now)
        except OperationalError:  # SQLite: another process held the write lock too long
            db.session.rollback()
            turns.give_way()
            continue
        if item is None:
            db.session.rollback()
            return done, failed
        try:
            handlers[item.kind](item, now)
        except Exception as exc:  # noqa: BLE001  a failing handler must not stop the others
            db.session.rollback()
            _record_failure(item.id, now, exc)
            failed += 1
            turns.give_way()
            continue
        item.done_at, item.claimed_by = now, worker
        db.session.commit()
        done += 1
        turns.give_way()
    return done, failed


def _record_failure(item_id, now, exc):
    item = db.session.get(ScheduledItem, item_id)
    item.attempts += 1
    item.last_error = repr(exc)[:1000]
    item.due_at = now + backoff(item.attempts)
    db.session.commit()
