"""Reading attendance and computing signals; DUO reports; manual corrections."""
from datetime import timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import exists, select
from sqlalchemy.orm import aliased

from coordination import access
from coordination.attendance.calendars import CalendarCache, calendar_for
from coordination.attendance.models import Absence, DuoReport
from coordination.audit import services as audit
from coordination.cases.models import OPEN, Case
from coordination.cases.services import open_case_of
from coordination.errors import Forbidden, ValidationError
from coordination.extensions import db
from coordination.rules import signals as rules
from coordination.students.models import Student


HISTORY_DAYS = 400  # enough for every window, the school year and the 15-week rule


def effective_absences(*columns):
    """A SELECT of the absences that count: not corrected by a later row, not withdrawn.
    With `columns`, only those columns (much lighter for scans than whole rows)."""
    correction = aliased(Absence)
    return select(*(columns or (Absence,))).where(
        Absence.withdrawn.is_(False),
        ~exists().where(correction.corrects_id == Absence.id))


def _as_rule(row):
    return rules.Absence(row.day, row.start, row.end, row.kind)


def absences_by_student(student_ids, first, last):
    """{student_id: [rules.Absence]} between two dates, in one query of five columns."""
    grouped = {sid: [] for sid in student_ids}
    stmt = effective_absences(Absence.student_id, Absence.day, Absence.start, Absence.end,
                              Absence.kind).where(
        Absence.student_id.in_(student_ids), Absence.day >= first, Absence.day <= last)
    for student_id, day, start, end, kind in db.session.execute(stmt):
        grouped[student_id].append(rules.Absence(day, start, end, kind))
    return grouped


def signals_for_student(student, on, calendar=None, absences=None):
    calendar = calendar or calendar_for(student.school)
    if absences is None:
        absences = absences_by_student([student.id], on - timedelta(days=HISTORY_DAYS), on)[
            student.id]
    return rules.signals_on(on, absences, calendar, student.date_of_birth,
                            student.has_startkwalificatie)


def student_signals(actor, student_id, on):
    """Signals true on `on` for a student the actor may see (404 otherwise); audited."""
    student = access.student_for(actor, student_id)
    found = signals_for_student(student, on)
    audit.record(actor, "student.signals", student=student, on=on.isoformat())
    db.session.commit()
    return found


def reports_due(actor, on):
    """DUO reports due on `on` for the students the actor may see, with the open case (or
    None: then the list proposes opening one). A report recorded on or after a signal's
    start clears it."""
    if not access.may_report_to_duo(actor):
        raise Forbidden()
    students = db.session.scalars(access.visible_students(actor)).all()
    absences = absences_by_student([s.id for s in students], on - timedelta(days=HISTORY_DAYS), on)
    calendars = CalendarCache()
    reported = {(r.student_id, r.code): r.reported_on for r in db.session.scalars(
        select(DuoReport).where(DuoReport.student_id.in_([s.id for s in students])))}
    open_cases = dict(db.session.execute(select(Case.student_id, Case.id).where(
        Case.status == OPEN, Case.student_id.in_([s.id for s in students]))).all())
    due = []
    for student in students:
        for signal in signals_for_student(student, on, calendars.get(student.school_id),
                                          absences[student.id]):
            last = reported.get((student.id, signal.code))
            if signal.code in rules.DUO_CODES and (last is None or last < signal.since):
                due.append((student, signal, open_cases.get(student.id)))
    audit.record(actor, "attendance.reports_due", count=len(due))
    db.session.commit()
    return sorted(due, key=lambda row: row[1].since)


def record_report(actor, student_id, code, signal_since, reported_on, reference):
    """Record that a DUO report was made; kept on the student's open case. Commits."""
    if not access.may_report_to_duo(actor):
        raise Forbidden()
    student = access.student_for(actor, student_id)
    errors = {}
    if code not in rules.DUO_CODES:
        errors["code"] = [_l("Choose a DUO report type.")]
    if reported_on is None:
        errors["reported_on"] = [_l("Fill in the date of the report.")]
    if signal_since is None:
        errors["signal_since"] = [_l("Fill in since when the signal holds.")]
    reference = (reference or "").strip()
    if not reference or len(reference) > 64:
        errors["reference"] = [_l("Fill in the reference of the verzuimloket (at most 64 "
                                  "characters).")]
    if errors:
        raise ValidationError(fields=errors)
    case = open_case_of(student.id)
    case_id = case.id if case else None
    report = DuoReport(student_id=student.id, case_id=case_id, code=code,
                       signal_since=signal_since, reported_on=reported_on,
                       reference=reference, by_id=actor.id)
    db.session.add(report)
    audit.record(actor, "attendance.duo_report", student=student, code=code)
    db.session.commit()
    return report


def reports_of(student_id):
    return db.session.scalars(select(DuoReport).where(DuoReport.student_id == student_id)
                              .order_by(DuoReport.reported_on.desc())).all()


def recent_absences(student, first, last):
    return db.session.scalars(effective_absences().where(
        Absence.student_id == student.id, Absence.day >= first, Absence.day <= last)
        .order_by(Absence.day.desc(), Absence.start)).all()




def scan(on, school_ids=None, chunk=2000):
    """Signals true on `on` for every student (of the given schools): {code: count}.

    Students are read in chunks of `chunk` with their absences of the last HISTORY_DAYS,
    so memory stays bounded and time grows with the number of students and rows.
    """
    counts, calendars, last_id = {}, CalendarCache(), 0
    while True:
        stmt = select(Student).where(Student.id > last_id).order_by(Student.id).limit(chunk)
        if school_ids is not None:
            stmt = stmt.where(Student.school_id.in_(school_ids))
        students = db.session.scalars(stmt).all()
        if not students:
            return counts
        absences = absences_by_student([s.id for s in students],
                                       on - timedelta(days=HISTORY_DAYS), on)
        for student in students:
            for signal in signals_for_student(student, on, calendars.get(student.school_id),
                                              absences[student.id]):
                counts[signal.code] = counts.get(signal.code, 0) + 1
        last_id = students[-1].id
        db.session.expunge_all()
