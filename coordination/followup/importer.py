"""Importing a list of young people who are not enrolled (e.g. from the regional
registration) opens follow-up cases for those who have none. All or nothing, with row
errors. Columns: `student_number` (with `school_brin`), or `given_name`, `family_name`
and `date_of_birth`; `left_on` and `reason` are optional."""
import csv
from dataclasses import dataclass, field
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import func, select

from coordination.cases.services import open_case_of
from coordination.errors import Forbidden
from coordination.extensions import db
from coordination.followup import services
from coordination.schools.models import School
from coordination.students.models import Student

COLUMNS = {"student_number", "school_brin", "given_name", "family_name", "date_of_birth",
           "left_on", "reason"}


@dataclass
class ListResult:
    opened: int = 0
    already: int = 0
    errors: list = field(default_factory=list)


def _find(row):
    if row.get("student_number"):
        stmt = select(Student).join(School).where(
            Student.student_number == row["student_number"].strip(),
            School.brin == (row.get("school_brin") or "").strip().upper())
    else:
        try:
            born = date.fromisoformat((row.get("date_of_birth") or "").strip())
        except ValueError:
            return None, _("The date of birth is not YYYY-MM-DD.")
        stmt = select(Student).where(
            func.lower(Student.given_name) == (row.get("given_name") or "").strip().lower(),
            func.lower(Student.family_name) == (row.get("family_name") or "").strip().lower(),
            Student.date_of_birth == born)
    found = db.session.scalars(stmt.limit(2)).all()
    if len(found) != 1:
        return None, _("No single student matches this row.") if not found else _(
            "Several students match this row; use the student number and school.")
    return found[0], None


def _left_on(row, today):
    raw = (row.get("left_on") or "").strip()
    return date.fromisoformat(raw) if raw else today


def import_list(actor, lines, today):
    """Open follow-up cases for the listed young people who have no open case. Commits only
    a list without errors."""
    if actor.role not in ("coordinator", "attendance_officer"):
        raise Forbidden()
    result, rows = ListResult(), []
    reader = csv.DictReader(lines)
    unknown = set(reader.fieldnames or ()) - COLUMNS
    if not reader.fieldnames or unknown:
        result.errors.append({"row": 1, "message": _("Unknown column(s): %(names)s.",
                                                     names=", ".join(sorted(unknown)) or "-")})
        return result
    for number, row in enumerate(reader, start=2):
        student, problem = _find(row)
        try:
            left_on = _left_on(row, today)
        except ValueError:
            problem = problem or _("The date is not a valid YYYY-MM-DD date.")
        reason = (row.get("reason") or "").strip() or "not_enrolled"
        if not problem and (left_on > today or len(reason) > 200):
            problem = _("The leaving date lies in the future, or the reason is too long.")
        if problem:
            result.errors.append({"row": number, "message": problem})
        else:
            rows.append((student, left_on, reason))
    if result.errors:
        return result
    for student, left_on, reason in rows:
        if open_case_of(student.id) is not None:
            result.already += 1
            continue
        record = services.deregister(actor, student.id, left_on, reason, check_access=False,
                                     commit=False)
        result.opened += record.case_id is not None
    db.session.commit()  # one transaction for the whole list
    return result
