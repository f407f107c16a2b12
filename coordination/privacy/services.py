"""The rights of the people in the file (AVG): everything about one student, and the
retention purge of closed cases (and of students with nothing left).

Both walk the schema (`db.metadata`) instead of naming tables, so a table added later
that hangs off a case or a student is exported and purged without a change here.
The privacy officer of the region is the `admin` role: it manages accounts and reads no
case, and this export is the one place where it reaches a student, by id.
"""
from datetime import date, datetime, time
from decimal import Decimal

from flask import current_app
from sqlalchemy import exists, or_, select

from coordination import access
from coordination.accounts.models import ADMIN
from coordination.audit import services as audit
from coordination.audit.models import AuditEvent
from coordination.cases.models import CLOSED, Case
from coordination.database import purging
from coordination.errors import Forbidden, NotFound
from coordination.extensions import db
from coordination.region import stale as region_stale
from coordination.rules.retention import DEFAULT_RETENTION_YEARS, retention_cutoff
from coordination.scheduler import services as scheduler
from coordination.scheduler.models import ScheduledItem
from coordination.students.models import Student
from coordination.timeutil import AMSTERDAM, as_utc

# Never exported: secrets that are no information about the person.
SECRET_COLUMNS = frozenset({"token_hash", "password_hash"})
# At most this many cases, and students, per purge run; the rest follow at the next run.
PURGE_BATCH = 200
# The purge runs once a day, at night (Dutch time).
PURGE_AT = time(3, 0)


def _owned_by(root):
    """Tables whose rows belong to a row of `root`, directly or through another such
    table: {table: [(column, parent column)]}, parents before children. The audit log
    has no foreign keys to cases or students and is never among them."""
    owners, links = {root}, {}
    for table in db.metadata.sorted_tables:
        found = [(fk.parent, fk.column) for fk in table.foreign_keys
                 if fk.column.table.name in owners and fk.column.table is not table]
        if found and table.name != root:
            owners.add(table.name)
            links[table] = found
    return links


def _rows_of(table, links, root_ids, root):
    """A WHERE clause: the rows of `table` that belong to the root rows `root_ids`."""
    conditions = []
    for column, parent_column in links[table]:
        parent = parent_column.table
        if parent.name == root:
            conditions.append(column.in_(root_ids))
        else:
            conditions.append(column.in_(
                select(parent_column).where(_rows_of(parent, links, root_ids, root))))
    return or_(*conditions)


def _plain(value):
    if isinstance(value, datetime):
        return as_utc(value).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.isoformat(timespec="minutes")
    if isinstance(value, Decimal):
        return str(value)
    return value


def _row_json(table, row):
    return {c.name: _plain(row._mapping[c]) for c in table.columns
            if c.name not in SECRET_COLUMNS}


# ---------------------------------------------------------------------------- export

def student_to_export(actor, student_id):
    """The student, for an admin (the privacy officer), found directly by id.

    :raise 404: no such student; or not an admin and the student is outside their reach.
    :raise 403: not an admin, for a student the caller may see.
    """
    if actor.role != ADMIN:
        access.student_for(actor, student_id)
        raise Forbidden()
    student = db.session.get(Student, student_id)
    if student is None:
        raise NotFound()
    return student


def export_student(actor, student_id):
    """Everything Regie holds about one student, as plain JSON-ready data: the student,
    every table that hangs off the student or one of their cases, the people and schools
    those rows name, and the audit events about the student or their cases. Audited
    (the export itself is in it). Commits.

    :raise 404, 403: see `student_to_export`.
    """
    student = student_to_export(actor, student_id)
    audit.record(actor, "student.export", student=student)
    db.session.commit()
    students = db.metadata.tables["students"]
    data = {"student": _row_json(students, db.session.execute(
        select(students).where(students.c.id == student.id)).one())}
    # reach: the admin as privacy officer exports one student (AVG)
    case_ids = list(db.session.scalars(select(Case.id).where(Case.student_id == student.id)))
    links = _owned_by("students")  # the student's cases and everything under them too
    for table in links:
        rows = db.session.execute(select(table).where(_rows_of(table, links, [student.id],
                                                               "students"))
                                  .order_by(*table.primary_key.columns)).all()
        data[table.name] = [_row_json(table, r) for r in rows]
    events = db.session.scalars(select(AuditEvent).where(or_(
        AuditEvent.student_id == student.id, AuditEvent.case_id.in_(case_ids)))
        .order_by(AuditEvent.id))
    data["audit"] = [_row_json(AuditEvent.__table__, _Row(e)) for e in events]
    data["people"], data["schools"] = _named(data)
    return data


class _Row:
    """An ORM object seen through the same `_mapping` as a Core row."""

    def __init__(self, obj):
        self._mapping = {c: getattr(obj, c.key) for c in obj.__table__.columns}


