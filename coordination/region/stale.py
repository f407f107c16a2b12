"""What makes the region's stored figures of a school stale (region/stored.py): one
listener on the ORM session, and `mark` for writers beside it. Models only, so that the
signal state's invalidation (signals/invalidation.py) can call it.

A school's figures are stale when its stamp is for another day, or when its `version`
was raised after they were counted. What raises it, in the writer's transaction:
- the listener, for every row added, changed or deleted in a flush that a figure counts:
  a student (their school, level, municipality; the old school too when they move), a
  case (open, closed, tier, follow-up), a tier change, a stored did-tier-2-help verdict,
  a signal episode, a DUO report made, a leaving or enrolment, an agreement or its
  revision, a meeting or its decision;
- `signals.invalidation.invalidate` (a student's signal inputs changed, so their stored
  verdict is no longer fresh, also for bulk writes beside the ORM), the signal state's
  `store` (the due reports, written in bulk) and `rebuild`, and the retention purge.
"""
from sqlalchemy import event, inspect, or_, select, true, update
from sqlalchemy.orm import Session

from coordination.agreements.models import Agreement, AgreementRevision
from coordination.attendance.models import DuoReport
from coordination.cases.models import Case
from coordination.followup.models import Deregistration, Enrolment
from coordination.meetings.models import Decision, Meeting
from coordination.region.models import RegionFigureStamp
from coordination.signals.models import SignalEpisode, Tier2Effect
from coordination.students.models import Student
from coordination.tiers.models import TierChange

STAMPS = RegionFigureStamp.__table__

# Per model, the column naming the row that leads to its school, and, for changes, the
# attributes a figure reads (None: any change).
_BY_STUDENT = {SignalEpisode: None, DuoReport: None, Enrolment: None, Deregistration: None,
               Case: ("status", "tier", "followup", "opened_at", "closed_at")}
_BY_CASE = {TierChange: None, Tier2Effect: None, Agreement: None, Meeting: None}
_STUDENT_FIELDS = ("school_id", "level", "municipality_key")


# ------------------------------------------------------------------------- staleness

def mark(session, schools=None, students=None, cases=None, agreements=None, meetings=None,
         every=False):
    """Make stale, in the session's transaction, the stored figures of the given schools,
    of the schools of the given students, cases, agreements or meetings (ids, or a
    SELECT of ids), or of every school."""
    conditions = []
    if _given(schools):
        conditions.append(STAMPS.c.school_id.in_(_ids(schools)))
    # reach: bookkeeping of stored figures after a write; nothing is read or shown
    if _given(students):
        conditions.append(STAMPS.c.school_id.in_(
            select(Student.school_id).where(Student.id.in_(_ids(students)))))
    for ids, via in ((cases, Case.id), (agreements, Agreement.id), (meetings, Meeting.id)):
        if not _given(ids):
            continue
        ids = _ids(ids)
        # reach: as above
        stmt = select(Student.school_id).join(Case, Case.student_id == Student.id)
        if via is Agreement.id:
            stmt = stmt.join(Agreement, Agreement.case_id == Case.id)
        elif via is Meeting.id:
            stmt = stmt.join(Meeting, Meeting.case_id == Case.id)
        conditions.append(STAMPS.c.school_id.in_(stmt.where(via.in_(ids))))
    if not conditions and not every:
        return
    # Core, on the flush's connection: no ORM bookkeeping inside a flush.
    session.connection().execute(update(STAMPS).where(true() if every else or_(*conditions))
                                 .values(version=STAMPS.c.version + 1))


def _given(ids):
    """Ids given: a non-empty collection, or a SELECT of them."""
    if ids is None:
        return False
    return len(ids) > 0 if isinstance(ids, (list, set, tuple, frozenset)) else True


def _ids(ids):
    return list(ids) if isinstance(ids, (set, frozenset, tuple)) else ids


def _changed(obj, fields):
    state = inspect(obj)
    return any(state.attrs[name].history.has_changes() for name in fields)


def _fed(obj, changed_only):
    """[(kind, value)] of the figures `obj` feeds."""
    kind = type(obj)
    if kind is Student:
        if changed_only and not _changed(obj, _STUDENT_FIELDS):
            return []
        return [("school", obj.school_id)]
    if kind in _BY_STUDENT:
        fields = _BY_STUDENT[kind]
        if changed_only and fields and not _changed(obj, fields):
            return []
        return [("student", obj.student_id)]
    if kind in _BY_CASE:
        return [("case", obj.case_id)]
    if kind is AgreementRevision:
        return [("agreement", obj.agreement_id)]
    if kind is Decision:
        return [("meeting", obj.meeting_id)]
    return []


def _apply(session, pending):
    found = {}
    for kind, value in pending:
        if value is not None:
            found.setdefault(kind, set()).add(value)
    if found:
        mark(session, schools=found.get("school"), students=found.get("student"),
             cases=found.get("case"), agreements=found.get("agreement"),
             meetings=found.get("meeting"))


@event.listens_for(Session, "before_flush")
def _before(session, _context, _instances):
    # Deleted rows, and the school a changed student is leaving: read what the rows name
    # now, while the database still holds them as they were.
    pending = set()
    for obj in session.deleted:
        pending.update(_fed(obj, False))
    for obj in session.dirty:
        if isinstance(obj, Student) and _changed(obj, _STUDENT_FIELDS):
            pending.add(("student", obj.id))
    _apply(session, pending)


@event.listens_for(Session, "after_flush")
def _after(session, _context):
    # New and changed rows after the flush: their ids and foreign keys are set by now
    # (also those given as relationships), their changes still visible.
    pending = set()
    for objects, changed_only in ((session.new, False), (session.dirty, True)):
        for obj in objects:
            pending.update(_fed(obj, changed_only))
    _apply(session, pending)
