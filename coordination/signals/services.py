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
test_signal_state.py proves it after random sequences of changes). Storing is in store.py.
"""
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import and_, exists, func, or_, select

from coordination import access
from coordination.attendance import services as attendance
from coordination.audit import services as audit
from coordination.cases.models import OPEN, Case
from coordination.errors import Forbidden
from coordination.extensions import db
from coordination.paging import PER_PAGE, Page
from coordination.rules import signals as rules
from coordination.signals.models import DueReportState, SignalEpisode, SignalStamp
from coordination.signals.store import fresh
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


STORED_DUE = (DueReportState.student_id, DueReportState.school_id, DueReportState.code,
              DueReportState.start, DueReportState.end, DueReportState.hours,
              DueReportState.deadline, DueReportState.calendar_missing)


def _stored_due(where, on):
    """A SELECT of the stored reports due of the fresh students matching `where`."""
    return (select(*STORED_DUE).join(Student, Student.id == DueReportState.student_id)
            .where(where, fresh(on)))


def _stored_rows(query):
    return [attendance.ReportDue(None, None, code, start, end, hours, deadline, missing,
                                 student_id=student_id, school_id=school_id)
            for student_id, school_id, code, start, end, hours, deadline, missing
            in db.session.execute(query)]


def _stale_id(where, on):
    """The id of the one student matching `where` if their stored state is not for `on`
    or they have none (one query by the primary key: no counting of whole tables for a
    student's own page), as a list."""
    # reach: `where` is the reader's reach and one student; ids only
    return db.session.scalars(select(Student.id).where(where, ~fresh(on))).all()


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


def _computed_due(where, on, one=False):
    """The reports due of the stale students matching `where`, computed from the rows
    (`one`: `where` names one student)."""
    stale_ids = _stale_id(where, on) if one else _stale_ids(where, on)
    if not stale_ids:
        return []
    # reach: the stale students just read within `where`
    stale = db.session.scalars(select(Student).where(Student.id.in_(stale_ids))).all()
    states = attendance.compute_states(stale, on)
    return [row for s in stale for row in states[s.id].due]


def due_of(where, on, one=False):
    """Every report due on `on` for the students matching `where` (a condition on
    Student; `one`: it names one student): the fresh ones read in one query as plain rows
    (ids, no Student objects), the stale ones computed."""
    return _stored_rows(_stored_due(where, on)) + _computed_due(where, on, one)


def _attach(actor, rows):
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


def _order(row):
    return (row.end, row.student_id, row.code)


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


def _fresh_rows(on):
    """A condition on DueReportState: the row's student's stored state is for `on`."""
    return exists().where(SignalStamp.student_id == DueReportState.student_id,
                          SignalStamp.on == on)


def _stored_in_reach(actor, on):
    """A SELECT of the stored reports due on `on` of the fresh students in the actor's
    reach: the reach on the rows' own columns, not joined to every student of the region.
    With the reach on the rows' own columns the database walks each arm's index
    (MULTI-INDEX OR on SQLite), the rows of the reach rather than every stored row of the
    region joined to its student (bench/RESULTS.md §9b: 9 ms at 1×, 42 ms at 4× for an
    officer of 1 school; now 0.6 ms at both); PostgreSQL walked all 30,000 students for
    the reach's OR: 16-34 ms of the worklist, §11c."""
    return select(*STORED_DUE).where(
        access.reach(actor, DueReportState.school_id, DueReportState.student_id),
        _fresh_rows(on))


def _due_sorted(actor, on, student_id=None):
    if not access.may_report_to_duo(actor):
        raise Forbidden()
    where = access.reach(actor)
    if student_id is not None:
        where = and_(where, Student.id == student_id)
        return sorted(due_of(where, on, one=True), key=_order)
    stored = _stored_rows(_stored_in_reach(actor, on))
    return sorted(stored + _computed_due(where, on), key=_order)


def reports_due(actor, on, student_id=None):
    """Reports due on `on` for the students the actor may see, oldest end first, each with
    its student and open case (or None: then the list proposes opening one). With
    `student_id`, only that student's, not audited again: the caller audited its read of
    that student or case."""
    due = _due_sorted(actor, on, student_id)
    _attach(actor, due)
    if student_id is None:
        audit.record(actor, "attendance.reports_due", count=len(due))
        db.session.commit()
    return due


def reports_due_named(actor, on):
    """The reports of `reports_due(actor, on)` for a list that shows only the students'
    names and links to their open cases (the worklist): [(row, name)], each row with its
    `case_id`, no Student objects and no `case_visible`. One query for the names and the
    open cases instead of `_attach`'s three, which built an object per student (224 for a
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
    due = sorted(due_of(Student.id == case.student_id, on, one=True), key=_order)
    for row in due:
        row.student, row.case_id, row.case_visible = case.student, case.id, True
    return due


@dataclass(frozen=True)
class DueFilter:
    """The filters of the reports-due list: a school, a report code, and the deadline
    ("overdue": passed; "week": within seven days from `on`); None or "" is any."""

    school_id: int | None = None
    code: str | None = None
    deadline: str | None = None

    def conditions(self, on):
        """The filter as conditions on DueReportState (the stored rows)."""
        found = []
        if self.school_id:
            found.append(DueReportState.school_id == self.school_id)
        if self.code:
            found.append(DueReportState.code == self.code)
        if self.deadline == "overdue":
            found.append(DueReportState.deadline < on)
        elif self.deadline == "week":
            found.append(DueReportState.deadline.between(on, on + timedelta(days=7)))
        return found

    def keeps(self, row, on):
        """The same filter on a computed row (a stale student's)."""
        return ((not self.school_id or row.school_id == self.school_id)
                and (not self.code or row.code == self.code)
                and (self.deadline != "overdue" or row.overdue(on))
                and (self.deadline != "week" or on <= row.deadline <= on + timedelta(days=7)))


def reports_due_page(actor, on, number, where=DueFilter(), per_page=PER_PAGE):
    """(how many reports are due in all, the ids of their schools, the page `number` of
    those that pass the filter `where`), oldest end first. The stored rows are counted,
    ordered and paged by the database, and only the page's rows are built and get their
    students and cases: the page costs the reports shown, not the reports in reach. The
    stale students of the reach (changed since the scheduler's last tick) are computed
    and merged, as in `due_of`."""
    if not access.may_report_to_duo(actor):
        raise Forbidden()
    computed = _computed_due(access.reach(actor), on)
    # A fresh student's stored rows name their school (a move makes them stale): the
    # reach's school arm on the rows lets the database walk the due reports in the
    # list's order and stop at the page's end (cheap when the reach holds many of them)
    # instead of every student of the linked schools (30,000).
    stored = _stored_due(access.reach(actor, DueReportState.school_id), on)
    counted = _stored_in_reach(actor, on)  # the counts see every row in reach
    by_school = dict(db.session.execute(
        counted.with_only_columns(DueReportState.school_id, func.count())
        .group_by(DueReportState.school_id)).all())
    total = sum(by_school.values()) + len(computed)
    school_ids = set(by_school) | {row.school_id for row in computed}
    conditions = where.conditions(on)
    computed = sorted((row for row in computed if where.keeps(row, on)), key=_order)
    shown = sum(by_school.values()) if not conditions else db.session.scalar(
        counted.with_only_columns(func.count()).where(*conditions))
    page = _merged_page(stored.where(*conditions), computed, number,
                        shown + len(computed), per_page)
    _attach(actor, page.items)
    audit.record(actor, "attendance.reports_due", count=total)
    db.session.commit()
    return total, school_ids, page


@dataclass(frozen=True)
class SchoolDue:
    """The reports due at one school: how many, how many overdue, the earliest deadline."""

    count: int
    overdue: int
    earliest: date


def reports_due_by_school(actor, on):
    """{school id: SchoolDue} of the reports due on `on` for the students the actor may
    see (those `reports_due` lists): the stored rows counted by the database (one GROUP BY
    over the reach, no row built), the stale students computed and added. Figures, no
    student named: not audited.

    :raise Forbidden: as reports_due.
    """
    if not access.may_report_to_duo(actor):
        raise Forbidden()
    found = {school_id: SchoolDue(count, overdue, earliest)
             for school_id, count, overdue, earliest in db.session.execute(
                 _stored_in_reach(actor, on).with_only_columns(
                     DueReportState.school_id, func.count(),
                     func.count().filter(DueReportState.deadline < on),
                     func.min(DueReportState.deadline))
                 .group_by(DueReportState.school_id))}
    for row in _computed_due(access.reach(actor), on):
        was = found.get(row.school_id, SchoolDue(0, 0, row.deadline))
        found[row.school_id] = SchoolDue(was.count + 1, was.overdue + row.overdue(on),
                                         min(was.earliest, row.deadline))
    return found


def _merged_page(stored, computed, number, shown, per_page):
    """Page `number` of the stored rows (a SELECT) and the computed ones (sorted), in
    `_order`; `shown`: how many both hold."""
    pages = max(1, -(-shown // per_page))
    number = min(max(number or 1, 1), pages)
    start = (number - 1) * per_page
    ordered = stored.order_by(DueReportState.end, DueReportState.student_id,
                              DueReportState.code)
    if computed:  # merge: the stored rows up to the page's end, then the page of both
        rows = sorted(_stored_rows(ordered.limit(start + per_page)) + computed, key=_order)
        rows = rows[start:start + per_page]
    else:
        rows = _stored_rows(ordered.limit(per_page).offset(start))
    return Page(rows, number, shown, per_page)
