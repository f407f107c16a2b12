from flask import g, jsonify, request

from coordination.api.blueprint import bp, import_answer, payload
from coordination.api.serializers import (
    attendance_import_json,
    duo_report_json,
    report_due_json,
    signal_json,
)
from coordination.attendance import duo_reports, uploads
from coordination.signals import services as signals
from coordination.timeutil import today_local
from coordination.validation import parse_date, query_date, query_int


@bp.post("/attendance/import")
def import_attendance():
    """text/csv body per API.md; all rows or none, only students in the caller's reach.
    `?school_id=` limits the student numbers to one school. A file above the synchronous
    limit answers 202 and runs in the scheduler. :raise 403: may not import attendance."""
    result, queued = uploads.receive(g.api_user, request.stream,
                                     school_id=query_int("school_id"))
    if queued is not None:
        return jsonify({"id": queued.id, "status": queued.status}), 202
    body = {"imported": result.imported, "duplicates": result.duplicates,
            "corrected": result.corrected, "errors": result.errors}
    return import_answer(body, result.error_count)


@bp.get("/attendance/imports/<int:import_id>")
def attendance_import_state(import_id):
    """:raise 404: no such import, or one made by someone else."""
    return jsonify(attendance_import_json(uploads.import_state(g.api_user, import_id)))


def _on():
    return query_date("on") or today_local()


@bp.get("/students/<int:student_id>/signals")
def student_signals(student_id):
    """Attendance and legal signals true on `?on=YYYY-MM-DD` (default today), plus
    `calendar_missing: true` when the school has no holidays for that school year."""
    found, missing = signals.student_signals(g.api_user, student_id, _on())
    body = {"items": [signal_json(s) for s in found], "next": None}
    if missing:
        body["calendar_missing"] = True
    return jsonify(body)


@bp.get("/attendance/reports-due")
def reports_due():
    """Reports due on `?on=YYYY-MM-DD` (default today) for the students in reach.
    :raise 403: not a coordinator or attendance officer."""
    due = signals.reports_due(g.api_user, _on())
    return jsonify({"items": [report_due_json(row) for row in due], "next": None})


@bp.post("/attendance/reports")
def record_report():
    """`{student_id, code, start, end, reported_on, reference}`: a report made at the
    verzuimloket; the next 16-hour count starts the day after `end`.
    :raise 403: not a coordinator or attendance officer. :raise 404: student not visible."""
    data = payload(student_id=int, code=str, start=str, end=str, reported_on=str,
                   reference=str)
    report = duo_reports.record_report(
        g.api_user, data.get("student_id"), data.get("code"),
        *(parse_date(data.get(name), name) for name in ("start", "end", "reported_on")),
        data.get("reference"))
    return jsonify(duo_report_json(report)), 201
