"""Merging staged attendance rows into `absences`, set-based (API.md "Attendance CSV").

For each staged row, compared with what is stored for the same student and day:
- identical (student, day, start, end, kind) to a row stored before, current or in the
  history: a duplicate, nothing stored;
- the same times as a current absence but another kind: a correction, a new row pointing at
  the current one (`corrects_id`); the newer kind counts, the older stays as history;
- overlapping a current absence at other times, or another row of the same file: a row error;
- otherwise a new absence.
Every step is one statement over the staged rows, so memory stays bounded for any file.
"""
from sqlalchemy import and_, exists, func, insert, not_, select

from coordination.attendance.models import Absence, AbsenceStaging
from coordination.extensions import db
from coordination.signals.invalidation import invalidate
from coordination.timeutil import utcnow

STAGED = AbsenceStaging.__table__
STORED = Absence.__table__


def _overlaps(a, b):
    return and_(a.c.student_id == b.c.student_id, a.c.day == b.c.day,
                a.c.start < b.c.end, b.c.start < a.c.end)


def _same_times(a, b):
    return and_(a.c.start == b.c.start, a.c.end == b.c.end)


def _current(stored):
    """The stored row counts now: not withdrawn and not corrected by a later row."""
    newer = STORED.alias("newer")
    return and_(stored.c.withdrawn.is_(False),
                ~exists().where(newer.c.corrects_id == stored.c.id))


def _stored_before(staged):
    """An identical row was stored before (also one corrected or withdrawn since)."""
    any_row = STORED.alias("any_row")
    return exists().where(
        any_row.c.student_id == staged.c.student_id, any_row.c.day == staged.c.day,
        _same_times(any_row, staged), any_row.c.kind == staged.c.kind)


def conflicts(import_id, limit):
    """Row errors: [(row, kind, start, end)] with kind 'file' (another row of this file) or
    'stored' (an absence already stored), and the times of what it overlaps."""
    mine, other = STAGED.alias("mine"), STAGED.alias("other")
    in_file = (select(mine.c.row, func.min(other.c.row))
               .select_from(mine.join(other, and_(
                   other.c.import_id == mine.c.import_id, _overlaps(mine, other),
                   other.c.row < mine.c.row,
                   not_(and_(_same_times(mine, other), mine.c.kind == other.c.kind)))))
               .where(mine.c.import_id == import_id).group_by(mine.c.row)
               .order_by(mine.c.row).limit(limit))
    errors = [(row, "file", first, None) for row, first in db.session.execute(in_file)]
    stored = STORED.alias("stored")
    against_stored = (select(mine.c.row, func.min(stored.c.start), func.min(stored.c.end))
                      .select_from(mine.join(stored, and_(
                          _overlaps(mine, stored), not_(_same_times(mine, stored)),
                          _current(stored))))
                      .where(mine.c.import_id == import_id, ~_stored_before(mine))
                      .group_by(mine.c.row).order_by(mine.c.row).limit(limit))
    errors += [(row, "stored", start, end)
               for row, start, end in db.session.execute(against_stored)]
    return sorted(errors, key=lambda e: e[0])[:limit]


def merge(import_id):
    """Store the staged rows of an import that has no conflicts. Returns (new, corrected)."""
    staged = STAGED.alias("s")
    stored = STORED.alias("stored")
    corrected_id = (select(func.min(stored.c.id))
                    .where(stored.c.student_id == staged.c.student_id,
                           stored.c.day == staged.c.day, _same_times(stored, staged),
                           _current(stored))
                    .scalar_subquery())
    rows = (select(staged.c.student_id, staged.c.day, staged.c.start, staged.c.end,
                   staged.c.kind, corrected_id.label("corrects_id"))
            .where(staged.c.import_id == import_id, ~_stored_before(staged))
            .distinct())
    now = utcnow()
    # Insert-from-select keeps the work in the database; SQLAlchemy keeps an INSERT's row
    # count only when asked to.
    columns = ["student_id", "day", "start", "end", "kind", "corrects_id", "source",
               "import_id", "withdrawn", "created_at"]
    source = rows.subquery()
    stmt = insert(STORED).from_select(columns, select(
        source, db.literal("import"), db.literal(import_id), db.literal(False),
        db.literal(now, type_=STORED.c.created_at.type)))
    added = db.session.execute(stmt, execution_options={"preserve_rowcount": True}).rowcount
    corrected = db.session.scalar(select(func.count(STORED.c.id)).where(
        STORED.c.import_id == import_id, STORED.c.corrects_id.is_not(None)))
    # The students in the file: their stored signals are stale from this transaction on.
    invalidate(db.session, students=select(STAGED.c.student_id).where(
        STAGED.c.import_id == import_id))
    db.session.execute(STAGED.delete().where(STAGED.c.import_id == import_id))
    return added - corrected, corrected

