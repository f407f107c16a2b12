"""The mechanics shared by append-only revision logs (agreements, suspensions and
expulsions, the Wegwijzer plan).

An item holds only its identity; its state is its newest revision, a row with a `number`
that counts up per item (unique together with the item's key). A change is never an
edit: it is the next revision, and two people revising at once meet the unique
constraint, which answers Conflict.
"""
from sqlalchemy import exists, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import aliased

from coordination.errors import Conflict
from coordination.extensions import db

_NEWER = {}


def _newer(model):
    """The alias of `model` for "a newer revision", one per model: building an alias
    sets up its column collection, a cost every page paid again per query (issue 12)."""
    if model not in _NEWER:
        _NEWER[model] = aliased(model)
    return _NEWER[model]


def newest(key, among=None):
    """A SELECT of the newest revision of each item; `key` is the revision model's column
    naming the item (`AgreementRevision.agreement_id`). `among` (item ids, or a SELECT of
    them) limits it to those items.

    "No newer revision" is checked per row on the (item, number) key, so the caller's
    filter (one case, the visible cases) bounds the work: grouping every revision of the
    region first made each case page cost the region's size (issue 12, bench/RESULTS.md).
    """
    model = key.class_
    newer = _newer(model)
    stmt = select(model).where(~exists().where(
        getattr(newer, key.key) == key, newer.number > model.number))
    return stmt if among is None else stmt.where(key.in_(among))


def add(revision, conflict_message):
    """Add `revision` and flush it.

    :raise Conflict revision_conflict: someone else wrote the same number first (the
        session is rolled back, nothing is stored).
    """
    db.session.add(revision)
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        raise Conflict(conflict_message, code="revision_conflict") from None
    return revision


def append(key, current, conflict_message, **state):
    """Add the revision after `current` (its `number` + 1, the same item `key`), flushed.

    :raise Conflict revision_conflict: as `add`.
    """
    return add(key.class_(number=current.number + 1, **{key.key: getattr(current, key.key)},
                          **state), conflict_message)
