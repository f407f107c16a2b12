"""Writing audit events. The calling service commits them with its own change."""
from flask import has_request_context, request

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
