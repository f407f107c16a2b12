"""The DUO reports due as rows (issue 12): the stored ones of the fresh students read as
plain rows, the stale students' computed from their rows by the pure rules (the
reading of signals.services), given their students and cases. Shared by the reads of
signals.services and the reports list of signals.due_list.
"""
from sqlalchemy import exists, or_, select

from coordination import access
from coordination.attendance import services as attendance
from coordination.cases.models import OPEN, Case
from coordination.extensions import db
from coordination.signals.models import DueReportState, SignalStamp
from coordination.signals.store import fresh
from coordination.students.models import Student

STORED_DUE = (DueReportState.student_id, DueReportState.school_id, DueReportState.code,
              DueReportState.start, DueReportState.end, DueReportState.hours,
              DueReportState.deadline, DueReportState.calendar_missing)


def stored_due(where, on):
    """A SELECT of the stored reports due of the fresh students matching `where`."""
    return (select(*STORED_DUE).join(Student, Student.id == DueReportState.student_id)
            .where(where, fresh(on)))


def stored_rows(query):
    """The rows a SELECT of STORED_DUE reads, as ReportDue (ids, no Student objects)."""
    return _as_due(db.session.execute(query))


def _as_due(rows):
    return [attendance.ReportDue(None, None, code, start, end, hours, deadline, missing,
                                 student_id=student_id, school_id=school_id)
            for student_id, school_id, code, start, end, hours, deadline, missing in rows]


def _one_due(where, on):
    """`due_of` of the one student matching `where`: their stamp's day and their stored
    rows in one query, computed only when the stamp is not for `on` (issue 12: one
    statement instead of two on every case page)."""
    # reach: `where` is the reader's reach and one student
    rows = db.session.execute(
        select(Student.id, SignalStamp.on, *STORED_DUE).where(where)
        .outerjoin(SignalStamp, SignalStamp.student_id == Student.id)
        .outerjoin(DueReportState, DueReportState.student_id == Student.id)).all()
    if not rows:
        return []
    if rows[0][1] != on:
        return _computed([rows[0][0]], on)
    return _as_due(row[2:] for row in rows if row[2] is not None)


def _stale_ids(where, on):
    """Ids of the students matching `where` (the reader's reach) whose stored state is not
    for `on`: found from the stale stamps (ranges of the index on `on`: few, a tick after
    a change) rather than by checking the stamp of every student in reach. Every student
    has a stamp from the moment they are added (the ORM's listener and the roster import:
    signals.invalidation), so no student is stale without one: nothing to count (the
    count of both whole tables cost the worklist 5-15 ms on PostgreSQL, §11c)."""
    stale = select(SignalStamp.student_id).where(or_(
        SignalStamp.on.is_(None), SignalStamp.on < on, SignalStamp.on > on))
    # reach: `where` is the reader's reach; ids only
    return db.session.scalars(select(Student.id).where(where, Student.id.in_(stale))).all()


def computed_due(where, on):
    """The reports due of the stale students matching `where`, computed from the rows."""
    stale_ids = _stale_ids(where, on)
    return _computed(stale_ids, on) if stale_ids else []


def _computed(stale_ids, on):
    # reach: the stale students just read within the caller's `where`
    stale = db.session.scalars(select(Student).where(Student.id.in_(stale_ids))).all()
    states = attendance.compute_states(stale, on)
    return [row for s in stale for row in states[s.id].due]


def due_of(where, on, one=False):
    """Every report due on `on` for the students matching `where` (a condition on
    Student; `one`: it names one student): the fresh ones read in one query as plain rows
    (ids, no Student objects), the stale ones computed."""
    if one:
        return _one_due(where, on)
    return stored_rows(stored_due(where, on)) + computed_due(where, on)


def fresh_rows(on):
    """A condition on DueReportState: the row's student's stored state is for `on`."""
    return exists().where(SignalStamp.student_id == DueReportState.student_id,
                          SignalStamp.on == on)


def stored_in_reach(actor, on):
    """A SELECT of the stored reports due on `on` of the fresh students in the actor's
    reach: the reach on the rows' own columns, not joined to every student of the region.
    With the reach on the rows' own columns the database walks each arm's index
    (MULTI-INDEX OR on SQLite), the rows of the reach rather than every stored row of the
    region joined to its student (bench/RESULTS.md §9b: 9 ms at 1×, 42 ms at 4× for an
    officer of 1 school; now 0.6 ms at both); PostgreSQL walked all 30,000 students for
    the reach's OR: 16-34 ms of the worklist, §11c."""
    return select(*STORED_DUE).where(
        access.reach(actor, DueReportState.school_id, DueReportState.student_id,
                     DueReportState.id),
        fresh_rows(on))


def attach(actor, rows):
    """Give the rows their students (one query) and open cases (two queries; none for
    no rows, as for most students on their case page)."""
    if not rows:
        return
    missing = {row.student_id for row in rows if row.student is None}
    if missing:
        # reach: the students of rows already read within the actor's reach
        students = {s.id: s for s in db.session.scalars(
            select(Student).where(Student.id.in_(missing)))}
        for row in rows:
            row.student = row.student or students[row.student_id]
    ids = {row.student_id for row in rows}
    # reach: the open cases of students already in the actor's reach (ids above)
    open_cases = dict(db.session.execute(select(Case.student_id, Case.id).where(
        Case.status == OPEN, Case.student_id.in_(ids))).all())
    mine = set(db.session.scalars(access.visible_cases(actor).with_only_columns(Case.id).where(
        Case.id.in_(list(open_cases.values())))))
    for row in rows:
        row.case_id = open_cases.get(row.student_id)
        row.case_visible = row.case_id in mine


def order(row):
    """The reports list's order: oldest end first."""
    return (row.end, row.student_id, row.code)
