"""Manual entries and corrections of absences on the student page: a correction is a new
row that points at the one it corrects; nothing is edited in place."""
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from coordination import access, limits
from coordination.attendance.calendars import calendar_for
from coordination.attendance.models import Absence
from coordination.attendance.services import effective_absences
from coordination.audit import services as audit
from coordination.errors import Conflict, Forbidden, NotFound, ValidationError
from coordination.extensions import db
from coordination.rules import signals as rules
from coordination.timeutil import today_local
from coordination.validation import clean_text

REASON_MAX = limits.REASON
SAY_WHY = _l("Say why (at most %(max)d characters).", max=REASON_MAX)


def _student_to_edit(actor, student_id):
    """Professionals who may see the student correct its attendance (404 otherwise)."""
    if not actor.is_professional:
        raise Forbidden()
    return access.student_for(actor, student_id)


def _check_absence(calendar, day, start, end, kind, reason):
    errors = {}
    if day is None:
        errors["day"] = [_l("Fill in the date as YYYY-MM-DD.")]
    elif not calendar.is_school_day(day):
        errors["day"] = [_l("This is not a school day (weekend, holiday or closure).")]
    elif kind in rules.OBSERVED_KINDS and day > today_local():
        errors["day"] = [_l("This day is in the future: only leave and a suspension can be "
                            "registered ahead.")]
    if start is None or end is None:
        errors["start"] = [_l("Fill in the start and end time as HH:MM.")]
    elif end <= start:
        errors["end"] = [_l("The end time must be after the start time.")]
    if kind not in rules.KINDS:
        errors["kind"] = [_l("Choose a kind of absence.")]
    reason = clean_text(reason, "reason", errors, SAY_WHY, REASON_MAX, SAY_WHY)
    return errors, reason


def _same(student_id, day, start, end, kind):
    return (Absence.student_id == student_id, Absence.day == day, Absence.start == start,
            Absence.end == end, Absence.kind == kind)


def _latest_version(row):
    """The newest row of a chain of corrections that starts at `row`."""
    while True:
        newer = db.session.scalar(select(Absence).where(Absence.corrects_id == row.id)
                                  .order_by(Absence.id.desc()).limit(1))
        if newer is None:
            return row
        row = newer


def add_absence(actor, student_id, day, start, end, kind, reason):
    """Enter an absence by hand (source 'manual'), with the reason. Commits.

    :raise 403: not a professional. :raise 404: student not visible.
    :raise 422: not a school day, times, kind or reason. :raise 409: already registered.
    """
    student = _student_to_edit(actor, student_id)
    errors, reason = _check_absence(calendar_for(student.school), day, start, end, kind, reason)
    if errors:
        raise ValidationError(fields=errors)
    same = _same(student.id, day, start, end, kind)
    if db.session.scalar(effective_absences().where(*same).limit(1)) is not None:
        raise Conflict(_l("This absence is already registered."))
    corrects_id = None
    first = db.session.scalar(select(Absence).where(*same, Absence.corrects_id.is_(None)))
    if first is not None:
        # The same absence was registered before and later corrected. When it was
        # withdrawn, the new entry takes its place in the history; otherwise the
        # current version is the one to correct.
        latest = _latest_version(first)
        if not latest.withdrawn:
            raise Conflict(_l("This absence was registered before and then corrected; "
                              "correct the current entry instead."))
        corrects_id = latest.id
    absence = Absence(student_id=student.id, day=day, start=start, end=end, kind=kind,
                      source="manual", corrects_id=corrects_id, withdrawn=False,
                      author_id=actor.id, reason=reason)
    db.session.add(absence)
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        raise Conflict(_l("This absence is already registered.")) from None
    audit.record(actor, "attendance.add", student=student, absence_id=absence.id,
                 day=day.isoformat(), kind=kind)
    db.session.commit()
    return absence


def correct_absence(actor, student_id, absence_id, day=None, start=None, end=None,
                    kind=None, withdrawn=False, reason=None):
    """Correct an absence: a NEW row pointing at it (`corrects_id`) with the new values, or
    withdrawing it; the corrected row is kept. A reason is required. Commits.

    :raise 403: not a professional. :raise 404: student or absence not visible.
    :raise 409: the absence was corrected already. :raise 422: invalid values.
    """
    student = _student_to_edit(actor, student_id)
    # Lock the row (PostgreSQL), so two corrections of it cannot both pass the check below.
    original = db.session.scalar(select(Absence).where(
        Absence.id == absence_id, Absence.student_id == student.id).with_for_update())
    if original is None:
        raise NotFound()
    if original.withdrawn or db.session.scalar(
            select(Absence.id).where(Absence.corrects_id == original.id).limit(1)) is not None:
        raise Conflict(_l("This absence was corrected already; correct the newest entry."))
    if withdrawn:
        day, start, end, kind = original.day, original.start, original.end, original.kind
        errors = {}
        reason = clean_text(reason, "reason", errors, SAY_WHY, REASON_MAX, SAY_WHY)
    else:
        errors, reason = _check_absence(calendar_for(student.school), day, start, end, kind,
                                        reason)
        if not errors and (day, start, end, kind) == (
                original.day, original.start, original.end, original.kind):
            errors["kind"] = [_l("Change the date, a time or the kind, or withdraw the "
                                 "absence.")]
    if errors:
        raise ValidationError(fields=errors)
    if not withdrawn and db.session.scalar(effective_absences().where(
            *_same(student.id, day, start, end, kind), Absence.id != original.id)
            .limit(1)) is not None:
        raise Conflict(_l("This absence is already registered."))
    correction = Absence(student_id=student.id, day=day, start=start, end=end, kind=kind,
                         source="manual", corrects_id=original.id, withdrawn=bool(withdrawn),
                         author_id=actor.id, reason=reason)
    db.session.add(correction)
    db.session.flush()
    audit.record(actor, "attendance.correct", student=student, absence_id=original.id,
                 correction_id=correction.id, withdrawn=bool(withdrawn))
    db.session.commit()
    return correction
