"""Importing a list of young people who are not enrolled (e.g. from the regional
registration) opens follow-up cases for those who have none. All or nothing, with row
errors. Columns: `student_number` (with `school_brin`), or `given_name`, `family_name`
and `date_of_birth`; `left_on`, `reason` and `municipality` are optional.

Rows are matched only against the students in the importer's reach (access.py). A young
person not found there gets a new student record (at the school they left, `school_brin`),
never a link to someone else's record; so the answers and what is stored are the same
whether or not a student outside reach exists or has a case (issue 9, side door 3).
"""
import secrets
from dataclasses import dataclass, field
from datetime import date

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import func, select

from coordination import access, csvfiles
from coordination.cases.services import open_case_of
from coordination.errors import Forbidden
from coordination.extensions import db
from coordination.followup import services
from coordination.schools.models import School
from coordination.students.models import Student
from coordination.validation import in_range

COLUMNS = {"student_number", "school_brin", "given_name", "family_name", "date_of_birth",
           "left_on", "reason", "municipality"}
NAME_MAX = 80


@dataclass
class ListResult:
    opened: int = 0
    already: int = 0
    errors: list = field(default_factory=list)


def _text(row, name, limit=NAME_MAX):
    value = (row.get(name) or "").strip()
    return value if len(value) <= limit else None


def _date(row, name):
    """(date or None, ok): an empty value is (None, True), a bad one (None, False)."""
    raw = _text(row, name, 10)
    if not raw:
        return None, raw == ""
    try:
        value = date.fromisoformat(raw)
    except ValueError:
        return None, False
    return value, in_range(value, "birth" if name == "date_of_birth" else "event")


def _find(actor, row, born):
    """The one student in reach that the row names, None, or a problem."""
    # reach: narrowed by access.reach on the next line
    stmt = select(Student).where(access.reach(actor))
    if _text(row, "student_number"):
        stmt = stmt.join(School).where(
            Student.student_number == _text(row, "student_number"),
            School.brin == (_text(row, "school_brin") or "").upper())
    elif born is not None:
        stmt = stmt.where(
            func.lower(Student.given_name) == (_text(row, "given_name") or "").lower(),
            func.lower(Student.family_name) == (_text(row, "family_name") or "").lower(),
            Student.date_of_birth == born)
    else:
        return None, None
    found = db.session.scalars(stmt.limit(2)).all()
    if len(found) > 1:
        return None, _("Several students match this row; use the student number and school.")
    return (found[0] if found else None), None


def _new_student(actor, row, born):
    """A new record for someone not in reach: (values, None) or (None, problem)."""
    school = db.session.scalar(select(School).where(
        School.brin == (_text(row, "school_brin") or "").upper()))
    given, family = _text(row, "given_name"), _text(row, "family_name")
    if school is None or not given or not family or born is None:
        return None, _("This young person is not among your students: give the first name, "
                       "last name, date of birth and the BRIN code of the school they left, "
                       "so that a new record can be made.")
    municipalities = [m.name for m in actor.municipalities]
    municipality = _text(row, "municipality") or (
        municipalities[0] if len(municipalities) == 1 else None)
    return {"school_id": school.id, "number": _text(row, "student_number"),
            "given_name": given, "family_name": family, "date_of_birth": born,
            "municipality": municipality}, None


def _create(actor, values):
    """Add the new student; a number already used at that school (perhaps by a student the
    actor may not see) is replaced by a generated one, so nothing shows that it exists."""
    number = values.pop("number")
    # reach: uniqueness of a new number; the answer never tells
    taken = number is None or db.session.scalar(select(Student.id).where(
        Student.school_id == values["school_id"], Student.student_number == number))
    if taken:
        number = f"nazorg-{secrets.token_hex(4)}"
    # The level is not known from such a list; the school record shows it empty.
    student = Student(student_number=number, level="", created_by_id=actor.id, **values)
    db.session.add(student)
    db.session.flush()
    return student


def _check(actor, row, today):
    """(student or new-student values, left_on, reason) or a problem, for one row."""
    born, born_ok = _date(row, "date_of_birth")
    left_on, left_ok = _date(row, "left_on")
    reason = _text(row, "reason", 200)
    if not born_ok:
        return None, _("The date of birth is not YYYY-MM-DD.")
    if not left_ok or (left_on or today) > today:
        return None, _("The leaving date is not a valid date, or lies in the future.")
    if reason is None:
        return None, _("The reason is too long (at most 200 characters).")
    student, problem = _find(actor, row, born)
    if problem:
        return None, problem
    if student is None:
        student, problem = _new_student(actor, row, born)
        if problem:
            return None, problem
    return (student, left_on or today, reason or "not_enrolled"), None


def _rows(source, result):
    """(row number, {column: value}) for each readable row; unreadable rows, unknown
    columns and rows beyond FOLLOWUP_LIST_MAX_ROWS become row errors."""
    limit = current_app.config["FOLLOWUP_LIST_MAX_ROWS"]
    for number, row, problem in csvfiles.dict_rows(source, columns=COLUMNS):
        if number - 1 > limit:
            result.errors.append({"row": number, "message": _(
                "The list has more than %(n)s rows: split it into smaller lists.", n=limit)})
            return
        if problem:
            result.errors.append({"row": number, "message": problem})
        else:
            yield number, row


def import_list(actor, lines, today):
    """Open follow-up cases for the listed young people who have no open case. Commits only
    a list without errors.

    :raise Forbidden: the actor may not import lists.
    """
    if not access.may_import_lists(actor):
        raise Forbidden()
    result, rows = ListResult(), []
    for number, row in _rows(lines, result):
        checked, problem = _check(actor, row, today)
        if problem:
            result.errors.append({"row": number, "message": problem})
        else:
            rows.append(checked)
    if result.errors:
        db.session.rollback()
        return result
    for student, left_on, reason in rows:
        if isinstance(student, dict):
            student = _create(actor, dict(student))
        elif open_case_of(student.id) is not None:
            result.already += 1
            continue
        record = services.deregister(actor, student.id, left_on, reason, check_access=False,
                                     commit=False)
        result.opened += record.case_id is not None
    db.session.commit()  # one transaction for the whole list
    return result
