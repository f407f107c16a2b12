"""Registering and reading students. Every read and change is audited."""
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError

from coordination import access, limits
from coordination.audit import services as audit
from coordination.errors import Conflict, Forbidden, NotFound, ValidationError
from coordination.extensions import db
from coordination.paging import page_of
from coordination.rules.timetable import format_weekdays
from coordination.schools.services import check_timetable
from coordination.students.models import Exemption, Student
from coordination.timeutil import today_local
from coordination.validation import clean_text

FIELDS = ("student_number", "given_name", "family_name", "date_of_birth", "school_id",
          "level", "has_startkwalificatie", "vso_profile", "address", "postcode", "city",
          "municipality")


def _clean(data):
    values = {k: data.get(k) for k in FIELDS}
    for key in ("student_number", "given_name", "family_name", "address", "city",
                "municipality"):
        if values[key] is not None:
            values[key] = values[key].strip() or None
    if values["postcode"]:
        raw = values["postcode"].replace(" ", "").upper()
        values["postcode"] = f"{raw[:4]} {raw[4:]}"
    values["vso_profile"] = values["vso_profile"] or None
    values["has_startkwalificatie"] = bool(values["has_startkwalificatie"])
    return values


def register_student(actor, data):
    """Register a student at a school the actor is linked to. Commits.

    :raise NotFound: the school does not exist or the actor is not linked to it.
    :raise Conflict duplicate_student_number: the number is taken at that school.
    """
    if not actor.is_professional:
        raise Forbidden()
    values = _clean(data)
    if not access.school_in_reach(actor, values["school_id"]):
        raise NotFound(fields={"school_id": [_l("This school does not exist.")]})
    errors = {}
    if values["date_of_birth"] and values["date_of_birth"] > today_local():
        errors["date_of_birth"] = [_l("The date of birth cannot be in the future.")]
    if values["vso_profile"] and values["level"] != "vso":
        errors["vso_profile"] = [_l("An exit profile only applies to vso students.")]
    if errors:
        raise ValidationError(fields=errors)
    duplicate = Conflict(
        _l("This school already has a student with this number."),
        fields={"student_number": [_l("This student number is already in use at this school.")]},
        code="duplicate_student_number")
    # reach: duplicate check at a school the actor is linked to (checked above)
    if db.session.scalar(select(Student.id).where(
            Student.school_id == values["school_id"],
            Student.student_number == values["student_number"])):
        raise duplicate
    student = Student(created_by_id=actor.id, **values)
    db.session.add(student)
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        raise duplicate from None
    audit.record(actor, "student.create", student=student)
    db.session.commit()
    return student


def read_student(actor, student_id):
    """The student, if visible to the actor (404 otherwise); the read is audited."""
    student = access.student_for(actor, student_id)
    audit.record(actor, "student.read", student=student)
    db.session.commit()
    return student


def search_students(actor, query=None, number=1, school_id=None):
    """A page of the students visible to the actor, by name, optionally filtered by name or
    number and by school. Counted and sliced in SQL."""
    stmt = access.visible_students(actor)
    if query:
        like = f"%{query.strip().lower()}%"
        stmt = stmt.where(or_(
            func.lower(Student.given_name + " " + Student.family_name).like(like),
            func.lower(Student.student_number).like(like)))
    if school_id is not None:
        stmt = stmt.where(Student.school_id == school_id)
    page = page_of(stmt.order_by(Student.family_name, Student.given_name, Student.id), number)
    audit.record(actor, "student.list", query=query or None, count=page.total)
    db.session.commit()
    return page


def schools_in_reach(actor):
    """[(id, name)] of the schools of the students in the actor's reach (a filter's
    choices)."""
    from coordination.schools.models import School

    return db.session.execute(select(School.id, School.name).where(School.id.in_(
        access.visible_students(actor).with_only_columns(Student.school_id)))
        .order_by(School.name)).all()


PAGE_SIZE = 100


