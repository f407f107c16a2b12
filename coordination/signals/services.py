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
test_signal_state.py proves it after random sequences of changes).
"""
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import and_, delete, exists, func, insert, or_, select, true, update

from coordination import access
from coordination.attendance import services as attendance
from coordination.audit import services as audit
from coordination.cases.models import OPEN, Case
from coordination.database import WriteTurns
from coordination.errors import Forbidden
from coordination.extensions import db
from coordination.paging import PER_PAGE, Page
from coordination.region import stale as region_stale
from coordination.rules import signals as rules
from coordination.signals.invalidation import invalidate
from coordination.signals.models import DueReportState, SignalEpisode, SignalStamp
from coordination.students.models import Student
from coordination.timeutil import AMSTERDAM

STAMPS = SignalStamp.__table__
CHUNK = 1000  # students recomputed per round: bounds memory, whatever the region's size


def _stale(on, where):
    # reach: `where` is the caller's condition (the scheduler: every student)
    return (select(Student).where(where, ~exists().where(
        SignalStamp.student_id == Student.id, SignalStamp.on == on)).order_by(Student.id))


def _store_episodes(students, on, states):
    ids = [s.id for s in students]
    holding = {(e.student_id, e.code, e.since): e for e in db.session.scalars(
        select(SignalEpisode).where(SignalEpisode.student_id.in_(ids),
                                    SignalEpisode.until.is_(None)))}
    seen = set()
    for student in students:
        for signal in states[student.id].signals:
            key = (student.id, signal.code, signal.since)
            episode = holding.get(key)
            if episode is None:
                db.session.add(SignalEpisode(student_id=student.id, school_id=student.school_id,
                                             code=signal.code, since=signal.since,
                                             details=dict(signal.details)))
                continue
            seen.add(key)
            if episode.details != signal.details or episode.school_id != student.school_id:
                episode.details, episode.school_id = dict(signal.details), student.school_id
    for key, episode in holding.items():
        if key in seen:
            continue
        if episode.since < on:
            episode.until = on - timedelta(days=1)  # seen true up to yesterday at most
        else:
            db.session.delete(episode)  # it held only on a state of today now replaced


def _versions(ids):
    return dict(db.session.execute(select(SignalStamp.student_id, SignalStamp.version).where(
        SignalStamp.student_id.in_(ids))).all())


def store(students, on, states, versions):
    """Store `states` (compute_states on `on`) of `students`, and mark each fresh if its
    stamp still has the version read before computing (`versions`): a change committed
    meanwhile leaves it stale, to be computed again."""
    ids = [s.id for s in students]
    _store_episodes(students, on, states)
    db.session.execute(delete(DueReportState).where(DueReportState.student_id.in_(ids)))
    due = [{"student_id": s.id, "school_id": s.school_id, "code": r.code, "start": r.start,
            "end": r.end, "hours": r.hours, "deadline": r.deadline,
            "calendar_missing": r.calendar_missing}
           for s in students for r in states[s.id].due]
    if due:
        db.session.execute(insert(DueReportState), due)
    region_stale.mark(db.session, students=ids)  # the due reports they count
    for student in students:
        version = versions.get(student.id)
        values = {"on": on, "calendar_missing": states[student.id].calendar_missing}
        if version is None:  # created beside the ORM: no stamp yet
            db.session.execute(insert(STAMPS).values(student_id=student.id, version=0,
                                                     **values))
        else:
            db.session.execute(update(STAMPS).where(
                STAMPS.c.student_id == student.id, STAMPS.c.version == version).values(**values))
    db.session.flush()


def refresh_stale(on, where=None):
    """Compute and store the state on `on` of the stale students matching `where` (a
    condition on Student; all when None), CHUNK at a time, each chunk committed and the
    session emptied: the scheduler's work, never a web request's. Returns the number of
    students computed."""
    where = true() if where is None else where
    done, last_id = 0, 0
    turns = WriteTurns()
    while True:
        # Another scheduler skips the students this one is computing (PostgreSQL).
        students = db.session.scalars(_stale(on, and_(where, Student.id > last_id))
                                      .limit(CHUNK)
                                      .with_for_update(skip_locked=True, of=Student)).all()
        if not students:
            return done
        versions = _versions([s.id for s in students])
        store(students, on, attendance.compute_states(students, on), versions)
        done, last_id = done + len(students), students[-1].id
        db.session.commit()  # the identity map holds rows weakly: memory stays bounded
        turns.give_way()


def rebuild(on, school_id=None):
    """Throw away the stored state (of one school) and compute it again. Commits."""
    if school_id is None:
        db.session.execute(update(STAMPS).values(on=None, version=STAMPS.c.version + 1))
        region_stale.mark(db.session, every=True)
    else:
        invalidate(db.session, schools=[school_id])
    db.session.commit()
    where = None if school_id is None else Student.school_id == school_id
    return refresh_stale(on, where)


def refresh_due(now):
    """Every tick (jobs.QUEUES): store the state for today of the students whose inputs
    changed since the last tick, and once a day, of every student (the date alone changes
    what the windows hold)."""
    return refresh_stale(now.astimezone(AMSTERDAM).date())


# ------------------------------------------------------------------------------- reading

# API.md "Signal codes", in its order: how a student's signals are listed.
ORDER = ("duo_16h_4w", "duo_long_relative", "duo_luxury", "rmc_28d", "problematic_25pct_2w",
         "problematic_10d_15w", "mazl_frequent_sick", "mazl_long_sick", "suspension_too_long",
         "suspension_notify_inspectorate", "absolute_verzuim", "thuiszitter")


def _rank(signal):
    return (ORDER.index(signal.code) if signal.code in ORDER else len(ORDER), signal.since)


def _fresh(on):
    return exists().where(SignalStamp.student_id == Student.id, SignalStamp.on == on)


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


def due_of(where, on):
    """Every report due on `on` for the students matching `where` (a condition on
    Student): the fresh ones read in one query as plain rows (ids, no Student objects),
    the stale ones computed."""
    stored = db.session.execute(
        select(DueReportState.student_id, DueReportState.school_id, DueReportState.code,
               DueReportState.start, DueReportState.end, DueReportState.hours,
               DueReportState.deadline, DueReportState.calendar_missing)
        .join(Student, Student.id == DueReportState.student_id).where(where, _fresh(on)))
    due = [attendance.ReportDue(None, None, code, start, end, hours, deadline, missing,
                                student_id=student_id, school_id=school_id)
           for student_id, school_id, code, start, end, hours, deadline, missing in stored]
    # reach: `where` is the reader's reach (reports_due passes access.reach)
    stale = db.session.scalars(select(Student).where(where, ~_fresh(on))).all()
    if stale:
        states = attendance.compute_states(stale, on)
        due.extend(row for s in stale for row in states[s.id].due)
    return due


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


def _due_sorted(actor, on, student_id=None):
    if not access.may_report_to_duo(actor):
        raise Forbidden()
    where = access.reach(actor)
    if student_id is not None:
        where = and_(where, Student.id == student_id)
    return sorted(due_of(where, on), key=_order)


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


STORED_DUE = (DueReportState.student_id, DueReportState.school_id, DueReportState.code,
              DueReportState.start, DueReportState.end, DueReportState.hours,
              DueReportState.deadline, DueReportState.calendar_missing)


def _stored_rows(query):
    return [attendance.ReportDue(None, None, code, start, end, hours, deadline, missing,
                                 student_id=student_id, school_id=school_id)
            for student_id, school_id, code, start, end, hours, deadline, missing
            in db.session.execute(query)]


def _stale_ids(where, on):
    """Ids of the students matching `where` (the reader's reach) whose stored state is not
    for `on`: found from the stale stamps (ranges of the index on `on`: few, a tick after
    a change) rather than by checking the stamp of every student in reach. Students with
    no stamp at all (created beside the ORM, until the scheduler's pass) are looked for
    only when there are any: a stamp names an existing student (foreign key), so there
    are as many as students minus stamps."""
    stale = select(SignalStamp.student_id).where(or_(
        SignalStamp.on.is_(None), SignalStamp.on < on, SignalStamp.on > on))
    # reach: `where` is the reader's reach; ids only
    ids = db.session.scalars(select(Student.id).where(where, Student.id.in_(stale))).all()
    unstamped = db.session.scalar(select(
        select(func.count()).select_from(Student).scalar_subquery()
        - select(func.count()).select_from(SignalStamp).scalar_subquery()))
    if unstamped:
        # reach: as above
        ids += db.session.scalars(select(Student.id).where(where, ~exists().where(
            SignalStamp.student_id == Student.id))).all()
    return ids


def reports_due_page(actor, on, number, where=DueFilter(), per_page=PER_PAGE):
    """(how many reports are due in all, the ids of their schools, the page `number` of
    those that pass the filter `where`), oldest end first. The stored rows are counted,
    ordered and paged by the database, and only the page's rows are built and get their
    students and cases: the page costs the reports shown, not the reports in reach. The
    stale students of the reach (changed since the scheduler's last tick) are computed
    and merged, as in `due_of`."""
    if not access.may_report_to_duo(actor):
        raise Forbidden()
    reach = access.reach(actor)
    stale_ids = _stale_ids(reach, on)
    computed = []
    if stale_ids:
        # reach: the stale students just read within the actor's reach
        stale = db.session.scalars(select(Student).where(Student.id.in_(stale_ids))).all()
        states = attendance.compute_states(stale, on)
        computed = [row for s in stale for row in states[s.id].due]
    # A fresh student's stored rows name their school (a move makes them stale): the
    # reach's school arm on the rows lets the database walk the due reports (a few
    # thousand in a region) instead of every student of the linked schools (30,000).
    stored = (select(*STORED_DUE).join(Student, Student.id == DueReportState.student_id)
              .where(access.reach(actor, DueReportState.school_id), _fresh(on)))
    by_school = dict(db.session.execute(
        stored.with_only_columns(DueReportState.school_id, func.count())
        .group_by(DueReportState.school_id)).all())
    total = sum(by_school.values()) + len(computed)
    school_ids = set(by_school) | {row.school_id for row in computed}
    conditions = where.conditions(on)
    computed = sorted((row for row in computed if where.keeps(row, on)), key=_order)
    shown = sum(by_school.values()) if not conditions else db.session.scalar(
        stored.with_only_columns(func.count()).where(*conditions))
    shown += len(computed)
    pages = max(1, -(-shown // per_page))
    number = min(max(number or 1, 1), pages)
    start = (number - 1) * per_page
    ordered = stored.where(*conditions).order_by(
        DueReportState.end, DueReportState.student_id, DueReportState.code)
    if computed:  # merge: the stored rows up to the page's end, then the page of both
        rows = sorted(_stored_rows(ordered.limit(start + per_page)) + computed, key=_order)
        rows = rows[start:start + per_page]
    else:
        rows = _stored_rows(ordered.limit(per_page).offset(start))
    _attach(actor, rows)
    audit.record(actor, "attendance.reports_due", count=total)
    db.session.commit()
    return total, school_ids, Page(rows, number, shown, per_page)
