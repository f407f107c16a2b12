"""`GET /healthz` for the reverse proxy, the load balancer and monitoring (docs/production.md):
200 when this worker answers and reaches its database, 503 otherwise. Public and cheap: it
reads no personal data and writes no audit event."""
from flask import Blueprint, jsonify
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from coordination.extensions import db

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        db.session.rollback()
        return jsonify(status="unavailable", database="unreachable"), 503
    return jsonify(status="ok", database="ok")