def _named(data):
    """The users and schools that the exported rows refer to by id (names and roles only)."""
    users = db.metadata.tables["users"]
    schools = db.metadata.tables["schools"]
    user_ids, school_ids = set(), set()
    for name, rows in data.items():
        table = db.metadata.tables.get("audit_events" if name == "audit" else name)
        rows = [rows] if isinstance(rows, dict) else rows
        if table is None:
            continue
        for fk in table.foreign_keys:
            target = user_ids if fk.column.table is users else (
                school_ids if fk.column.table is schools else None)
            if target is not None:
                target.update(r[fk.parent.name] for r in rows if r[fk.parent.name] is not None)
    user_ids.update(r["actor_id"] for r in data["audit"] if r["actor_id"] is not None)
    people = [{"id": r.id, "name": r.name, "role": r.role} for r in db.session.execute(
        select(users.c.id, users.c.name, users.c.role).where(users.c.id.in_(user_ids))
        .order_by(users.c.id))]
    places = [{"id": r.id, "name": r.name, "brin": r.brin} for r in db.session.execute(
        select(schools.c.id, schools.c.name, schools.c.brin)
        .where(schools.c.id.in_(school_ids)).order_by(schools.c.id))]
    return people, places


# ----------------------------------------------------------------------------- purge

def retention_years():
    return int(current_app.config.get("RETENTION_YEARS", DEFAULT_RETENTION_YEARS))


def _cutoff(now, years):
    return retention_cutoff(now, retention_years() if years is None else years)


def cases_due_for_purge(now, years=None):
    """Closed cases whose retention period has passed (a batch, oldest first)."""
    # reach: the retention purge (scheduler); no reader
    return db.session.scalars(select(Case).where(
        Case.status == CLOSED, Case.closed_at.is_not(None),
        Case.closed_at < _cutoff(now, years))
        .order_by(Case.closed_at, Case.id).limit(PURGE_BATCH)).all()


def students_due_for_purge(now, years=None):
    """Students with no case left and nothing recorded about them within the retention
    period: registered before it, and every row that names them directly (absences,
    enrolments, leaving, DUO reports, and any table added later with a timestamp) older."""
    cutoff = _cutoff(now, years)
    students = db.metadata.tables["students"]
    conditions = [students.c.created_at < cutoff,
                  ~exists().where(Case.student_id == students.c.id)]
    for table in db.metadata.sorted_tables:
        stamp = table.c.get("created_at", table.c.get("at"))
        for fk in table.foreign_keys:
            if fk.column.table is students and table is not students and stamp is not None:
                conditions.append(~exists().where(fk.parent == students.c.id, stamp >= cutoff))
    # reach: the retention purge (scheduler); no reader
    return db.session.scalars(select(Student).where(*conditions)
                              .order_by(Student.id).limit(PURGE_BATCH)).all()


def _delete_tree(root, ids):
    """Delete the `root` rows and everything that belongs to them, children first."""
    links = _owned_by(root)
    for table in reversed(list(links)):
        db.session.execute(table.delete().where(_rows_of(table, links, ids, root)))
    table = db.metadata.tables[root]
    db.session.execute(table.delete().where(table.c.id.in_(ids)))


def purge_expired(now, years=None):
    """Delete every row of each closed case whose retention period has passed, in all
    tables (append-only ones included, through the one narrow way `purging` opens), then
    every student with no case left and no recent activity, with all their rows. Each
    leaves a tombstone audit event: ids and dates, no content. Audit events stay as they
    are. The caller commits (the scheduler, with its due item).

    Returns {"cases": [purged case ids], "students": [purged student ids]}."""
    years = retention_years() if years is None else years
    purged = {"cases": [], "students": []}
    with purging(db.session):
        for case in cases_due_for_purge(now, years):
            audit.record(None, "case.purge", case=case, closed_at=_plain(case.closed_at),
                         purged_at=_plain(now), retention_years=years)
            region_stale.mark(db.session, students=[case.student_id])
            _delete_tree("cases", [case.id])
            db.session.expunge(case)
            purged["cases"].append(case.id)
        for student in students_due_for_purge(now, years):
            audit.record(None, "student.purge", student=student, purged_at=_plain(now),
                         retention_years=years)
            region_stale.mark(db.session, schools=[student.school_id])
            _delete_tree("students", [student.id])
            db.session.expunge(student)
            purged["students"].append(student.id)
        db.session.flush()
    return purged


def purge_and_commit(now, years=None):
    """`purge_expired`, committed (for the command line and tests)."""
    purged = purge_expired(now, years)
    db.session.commit()
    return purged


def _may_have_work(now):
    """A cheap test run every tick: a closed case past the period, or a student
    registered before it who has no case (whose activity the purge itself checks)."""
    cutoff = _cutoff(now, None)
    # reach: the retention purge (scheduler); no reader
    case = select(Case.id).where(Case.status == CLOSED, Case.closed_at < cutoff).limit(1)
    student = select(Student.id).where(Student.created_at < cutoff, ~exists().where(
        Case.student_id == Student.id)).limit(1)
    return (db.session.scalar(case) or db.session.scalar(student)) is not None


def plan_purge(now):
    """Plan today's purge run once, and only while there may be something to purge
    (planning twice changes nothing). Commits."""
    today = now.astimezone(AMSTERDAM).date()
    key = f"retention_purge:{today.isoformat()}"
    if db.session.scalar(select(ScheduledItem.id).where(ScheduledItem.key == key)) is None \
            and _may_have_work(now):
        scheduler.plan(key, "retention_purge", datetime.combine(today, PURGE_AT,
                                                                tzinfo=AMSTERDAM))
    db.session.commit()


def on_purge_due(_item, now):
    """The scheduler's handler; it commits with the due item."""
    purge_expired(now)
