"""Writing audit events: `record` adds one to the session and the calling service commits
it with its own change; `record_denied` keeps a denied lookup in a commit of its own.

Kept apart from audit/services.py (which reads the log and needs reach), so that the error
handlers can write "denied" events without importing reach.
"""
from flask import g, has_request_context, request
from flask_login import current_user
from sqlalchemy.exc import SQLAlchemyError

from coordination.audit.models import AuditEvent
from coordination.extensions import db


def record(actor, action, case=None, student=None, **detail):
    """Add an audit event to the session: who (acting as which role), what, on what."""
    ip = request.remote_addr if has_request_context() else None
    student_id = student.id if student is not None else (case.student_id if case else None)
    event = AuditEvent(
        actor_id=actor.id if actor else None,
        actor_role=actor.role if actor else None,
        action=action,
        case_id=case.id if case is not None else None,
        student_id=student_id,
        ip=ip,
        detail=detail or None,
    )
    db.session.add(event)
    return event


MAX_ID = 2**31 - 1


def _request_user():
    user = g.get("api_user")
    if user is None and current_user and current_user.is_authenticated:
        user = current_user
    return user


def record_denied(kind, object_id):
    """After a 404 for a case or student outside reach (or missing): roll back what the
    request did, and keep one "<kind>.denied" event in its own commit. Written for missing
    and existing ids alike, so the answer takes the same time; the case or student is
    linked only when it exists."""
    from coordination.cases.models import Case
    from coordination.students.models import Student

    if not has_request_context():
        return
    db.session.rollback()
    user = _request_user()
    if user is None:
        return
    model = Case if kind == "case" else Student
    ok = isinstance(object_id, int) and 0 < object_id <= MAX_ID
    try:
        found = db.session.get(model, object_id) if ok else None
        link = {kind: found} if found is not None else {}
        record(user, f"{kind}.denied", requested_id=object_id if ok else None, **link)
        db.session.commit()
    except SQLAlchemyError:
        db.session.rollback()
