"""Importing the school's attendance registration (API.md "Attendance CSV").

All or nothing: a file with one bad row stores nothing and every bad row is reported with
its row number. Only students in the importer's reach are matched (access.py); a number
outside reach gets the same message as an unknown one. The file is read as a stream and
staged in batches, so memory stays bounded whatever its size; `merge.py` then decides
duplicates, corrections and overlaps in a few statements, in the same transaction.
On SQLite a plain file (what registration systems export) goes through `plainfile.py`
first, which checks each distinct value once instead of each row; it leaves anything
else to the row-by-row import here, with the same outcome (issue 12).
"""
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import select

from coordination import access, csvfiles
from coordination.accounts.models import ADMIN
from coordination.attendance import merge, plainfile, plainkeys
from coordination.attendance.calendars import CalendarCache
from coordination.attendance.models import AttendanceImport
from coordination.attendance.rowcheck import COLUMNS, MEMO, RowParser
from coordination.audit import services as audit
from coordination.errors import Forbidden
from coordination.extensions import db
from coordination.students.models import Student
from coordination.timeutil import today_local, utcnow

# API.md "The working day": the Dutch column names are accepted as well.
DUTCH_COLUMNS = {"leerlingnummer": "student_number", "datum": "date", "begin": "start",
                 "eind": "end", "soort": "kind"}
BATCH = 5000
MAX_ERRORS = csvfiles.MAX_ROW_ERRORS


@dataclass
class ImportResult(csvfiles.RowErrors):
    imported: int = 0
    duplicates: int = 0
    corrected: int = 0
    import_id: int | None = None


def _student_index(actor, school_id):
    """{student number: [(student id, school id)]} for the students the actor may import
    for. Admins manage the schools' registrations: all students (of `school_id`)."""
    # reach: admins' imports span every school; everyone else is narrowed by access.reach below
    stmt = select(Student.student_number, Student.id, Student.school_id)
    if actor.role != ADMIN:
        stmt = stmt.where(access.reach(actor))
    if school_id is not None:
        stmt = stmt.where(Student.school_id == school_id)
    index = {}
    for number, student_id, student_school in db.session.execute(stmt):
        index.setdefault(number, []).append((student_id, student_school))
    return index


def _check_header(header, result):
    if not header:
        result.add_error(1, _("The file is empty: a header row is required."))
        return None
    names = [DUTCH_COLUMNS.get(h.strip().lower(), h.strip().lower()) for h in header]
    unknown = [h.strip() for h, n in zip(header, names) if n not in COLUMNS]
    missing = [c for c in COLUMNS if c not in names]
    if unknown:
        result.add_error(1, _("Unknown column(s): %(names)s.", names=", ".join(unknown)))
    if missing:
        result.add_error(1, _("Missing column(s): %(names)s.", names=", ".join(missing)))
    return None if unknown or missing else {name: names.index(name) for name in COLUMNS}


STAGED_COLUMNS = ("import_id", "row", "student_id", "day", "start", "end", "kind")


class _Staging:
    """Sends staged rows with the driver's executemany, in batches: the values are bound
    as SQLAlchemy binds them (one converter a column, found once), without building a
    parameter dictionary a row. `staging` is where they go (merge.Staging)."""

    def __init__(self, staging):
        self.connection = staging.connection
        dialect = self.connection.dialect
        table = staging.table
        mark = "?" if dialect.paramstyle == "qmark" else "%s"
        names = ", ".join(dialect.identifier_preparer.quote(c) for c in STAGED_COLUMNS)
        self.sql = (f"INSERT INTO {dialect.identifier_preparer.format_table(table)} "
                    f"({names}) VALUES ({', '.join([mark] * len(STAGED_COLUMNS))})")
        self.convert = {c: table.c[c].type.dialect_impl(dialect).bind_processor(dialect)
                        for c in ("day", "start")}  # `end` is a time like `start`
        self.import_id, self.batch = staging.import_id, []
        self.bound = {}  # a file repeats its dates and times: each bound once

    def bind(self, value, column):
        bound = self.bound.get(value)
        if bound is None:
            convert = self.convert[column]
            bound = value if convert is None else convert(value)
            if len(self.bound) < MEMO:
                self.bound[value] = bound
        return bound

    def flush(self):
        """Send the batch (`batch` stays the same list: the loop appends to it)."""
        if self.batch:
            self.connection.exec_driver_sql(self.sql, self.batch)
            self.batch.clear()


