"""Importing the school's attendance registration (API.md "Attendance CSV").

All or nothing: a file with one bad row stores nothing and every bad row is reported with
its row number. Rows identical to stored ones are counted as duplicates, not stored again.
The file is read as a stream and staged in batches, so memory stays bounded whatever its
size; the staged rows are merged into `absences` by one INSERT … SELECT in the same
transaction.
"""
import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, time

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, exists, insert, select

from coordination.attendance.calendars import CalendarCache
from coordination.attendance.models import Absence, AbsenceStaging, AttendanceImport
from coordination.audit import services as audit
from coordination.errors import Forbidden
from coordination.extensions import db
from coordination.rules.signals import KINDS
from coordination.students.models import Student
from coordination.timeutil import utcnow

COLUMNS = ("student_number", "date", "start", "end", "kind")
IMPORTERS = frozenset({"admin", "coordinator", "attendance_officer"})
BATCH = 5000
MAX_ERRORS = 1000
TIME = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$")
DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


@dataclass
class ImportResult:
    imported: int = 0
    duplicates: int = 0
    errors: list = field(default_factory=list)
    error_count: int = 0

    def add_error(self, row, message):
        self.error_count += 1
        if len(self.errors) < MAX_ERRORS:
            self.errors.append({"row": row, "message": message})


def _student_index(school_id):
    stmt = select(Student.student_number, Student.id, Student.school_id)
    if school_id is not None:
        stmt = stmt.where(Student.school_id == school_id)
    index = {}
    for number, student_id, student_school in db.session.execute(stmt):
        index.setdefault(number, []).append((student_id, student_school))
    return index


def _check_header(header, result):
    if header is None:
        result.add_error(1, _("The file is empty: a header row is required."))
        return None
    names = [h.strip() for h in header]
    unknown = [n for n in names if n not in COLUMNS]
    missing = [c for c in COLUMNS if c not in names]
    if unknown:
        result.add_error(1, _("Unknown column(s): %(names)s.", names=", ".join(unknown)))
    if missing:
        result.add_error(1, _("Missing column(s): %(names)s.", names=", ".join(missing)))
    return None if unknown or missing else {name: names.index(name) for name in COLUMNS}


def _parse(row, columns, students, calendars):
    """(values, None) for a good row, (None, message) for a bad one."""
    if len(row) != len(columns):
        return None, _("Expected %(n)s values, found %(found)s.", n=len(columns), found=len(row))
    number, day, start, end, kind = (row[columns[c]].strip() for c in COLUMNS)
    matches = students.get(number)
    if not matches:
        return None, _("Unknown student number %(number)s.", number=number)
    if len(matches) > 1:
        return None, _("Student number %(number)s exists at several schools; import per "
                       "school.", number=number)
    if kind not in KINDS:
        return None, _("Unknown kind %(kind)s.", kind=kind)
    try:
        day = date.fromisoformat(day) if DATE.match(day) else None
    except ValueError:
        day = None
    if day is None:
        return None, _("The date is not a valid YYYY-MM-DD date.")
    if not (TIME.match(start) and TIME.match(end)):
        return None, _("A time is not HH:MM.")
    start, end = time.fromisoformat(start), time.fromisoformat(end)
    if end <= start:
        return None, _("The end is not after the start.")
    student_id, school_id = matches[0]
    if not calendars.get(school_id).is_school_day(day):
        return None, _("%(day)s is not a school day (weekend, holiday or closure).",
                       day=day.isoformat())
    return {"student_id": student_id, "day": day, "start": start, "end": end, "kind": kind}, None


def _merge(import_id):
    """Move the staged rows into `absences`, skipping those already stored; return the count."""
    staged = AbsenceStaging.__table__
    stored = Absence.__table__
    already = exists().where(
        stored.c.student_id == staged.c.student_id, stored.c.day == staged.c.day,
        stored.c.start == staged.c.start, stored.c.end == staged.c.end,
        stored.c.kind == staged.c.kind, stored.c.corrects_id.is_(None))
    rows = (select(staged.c.student_id, staged.c.day, staged.c.start, staged.c.end,
                   staged.c.kind)
            .where(staged.c.import_id == import_id, ~already).distinct().subquery())
    now = utcnow()
    result = db.session.execute(insert(stored).from_select(
        ["student_id", "day", "start", "end", "kind", "source", "import_id", "withdrawn",
         "created_at"],
        select(rows, db.literal("import"), db.literal(import_id), db.literal(False),
               db.literal(now, type_=stored.c.created_at.type))),
        # SQLAlchemy keeps an INSERT's row count only when asked to.
        execution_options={"preserve_rowcount": True})
    db.session.execute(delete(staged).where(staged.c.import_id == import_id))
    return result.rowcount


def import_csv(actor, lines, filename=None, school_id=None):
    """Import attendance rows from an iterable of text lines. Commits only a clean file."""
    if actor.role not in IMPORTERS:
        raise Forbidden()
    result = ImportResult()
    reader = csv.reader(lines)
    columns = _check_header(next(reader, None), result)
    if columns is None:
        return result
    students, calendars = _student_index(school_id), CalendarCache()
    record = AttendanceImport(by_id=actor.id, filename=filename)
    db.session.add(record)
    db.session.flush()
    batch, valid = [], 0
    for number, row in enumerate(reader, start=2):
        if not row:
            continue
        values, problem = _parse(row, columns, students, calendars)
        if problem:
            result.add_error(number, problem)
        elif not result.error_count:
            batch.append({"import_id": record.id, **values})
            valid += 1
            if len(batch) >= BATCH:
                db.session.execute(insert(AbsenceStaging.__table__), batch)
                batch = []
    if result.error_count:
        db.session.rollback()
        return result
    if batch:
        db.session.execute(insert(AbsenceStaging.__table__), batch)
    result.imported = _merge(record.id)
    result.duplicates = valid - result.imported
    record.rows, record.imported, record.duplicates = valid, result.imported, result.duplicates
    audit.record(actor, "attendance.import", import_id=record.id, imported=result.imported,
                 duplicates=result.duplicates)
    db.session.commit()
    return result


def import_file(actor, stream, filename=None, school_id=None):
    """Import an uploaded registration file (a binary stream, read as it arrives): all rows
    or none, like the API. A file that is not UTF-8 CSV is reported, nothing stored."""
    if actor.role not in IMPORTERS:
        raise Forbidden()
    lines = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    try:
        return import_csv(actor, lines, filename=filename, school_id=school_id)
    except (UnicodeDecodeError, csv.Error):
        db.session.rollback()
        result = ImportResult()
        result.add_error(None, _l("The file cannot be read as CSV text: save it as "
                                  "\"CSV UTF-8 (comma-separated)\" and try again."))
        return result
    finally:
        lines.detach()
