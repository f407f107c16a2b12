"""Queries per request, for the benches (issue 12): with REGIE_COUNT_QUERIES=1 in the
environment (never in production) every response carries `X-Query-Count`, the number of
SQL statements the request sent. Off by default; when off nothing is registered, so it
costs nothing.
"""
import os

from flask import g, has_request_context
from sqlalchemy import event

HEADER = "X-Query-Count"


def enabled(app):
    return (os.environ.get("REGIE_COUNT_QUERIES") == "1"
            and app.config["REGIE_ENV"] != "production")


def init_app(app):
    if not enabled(app):
        return
    from coordination.extensions import db

    with app.app_context():
        engine = db.engine

    @event.listens_for(engine, "before_cursor_execute")
    def _count(*_args):
        if has_request_context():
            g.query_count = g.get("query_count", 0) + 1

    @app.after_request
    def _header(response):
        response.headers[HEADER] = str(g.get("query_count", 0))
        return response
