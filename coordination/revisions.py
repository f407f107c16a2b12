"""Revision mechanics shared by the registers that keep every version (agreements,
suspensions, expulsions): a row is never updated, a change is a new revision numbered
one higher, and the unique (item, number) index settles two changes at the same moment."""
from sqlalchemy import exists, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import aliased

from coordination.errors import Conflict
from coordination.extensions import db


def newest(revision_model, key):
    """A SELECT of each item's newest revision of `revision_model`, `key` its item column.

    "No newer revision" is checked per row on the (item, number) key, so a caller's filter
    (one case, the visible cases) bounds the work: grouping every revision of the region
    first made each case page cost the region's size (issue 12, bench/RESULTS.md)."""
    newer = aliased(revision_model)
    return select(revision_model).where(~exists().where(
        getattr(newer, key.key) == key, newer.number > revision_model.number))


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
