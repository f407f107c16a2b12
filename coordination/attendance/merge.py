"""Merging staged attendance rows into `absences`, set-based (API.md "Attendance CSV").

For each staged row, compared with what is stored for the same student and day:
- identical (student, day, start, end, kind) to a row stored before, current or in the
  history: a duplicate, nothing stored;
- the same times as a current absence but another kind: a correction, a new row pointing at
  the current one (`corrects_id`); the newer kind counts, the older stays as history;
- overlapping a current absence at other times, or another row of the same file: a row error;
- otherwise a new absence.
Every step is one statement over the staged rows, so memory stays bounded for any file.

Where the rows are staged (`Staging`): PostgreSQL, the shared `absence_staging` table,
rows of one import told apart by `import_id` and deleted at the end. SQLite, a TEMP table
of the importing connection (its own file, outside the database and its write-ahead log;
never seen by another connection), filled in file order without an index and indexed
once, sorted, when every row is in: the merge then reads it in the order of `absences`'
indexes, so each index page is visited once, not once a row. Dropped at the end; a
rollback drops it too. Memory stays bounded: a temporary table lives in a temporary file
behind SQLite's page cache (the default build, TEMP_STORE=1, and `temp_store` left
alone).

Two probes first (`Survey`): does any row of the file overlap an earlier one (identical
rows overlap too), and has any student of the file a stored absence on a day of the file?
Most files answer no to both (new days): then the exact queries for row errors, for
duplicates of stored rows and for corrections are skipped, since none can match, and the
insert needs no DISTINCT. A yes runs them as before, so the outcome is the same.
"""
from dataclasses import dataclass

from sqlalchemy import (
    Column,
    Date,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Time,
    and_,
    cast,
    exists,
    func,
    insert,
    not_,
    null,
    select,
)
from sqlalchemy.schema import CreateIndex, CreateTable, DropTable

from coordination.attendance.models import Absence, AbsenceStaging
from coordination.extensions import db
from coordination.signals.invalidation import invalidate
from coordination.timeutil import utcnow

STORED = Absence.__table__
SHARED = AbsenceStaging.__table__
# SQLite: the staging table of one connection (see the module's docstring). Its index
# covers every column the merge reads, in the order of `absences`' indexes.
TEMP = Table("absence_staging", MetaData(),
             Column("import_id", Integer, nullable=False), Column("row", Integer),
             Column("student_id", Integer, nullable=False),
             Column("day", Date, nullable=False), Column("start", Time, nullable=False),
             Column("end", Time, nullable=False), Column("kind", String(16), nullable=False),
             schema="temp")
TEMP_INDEX = Index("ix_absence_staging_sorted", TEMP.c.import_id, TEMP.c.student_id,
                   TEMP.c.day, TEMP.c.start, TEMP.c.end, TEMP.c.kind, TEMP.c.row)


class Staging:
    """The table an import stages its rows in, on the session's connection."""

    def __init__(self, import_id):
        self.import_id = import_id
        self.connection = db.session.connection()
        self.temporary = self.connection.dialect.name == "sqlite"
        self.table = TEMP if self.temporary else SHARED
        if self.temporary:
            # DROP IF EXISTS: a temporary table outlives a transaction on its connection.
            self.connection.execute(DropTable(TEMP, if_exists=True))
            self.connection.execute(CreateTable(TEMP))  # without its index (`loaded`)

    def loaded(self):
        """Every row is in: index the temporary table once, sorted."""
        if self.temporary:
            self.connection.execute(CreateIndex(TEMP_INDEX))

    def rows(self, alias):
        staged = self.table.alias(alias)
        return staged, staged.c.import_id == self.import_id

    def clear(self):
        if self.temporary:
            self.connection.execute(DropTable(TEMP))
        else:
            self.connection.execute(SHARED.delete().where(SHARED.c.import_id == self.import_id))


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


@dataclass
class Survey:
    """in_file: some row of the file overlaps an earlier row of it (a conflict or an
    identical row); stored: some student of the file has an absence stored on a day of
    the file. Neither: every staged row is new and stored as it is."""

    in_file: bool
    stored: bool