def list_students(actor, number=None, after=None):
    """A page of the students in the actor's reach (none for admins), optionally those with
    one school student number, by id after `after`. Returns (students, next cursor or None);
    the read is audited."""
    stmt = access.visible_students(actor)
    if number is not None:
        stmt = stmt.where(Student.student_number == number.strip())
    if after is not None:
        stmt = stmt.where(Student.id > after)
    students = db.session.scalars(stmt.order_by(Student.id).limit(PAGE_SIZE + 1)).all()
    more = len(students) > PAGE_SIZE
    students = students[:PAGE_SIZE]
    audit.record(actor, "student.list", query=number, after=after, count=len(students))
    db.session.commit()
    return students, (students[-1].id if more else None)


def cases_of(actor, student):
    """The student's cases: all of them with their status, visible or not, so nobody opens a
    second one; only those the actor may see are linkable."""
    from coordination.cases.models import Case

    visible = {c.id for c in db.session.scalars(
        access.visible_cases(actor).where(Case.student_id == student.id))}
    # reach: every case of a student in reach, so nobody opens a second one
    rows = db.session.scalars(select(Case).where(Case.student_id == student.id)
                              .order_by(Case.opened_at.desc())).all()
    return [(case, case.id in visible) for case in rows]


EXEMPTION_REASON_MAX = limits.EXEMPTION_REASON


def add_exemption(actor, student_id, first, last, reason, last_malformed=False):
    """Record an exemption (vrijstelling) on the student, from `first` through `last`
    (None: until further notice): the DUO and thuiszitter signals are off while it holds.
    Coordinators and attendance officers record them, as they report to DUO.
    `last_malformed`: a last day was given but could not be read (not "until further
    notice"). Commits.

    :raise 403: may not report to DUO. :raise 404: student not visible. :raise 422: dates
    or reason invalid.
    """
    if not access.may_report_to_duo(actor):
        raise Forbidden()
    student = access.student_for(actor, student_id)
    errors = {}
    if first is None:
        errors["first"] = [_l("Fill in the first day as YYYY-MM-DD.")]
    if last_malformed:
        errors["last"] = [_l("Fill in the last day as YYYY-MM-DD, or leave it empty.")]
    elif first is not None and last is not None and last < first:
        errors["last"] = [_l("The last day cannot be before the first day.")]
    message = _l("Fill in the reason (at most %(max)d characters).", max=EXEMPTION_REASON_MAX)
    reason = clean_text(reason, "reason", errors, message, EXEMPTION_REASON_MAX, message)
    if errors:
        raise ValidationError(fields=errors)
    exemption = Exemption(student_id=student.id, first=first, last=last, reason=reason,
                          by_id=actor.id)
    db.session.add(exemption)
    db.session.flush()
    audit.record(actor, "student.exemption_add", student=student, exemption_id=exemption.id,
                 first=first.isoformat(), last=last.isoformat() if last else None)
    db.session.commit()
    return exemption


def exemptions_of(student_id):
    """The student's exemptions, the latest first (shown with the student the caller has
    already read)."""
    return db.session.scalars(select(Exemption).where(Exemption.student_id == student_id)
                              .order_by(Exemption.first.desc(), Exemption.id.desc())).all()


def may_set_timetable(actor, student):
    """The staff of the student's school (professionals linked to it) set the student's own
    timetable."""
    return access.school_in_reach(actor, student.school_id)


def set_timetable(actor, student_id, hours, weekdays):
    """The student's own timetable (a BBL student, a part-time schedule): hours per school
    day and/or the ISO weekdays taught; both empty: the school's timetable for the level
    again. Commits.

    :raise 404: student not visible. :raise 403: not staff of the student's school.
    :raise 422: hours or days invalid.
    """
    if not actor.is_professional:
        raise Forbidden()
    student = access.student_for(actor, student_id)
    if not may_set_timetable(actor, student):
        raise Forbidden()
    errors = check_timetable(hours, weekdays, required=False)
    if errors:
        raise ValidationError(fields=errors)
    student.timetable_hours = float(hours) if hours is not None else None
    student.timetable_weekdays = format_weekdays(weekdays)
    audit.record(actor, "student.timetable", student=student,
                 hours_per_day=student.timetable_hours, weekdays=student.timetable_weekdays)
    db.session.commit()
    return student
