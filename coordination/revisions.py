"""The mechanics shared by append-only revision logs (agreements, the Wegwijzer plan).

An item holds only its identity; its state is its newest revision, a row with a `number`
that counts up per item (unique together with the item's key). A change is never an
edit: it is the next revision, and two people revising at once meet the unique
constraint, which answers Conflict.
"""
from sqlalchemy import and_, func, select
from sqlalchemy.exc import IntegrityError

from coordination.errors import Conflict
from coordination.extensions import db


def newest(key, among=None):
    """A SELECT of the newest revision of each item; `key` is the revision model's column
    naming the item (`AgreementRevision.agreement_id`). `among` (item ids, or a SELECT of
    them) bounds the scan to those items."""
    model = key.class_
    latest = select(key.label("item"), func.max(model.number).label("n"))
    if among is not None:
        latest = latest.where(key.in_(among))
    latest = latest.group_by(key).subquery()
    return select(model).join(latest, and_(key == latest.c.item, model.number == latest.c.n))


def append(key, current, conflict_message, **state):
    """Add the revision after `current` (its `number` + 1, the same item `key`), flushed.

    :raise Conflict: someone else added that revision just now (the session is rolled
        back, nothing is stored).
    """
    revision = key.class_(number=current.number + 1, **{key.key: getattr(current, key.key)},
                          **state)
    db.session.add(revision)
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        raise Conflict(conflict_message, code="revision_conflict") from None
    return revision