def survey(staging):
    mine, of_import = staging.rows("mine")
    other, _ = staging.rows("other")
    in_file = db.session.execute(select(1).select_from(mine.join(other, and_(
        other.c.import_id == mine.c.import_id, _overlaps(mine, other),
        other.c.row < mine.c.row))).where(of_import).limit(1)).first() is not None
    stored = STORED.alias("stored")
    on_days = db.session.execute(select(1).select_from(mine.join(stored, and_(
        stored.c.student_id == mine.c.student_id, stored.c.day == mine.c.day)))
        .where(of_import).limit(1)).first() is not None
    return Survey(in_file, on_days)


def conflicts(staging, found, limit):
    """Row errors: [(row, kind, start, end)] with kind 'file' (another row of this file) or
    'stored' (an absence already stored), and the times of what it overlaps. `found`: the
    import's Survey."""
    mine, of_import = staging.rows("mine")
    other, _ = staging.rows("other")
    errors = []
    if found.in_file:
        in_file = (select(mine.c.row, func.min(other.c.row))
                   .select_from(mine.join(other, and_(
                       other.c.import_id == mine.c.import_id, _overlaps(mine, other),
                       other.c.row < mine.c.row,
                       not_(and_(_same_times(mine, other), mine.c.kind == other.c.kind)))))
                   .where(of_import).group_by(mine.c.row)
                   .order_by(mine.c.row).limit(limit))
        errors += [(row, "file", first, None) for row, first in db.session.execute(in_file)]
    if found.stored:
        stored = STORED.alias("stored")
        against_stored = (select(mine.c.row, func.min(stored.c.start), func.min(stored.c.end))
                          .select_from(mine.join(stored, and_(
                              _overlaps(mine, stored), not_(_same_times(mine, stored)),
                              _current(stored))))
                          .where(of_import, ~_stored_before(mine))
                          .group_by(mine.c.row).order_by(mine.c.row).limit(limit))
        errors += [(row, "stored", start, end)
                   for row, start, end in db.session.execute(against_stored)]
    return sorted(errors, key=lambda e: e[0])[:limit]


def merge(staging, found):
    """Store the staged rows of an import that has no conflicts, and clear the staging.
    Returns (new, corrected)."""
    import_id = staging.import_id
    staged, of_import = staging.rows("s")
    stored = STORED.alias("stored")
    if found.stored:
        corrected_id = (select(func.min(stored.c.id))
                        .where(stored.c.student_id == staged.c.student_id,
                               stored.c.day == staged.c.day, _same_times(stored, staged),
                               _current(stored))
                        .scalar_subquery())
        rows = select(staged.c.student_id, staged.c.day, staged.c.start, staged.c.end,
                      staged.c.kind, corrected_id.label("corrects_id")).where(
            of_import, ~_stored_before(staged))
    else:  # nothing stored on these days: no duplicate of a stored row, no correction
        rows = select(staged.c.student_id, staged.c.day, staged.c.start, staged.c.end,
                      staged.c.kind, cast(null(), Integer).label("corrects_id")).where(of_import)
    if found.in_file:  # identical rows in the file are stored once
        rows = rows.distinct()
    now = utcnow()
    # Insert-from-select keeps the work in the database; SQLAlchemy keeps an INSERT's row
    # count only when asked to.
    columns = ["student_id", "day", "start", "end", "kind", "corrects_id", "source",
               "import_id", "withdrawn", "created_at"]
    source = rows.subquery()
    stmt = insert(STORED).from_select(columns, select(
        source, db.literal("import"), db.literal(import_id), db.literal(False),
        db.literal(now, type_=STORED.c.created_at.type)))
    # The rows inserted get ids above every id there was (a sequence, or SQLite's rowid
    # under the write lock): corrections are counted among those, a range of the key.
    # (`absences` has no index on import_id: a count by it alone read the whole table,
    # 1.3-1.6 s under SQLite's write lock at the region's size.)
    before = db.session.scalar(select(func.max(STORED.c.id))) or 0
    added = db.session.execute(stmt, execution_options={"preserve_rowcount": True}).rowcount
    corrected = 0
    if found.stored:
        corrected = db.session.scalar(select(func.count(STORED.c.id)).where(
            STORED.c.id > before, STORED.c.import_id == import_id,
            STORED.c.corrects_id.is_not(None)))
    # The students in the file: their stored signals are stale from this transaction on.
    students, _ = staging.rows("students")
    invalidate(db.session, students=select(students.c.student_id).where(
        students.c.import_id == import_id).distinct())
    staging.clear()
    return added - corrected, corrected
