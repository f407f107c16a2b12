"""Revision mechanics shared by the registers that keep every version (agreements,
suspensions, expulsions): a row is never updated, a change is a new revision numbered
one higher, and the unique (item, number) index settles two changes at the same moment."""
from sqlalchemy import and_, func, select
from sqlalchemy.exc import IntegrityError

from coordination.errors import Conflict
from coordination.extensions import db


def newest(revision_model, key):
    """A SELECT of each item's newest revision of `revision_model`, `key` its item column."""
    latest = select(key, func.max(revision_model.number).label("n")).group_by(key).subquery()
    return select(revision_model).join(
        latest, and_(key == latest.c[key.key], revision_model.number == latest.c.n))


def add(revision, conflict_message):
    """Add `revision` and flush it.

    :raise Conflict revision_conflict: someone else wrote the same number first (the
        session is rolled back).
    """
    db.session.add(revision)
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        raise Conflict(conflict_message, code="revision_conflict") from None
    return revision
