"""Every read of a case or a student leaves exactly one audit event (issue 9).

Walks `app.url_map`: each GET route that names a case or a student is opened by the case's
coordinator, and must answer 200 with exactly one new audit event naming that case or
student. A new read route without an audit event fails here without being listed.
"""
from datetime import timedelta

import sqlalchemy as sa

from coordination.audit.models import AuditEvent
from coordination.extensions import db
from coordination.meetings.models import PlannedMeeting
from coordination.timeutil import utcnow

# Reads that are not about one case or student even though the URL names one.
NOT_A_READ = set()


def events():
    return db.session.scalars(sa.select(AuditEvent).order_by(AuditEvent.id)).all()


def read_routes(app):
    for rule in app.url_map.iter_rules():
        named = {"case_id", "student_id"} & set(rule.arguments)
        if named and "GET" in rule.methods and rule.endpoint not in NOT_A_READ:
            yield rule


def fill(rule, case, extra):
    values = {"case_id": case.id, "student_id": case.student_id, **extra}
    path = rule.rule
    for name in rule.arguments:
        path = path.replace(f"<int:{name}>", str(values[name]))
    return path


def test_every_read_of_a_case_or_student_writes_one_audit_event(app, make):
    coordinator, admin = make.user("coordinator"), make.user("admin")
    case = make.case(coordinator)
    agreement = make.agreement(case, coordinator)
    planned = PlannedMeeting(case_id=case.id, starts_at=utcnow() + timedelta(days=365),
                             place="Room 2", author_id=coordinator.id)
    db.session.add(planned)
    db.session.commit()
    extra = {"agreement_id": agreement.agreement_id,
             "decision_id": make.decision(case, coordinator).id, "planned_id": planned.id}
    readers = {}
    for user in (coordinator, admin):  # the admin, as privacy officer, for the export
        client = app.test_client()
        make.login(client, user)
        readers[user.role] = (client, make.token(user))
    routes = list(read_routes(app))
    assert len(routes) >= 8
    failures = []
    for rule in routes:
        path = fill(rule, case, extra)
        before = len(events())
        client, headers = readers["admin" if "export" in rule.endpoint else "coordinator"]
        response = client.get(path, headers=headers if path.startswith("/api/") else {})
        db.session.expire_all()
        new = events()[before:]
        about = [e for e in new if e.case_id == case.id or e.student_id == case.student_id]
        if response.status_code != 200 or len(new) != 1 or len(about) != 1:
            failures.append(f"GET {path}: {response.status_code}, events "
                            f"{[(e.action, e.case_id, e.student_id) for e in new]}")
    assert not failures, "\n".join(failures)
