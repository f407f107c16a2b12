"""DUO reports (verzuimmeldingen) as made at the verzuimloket: recorded with their period
and reference on the student's open case, and listed per student."""
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from coordination import access, limits
from coordination.attendance.models import DuoReport
from coordination.audit import services as audit
from coordination.cases.services import open_case_of
from coordination.errors import Forbidden, ValidationError
from coordination.extensions import db
from coordination.rules import signals as rules
from coordination.validation import clean_text


def record_report(actor, student_id, code, start, end, reported_on, reference):
    """Record that a report was made, with its period (`start` the first absence day,
    `end` the day the threshold was reached); kept on the student's open case. Counting
    for the next 16-hour report starts the day after `end`. Commits."""
    if not access.may_report_to_duo(actor):
        raise Forbidden()
    errors = {}
    if student_id is None:
        errors["student_id"] = [_l("Choose the student.")]
    if code not in rules.REPORT_CODES:
        errors["code"] = [_l("Choose a DUO report type.")]
    if reported_on is None:
        errors["reported_on"] = [_l("Fill in the date of the report.")]
    if start is None:
        errors["start"] = [_l("Fill in the first day of absence of the report.")]
    if end is None:
        errors["end"] = [_l("Fill in the day the threshold was reached.")]
    elif start is not None and end < start:
        errors["end"] = [_l("The end of the period cannot be before its start.")]
    elif reported_on is not None and end > reported_on:
        errors["end"] = [_l("The period cannot end after the day of the report.")]
    message = _l("Fill in the reference of the verzuimloket (at most %(max)d characters).",
                 max=limits.DUO_REFERENCE)
    reference = clean_text(reference, "reference", errors, missing=message,
                           limit=limits.DUO_REFERENCE, too_long=message)
    if errors:
        raise ValidationError(fields=errors)
    student = access.student_for(actor, student_id)
    case = open_case_of(student.id)
    case_id = case.id if case else None
    report = DuoReport(student_id=student.id, case_id=case_id, code=code,
                       signal_since=end, start=start, end=end, reported_on=reported_on,
                       reference=reference, by_id=actor.id)
    db.session.add(report)
    db.session.flush()
    audit.record(actor, "attendance.duo_report", student=student, code=code,
                 start=start.isoformat(), end=end.isoformat())
    db.session.commit()
    return report


def reports_of(student_id):
    return db.session.scalars(select(DuoReport).where(DuoReport.student_id == student_id)
                              .order_by(DuoReport.reported_on.desc())).all()