def _stage_plain(source, staging, students, import_id):
    """Stage and, when nothing in the file overlaps or is stored on its days, store a
    plain file through `plainfile` (SQLite); (rows staged, stored or None: merge the
    staging). None when `source` is not a plain file, rewound for `_stage`."""
    connection = staging.connection
    if not staging.temporary:
        return None
    position = plainfile.rewindable(source)
    if position is None:
        return None
    parser = RowParser(students, CalendarCache(), today_local(), _Staging(staging).bind)

    def header(names):
        return _check_header(names, csvfiles.RowErrors())

    cursor = connection.connection.cursor()  # the session's connection and transaction
    try:
        valid, in_file = plainfile.stage(source, header, parser, students, csvfiles.delimiter,
                                         connection, cursor, csvfiles.limits()[1])
        if in_file is None:
            in_file = plainfile.overlapping(cursor)
        stored = plainfile.stored_on_days(cursor)
    except plainkeys.Abandon:
        cursor.close()  # before dropping the tables it read
        plainfile.clear(connection)
        source.seek(position)
        return None
    finally:
        cursor.close()  # closing twice is harmless
    if in_file or stored:
        plainfile.copy_to(staging)
        plainfile.clear(connection)
        return valid, None
    stored = plainfile.store(import_id, utcnow())
    plainfile.clear(connection)
    staging.clear()
    return valid, stored


def _stage(source, staging, students, result):
    """Parse and stage every row; return the number of valid rows staged. `source` is a
    binary or text stream or an iterable of lines; an unreadable row is a row error."""
    rows = csvfiles.rows(source)
    _number, header, problem = next(rows, (1, None, None))
    if problem:
        result.add_error(1, problem)
        return 0
    columns = _check_header(header, result)
    if columns is None:
        return 0
    sender, valid = _Staging(staging), 0
    parse = RowParser(students, CalendarCache(), today_local(), sender.bind, columns).parse
    batch, import_id = sender.batch, sender.import_id
    for number, row, problem in rows:  # the loop of every row: kept to the bare minimum
        if not problem:
            student_id, checked = parse(row)
            if student_id is not None:
                if not result.error_count:
                    batch.append((import_id, number, student_id, *checked))  # STAGED_COLUMNS
                    if len(batch) >= BATCH:
                        sender.flush()
                    valid += 1
                continue
            problem = checked
        result.add_error(number, problem)
    if not result.error_count:
        sender.flush()
        staging.loaded()
    return valid


def _conflict_message(kind, start, end):
    if kind == "file":
        return _("This absence overlaps row %(row)s of the file at other times.", row=start)
    return _("This absence overlaps one already stored (%(start)s-%(end)s) at other times; "
             "correct that one instead.", start=start.strftime("%H:%M"),
             end=end.strftime("%H:%M"))


def import_csv(actor, lines, filename=None, school_id=None, record=None):
    """Import attendance rows from a stream or an iterable of lines. Commits only a clean
    file.

    :raise Forbidden: the actor may not import attendance.
    """
    if not access.may_import_attendance(actor):
        raise Forbidden()
    result = ImportResult()
    if record is None:
        record = AttendanceImport(by_id=actor.id, filename=filename, school_id=school_id)
        db.session.add(record)
    record.status = "running"
    db.session.flush()
    staging = merge.Staging(record.id)
    students = _student_index(actor, school_id)
    valid, stored = _stage_plain(lines, staging, students, record.id) or (None, None)
    if stored is not None:
        result.imported = stored
    else:
        if valid is None:
            valid = _stage(lines, staging, students, result)
        if not result.error_count:
            found = merge.survey(staging)
            for row, kind, start, end in merge.conflicts(staging, found, MAX_ERRORS):
                result.add_error(row, _conflict_message(kind, start, end))
        if result.error_count:
            db.session.rollback()
            return result
        result.imported, result.corrected = merge.merge(staging, found)
    result.duplicates = valid - result.imported - result.corrected
    result.import_id = record.id
    record.rows, record.imported = valid, result.imported
    record.duplicates, record.corrected = result.duplicates, result.corrected
    record.status, record.finished_at = "done", utcnow()
    audit.record(actor, "attendance.import", import_id=record.id, imported=result.imported,
                 duplicates=result.duplicates, corrected=result.corrected)
    db.session.commit()
    return result
