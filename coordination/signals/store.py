"""Storing the signal state (issue 12): the scheduler computes the state of the students
whose inputs changed (stale) with the pure rules and stores it, in chunks; readers use
coordination.signals.services and never write.
"""
from datetime import timedelta

from sqlalchemy import and_, bindparam, delete, exists, insert, select, true, update

from coordination.attendance import services as attendance
from coordination.database import WriteTurns
from coordination.extensions import db
from coordination.region import stale as region_stale
from coordination.signals.invalidation import invalidate
from coordination.signals.models import DueReportState, SignalEpisode, SignalStamp
from coordination.students.models import Student
from coordination.timeutil import AMSTERDAM

STAMPS = SignalStamp.__table__
CHUNK = 1000  # students recomputed per round: bounds memory, whatever the region's size


def fresh(on):
    """A condition on Student: its stored state is for `on`."""
    return exists().where(SignalStamp.student_id == Student.id, SignalStamp.on == on)


def _stale(on, where):
    # reach: `where` is the caller's condition (the scheduler: every student)
    return select(Student).where(where, ~fresh(on)).order_by(Student.id)


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
    created, updated = [], []
    for student in students:
        version = versions.get(student.id)
        values = {"on": on, "calendar_missing": states[student.id].calendar_missing}
        if version is None:  # created beside the ORM: no stamp yet
            created.append({"student_id": student.id, "version": 0, **values})
        else:
            updated.append({"stamp_student": student.id, "stamp_version": version, **values})
    # One executemany each, not a statement a student (a round trip each on PostgreSQL).
    if created:
        db.session.execute(insert(STAMPS), created)
    if updated:
        db.session.execute(update(STAMPS).where(
            STAMPS.c.student_id == bindparam("stamp_student"),
            STAMPS.c.version == bindparam("stamp_version")), updated)
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
