"""Stored signal state (issue 12): computed by the pure rules when its inputs changed,
read by the pages, the worklist, the API and the region's figures.

A student's state is for one day (`SignalStamp.on`). Reading the state of day D:
- the fresh students (stamp for D) are read from the tables;
- the stale ones (their inputs changed, or the day moved on) are computed from the rows
  by the pure rules, as before there was a store. Readers never write: only the
  scheduler stores state (every tick, the stale students, in chunks), so two requests
  never race to store the same student. Between a change and the next tick a reader pays
  for the students that changed, which is its own work.
So a read always equals what the rules compute from the rows (tests/services/
test_signal_state.py proves it after random sequences of changes). Storing is in store.py;
the due reports as rows in due_rows.py; the reports list (filtered, paged, counted per
school) in due_list.py.
"""
from sqlalchemy import and_, select

from coordination import access
from coordination.attendance import services as attendance
from coordination.audit import services as audit
from coordination.cases.models import OPEN, Case
from coordination.errors import Forbidden
from coordination.extensions import db
from coordination.rules import signals as rules
from coordination.signals import due_rows
from coordination.signals.models import DueReportState, SignalEpisode, SignalStamp
from coordination.students.models import Student

# API.md "Signal codes", in its order: how a student's signals are listed.
ORDER = ("duo_16h_4w", "duo_long_relative", "duo_luxury", "rmc_28d", "problematic_25pct_2w",
         "problematic_10d_15w", "mazl_frequent_sick", "mazl_long_sick", "suspension_too_long",
         "suspension_notify_inspectorate", "absolute_verzuim", "thuiszitter")


def _rank(signal):
    return (ORDER.index(signal.code) if signal.code in ORDER else len(ORDER), signal.since)


def state_of(student, on):
    """The student's State on `on`: stored if fresh, else computed from the rows."""
    stamp = db.session.get(SignalStamp, student.id)
    if stamp is None or stamp.on != on:
        return attendance.compute_states([student], on)[student.id]
    found = [rules.Signal(e.code, e.since, dict(e.details)) for e in db.session.scalars(
        select(SignalEpisode).where(SignalEpisode.student_id == student.id,
                                    SignalEpisode.until.is_(None)))]
    due = [attendance.ReportDue(student, None, r.code, r.start, r.end, r.hours, r.deadline,
                                r.calendar_missing)
           for r in db.session.scalars(select(DueReportState).where(
               DueReportState.student_id == student.id))]
    return attendance.State(sorted(found, key=_rank), due, stamp.calendar_missing)


def _signals_of(student, on):
    """(signals true on `on`, calendar_missing) of one student, as `state_of` gives them:
    the stamp and the current episodes in one query when fresh (the due reports are not
    read), else computed from the rows."""
    rows = db.session.execute(
        select(SignalStamp.on, SignalStamp.calendar_missing, SignalEpisode)
        .outerjoin(SignalEpisode, and_(SignalEpisode.student_id == SignalStamp.student_id,
                                       SignalEpisode.until.is_(None)))
        .where(SignalStamp.student_id == student.id)).all()
    if not rows or rows[0][0] != on:
        state = attendance.compute_states([student], on)[student.id]
        return state.signals, state.calendar_missing
    found = [rules.Signal(e.code, e.since, dict(e.details)) for _on, _missing, e in rows
             if e is not None]
    return sorted(found, key=_rank), rows[0][1]


def student_signals(actor, student_id, on):
    """(signals true on `on`, calendar_missing) for a student the actor may see (404
    otherwise); audited."""
    student = access.student_for(actor, student_id)
    found, missing = _signals_of(student, on)
    audit.record(actor, "student.signals", student=student, on=on.isoformat())
    db.session.commit()
    return found, missing


def _due_sorted(actor, on, student_id=None):
    if not access.may_report_to_duo(actor):
        raise Forbidden()
    where = access.reach(actor)
    if student_id is not None:
        where = and_(where, Student.id == student_id)
        return sorted(due_rows.due_of(where, on, one=True), key=due_rows.order)
    stored = due_rows.stored_rows(due_rows.stored_in_reach(actor, on))
    return sorted(stored + due_rows.computed_due(where, on), key=due_rows.order)


def reports_due(actor, on, student_id=None):
    """Reports due on `on` for the students the actor may see, oldest end first, each with
    its student and open case (or None: then the list proposes opening one). With
    `student_id`, only that student's, not audited again: the caller audited its read of
    that student or case."""
    due = _due_sorted(actor, on, student_id)
    due_rows.attach(actor, due)
    if student_id is None:
        audit.record(actor, "attendance.reports_due", count=len(due))
        db.session.commit()
    return due


def reports_due_named(actor, on):
    """The reports of `reports_due(actor, on)` for a list that shows only the students'
    names and links to their open cases (the worklist): [(row, name)], each row with its
    `case_id`, no Student objects and no `case_visible`. One query for the names and the
    open cases instead of `due_rows.attach`'s three, which built an object per student (224 for a
    coordinator at the region's size, bench/RESULTS.md §11c). Audited as reports_due; the
    caller commits (the worklist, with its own audit event: one commit for both)."""
    due = _due_sorted(actor, on)
    names, cases = {}, {}
    if due:
        for student_id, given, family, case_id in db.session.execute(
                # reach: the students of rows already read within the actor's reach
                select(Student.id, Student.given_name, Student.family_name, Case.id)
                .outerjoin(Case, and_(Case.student_id == Student.id, Case.status == OPEN))
                .where(Student.id.in_({row.student_id for row in due}))):
            names[student_id] = f"{given} {family}"
            if case_id is not None:
                cases[student_id] = case_id
    for row in due:
        row.case_id = cases.get(row.student_id)
    audit.record(actor, "attendance.reports_due", count=len(due))
    return [(row, names[row.student_id]) for row in due]


def reports_due_for_case(actor, case, on):
    """`reports_due` of the student of `case`, for its page: the actor sees the case (its
    read audited), so the student is in their reach and the rows get that student and,
    when the case is open (the student's one open case), the case, without reading them
    again (three queries fewer, issue 12). :raise Forbidden: as reports_due."""
    if not access.may_report_to_duo(actor):
        raise Forbidden()
    if case.status != OPEN:
        return reports_due(actor, on, case.student_id)
    # reach: the student of a case the actor is on is in the actor's reach
    due = sorted(due_rows.due_of(Student.id == case.student_id, on, one=True), key=due_rows.order)
    for row in due:
        row.student, row.case_id, row.case_visible = case.student, case.id, True
    return due
