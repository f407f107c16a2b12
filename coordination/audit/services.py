"""Writing and reading audit events. `record` adds an event to the session and the
calling service commits it with its own change; the readers here commit their own
event (reading the log is itself logged)."""
import csv
import io
import json
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import and_, func, or_, select

from coordination import access
from coordination.accounts.models import ADMIN, User
from coordination.audit.labels import ACCESS_LOG_READ, kind_of
from coordination.audit.log import record, record_denied  # noqa: F401  (the one way to write)
from coordination.audit.models import AuditEvent
from coordination.cases.models import CaseMember, CoordinatorHandover
from coordination.errors import NotFound
from coordination.extensions import db
from coordination.timeutil import AMSTERDAM, as_utc

PAGE_SIZE = 50
# Spreadsheets run cells that start with these as formulas: such cells get a leading '.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


# ------------------------------------------------------------------- the audit page

@dataclass(frozen=True)
class Filters:
    """What the audit page filters on; every field optional. Dates are Dutch calendar
    days, both inclusive."""
    user_email: str | None = None
    student_id: int | None = None
    case_id: int | None = None
    first: date | None = None
    last: date | None = None

    def as_detail(self):
        return {k: (v.isoformat() if isinstance(v, date) else v)
                for k, v in self.__dict__.items() if v is not None}


def _local_midnight(day):
    return datetime.combine(day, time(), tzinfo=AMSTERDAM)


def _filtered(filters):
    query = select(AuditEvent, User.name).outerjoin(User, User.id == AuditEvent.actor_id)
    if filters.user_email:
        query = query.where(func.lower(User.email) == filters.user_email.strip().lower())
    if filters.student_id is not None:
        query = query.where(AuditEvent.student_id == filters.student_id)
    if filters.case_id is not None:
        query = query.where(AuditEvent.case_id == filters.case_id)
    if filters.first is not None:
        query = query.where(AuditEvent.at >= _local_midnight(filters.first))
    if filters.last is not None:
        query = query.where(AuditEvent.at < _local_midnight(filters.last + timedelta(days=1)))
    return query


def _require_admin(actor):
    if actor.role != ADMIN:
        raise NotFound()


def search(actor, filters, before=None, page_size=None):
    """One page of events, newest first, older than event id `before` (keyset paging:
    every page costs the same). Returns (rows of (event, actor name), next cursor or
    None). Audited. Commits.

    :raise 404: not an admin.
    """
    _require_admin(actor)
    page_size = page_size or PAGE_SIZE
    query = _filtered(filters)
    if before is not None:
        query = query.where(AuditEvent.id < before)
    rows = db.session.execute(query.order_by(AuditEvent.id.desc()).limit(page_size + 1)).all()
    record(actor, "audit.read", **filters.as_detail(), **({"before": before} if before else {}))
    db.session.commit()
    more = len(rows) > page_size
    rows = rows[:page_size]
    return rows, (rows[-1][0].id if more and rows else None)


def _cell(value):
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


CSV_COLUMNS = ("id", "at", "actor_id", "actor_name", "actor_role", "action", "case_id",
               "student_id", "ip", "detail")


CSV_BATCH = 500


def export_csv(actor, filters, in_context):
    """Every event that matches, oldest first, as CSV text chunks: a generator that reads
    one batch of rows at a time (keyset) while the answer streams, each batch inside
    `in_context()` (a fresh app context: the request is over by then). The export is
    audited and committed before the first chunk.

    :raise 404: not an admin.
    """
    _require_admin(actor)
    record(actor, "audit.export", **filters.as_detail())
    db.session.commit()
    query = _filtered(filters).order_by(AuditEvent.id).limit(CSV_BATCH)

    def chunks():
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(CSV_COLUMNS)
        after = 0
        while True:
            with in_context():
                rows = db.session.execute(query.where(AuditEvent.id > after)).all()
            for event, name in rows:
                writer.writerow([_cell(v) for v in (
                    event.id, as_utc(event.at).isoformat(), event.actor_id, name,
                    event.actor_role, event.action, event.case_id, event.student_id, event.ip,
                    json.dumps(event.detail, ensure_ascii=False, sort_keys=True)
                    if event.detail else None)])
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
            if len(rows) < CSV_BATCH:
                return
            after = rows[-1][0].id

    return chunks()


# ------------------------------------------------- who looked at a case (for its team)

@dataclass(frozen=True)
class Access:
    at: datetime
    role: str
    name: str | None
    action: str
    kind: str


def team_roles(case):
    """Everyone who is or was on the team of this case: {user id: role on the case}.
    Members (also removed ones) by their member role; coordinators, past and present,
    by their seat."""
    roles = {}
    for member in db.session.scalars(select(CaseMember).where(CaseMember.case_id == case.id)
                                     .order_by(CaseMember.id)):
        roles[member.user_id] = member.role
    for handover in db.session.scalars(select(CoordinatorHandover).where(
            CoordinatorHandover.case_id == case.id)):
        for user_id in (handover.from_user_id, handover.to_user_id):
            if user_id is not None:
                roles.setdefault(user_id, "previous_coordinator")
    roles[case.coordinator_id] = "coordinator"
    return roles


def access_log(actor, case_id, before=None, page_size=None):
    """Who viewed or changed this case (and the details of its student), newest first:
    for everyone on the case, parents and youth included. Names only for people who are
    or were on the team; for others the role alone. No addresses. Reading it is audited
    (these meta-reads are left out of the list). Commits.

    :raise 404: the case is not visible.
    """
    case = access.case_for(actor, case_id)
    page_size = page_size or PAGE_SIZE
    team = team_roles(case)
    query = (select(AuditEvent, User.name).outerjoin(User, User.id == AuditEvent.actor_id)
             .where(or_(AuditEvent.case_id == case.id,
                        and_(AuditEvent.case_id.is_(None),
                             AuditEvent.student_id == case.student_id)),
                    AuditEvent.action != ACCESS_LOG_READ))
    if before is not None:
        query = query.where(AuditEvent.id < before)
    rows = db.session.execute(query.order_by(AuditEvent.id.desc()).limit(page_size + 1)).all()
    record(actor, ACCESS_LOG_READ, case=case, before=before)
    db.session.commit()
    more = len(rows) > page_size
    rows = rows[:page_size]
    items = []
    for event, name in rows:
        on_team = event.actor_id in team
        items.append(Access(
            at=as_utc(event.at), name=name if on_team else None, action=event.action,
            role=team[event.actor_id] if on_team else (event.actor_role or "system"),
            kind=kind_of(event.action)))
    return case, items, (rows[-1][0].id if more and rows else None)
