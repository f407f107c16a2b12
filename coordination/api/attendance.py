from datetime import date

from flask import g, jsonify, request

from coordination.api.blueprint import bp, payload
from coordination.api.serializers import (
    attendance_import_json, duo_report_json, report_due_json, signal_json,
)
from coordination.attendance import services, uploads
from coordination.errors import ValidationError
from coordination.timeutil import today_local
from coordination.web import form_date


def _optional_int(name):
    value = request.args.get(name)
    if value is None:
        return None
    if not value.isdigit():
        raise ValidationError(fields={name: ["Give a number."]})
    return int(value)


@bp.post("/attendance/import")
def import_attendance():
    """text/csv body per API.md; all rows or none, only students in the caller's reach.
    `?school_id=` limits the student numbers to one school. A file above the synchronous
    limit answers 202 and runs in the scheduler. :raise 403: may not import attendance."""
    result, queued = uploads.receive(g.api_user, request.stream,
                                     school_id=_optional_int("school_id"))
    if queued is not None:
        return jsonify({"id": queued.id, "status": queued.status}), 202
    body = {"imported": result.imported, "duplicates": result.duplicates,
            "corrected": result.corrected, "errors": result.errors}
    if result.error_count:
        body["error"] = {"code": "validation_error", "fields": {},
                         "message": f"{result.error_count} row(s) have errors; nothing was "
                                    "stored."}
        return jsonify(body), 422
    return jsonify(body)


@bp.get("/attendance/imports/<int:import_id>")
def attendance_import_state(import_id):
    """:raise 404: no such import, or one made by someone else."""
    return jsonify(attendance_import_json(uploads.import_state(g.api_user, import_id)))


def _on():
    raw = request.args.get("on")
    try:
        return date.fromisoformat(raw) if raw else today_local()
    except ValueError:
        raise ValidationError(fields={"on": ["Use YYYY-MM-DD."]}) from None


@bp.get("/students/<int:student_id>/signals")
def student_signals(student_id):
    """Attendance and legal signals true on `?on=YYYY-MM-DD` (default today), plus
    `calendar_missing: true` when the school has no holidays for that school year."""
    found, missing = services.student_signals(g.api_user, student_id, _on())
    body = {"items": [signal_json(s) for s in found], "next": None}
    if missing:
        body["calendar_missing"] = True
    return jsonify(body)


@bp.get("/attendance/reports-due")
def reports_due():
    """Reports due on `?on=YYYY-MM-DD` (default today) for the students in reach.
    :raise 403: not a coordinator or attendance officer."""
    due = services.reports_due(g.api_user, _on())
    return jsonify({"items": [report_due_json(row) for row in due], "next": None})


@bp.post("/attendance/reports")
def record_report():
    """`{student_id, code, start, end, reported_on, reference}`: a report made at the
    verzuimloket; the next 16-hour count starts the day after `end`.
    :raise 403: not a coordinator or attendance officer. :raise 404: student not visible."""
    data = payload()
    student_id = data.get("student_id")
    if isinstance(student_id, bool) or not isinstance(student_id, int):
        student_id = None
    report = services.record_report(
        g.api_user, student_id, _text(data, "code"), _day(data, "start"), _day(data, "end"),
        _day(data, "reported_on"), _text(data, "reference"))
    return jsonify(duo_report_json(report)), 201


def _text(data, name):
    value = data.get(name)
    return value if isinstance(value, str) else None


def _day(data, name):
    """A YYYY-MM-DD value, or None (the service names what is missing or wrong)."""
    value = data.get(name)
    return form_date(value) if isinstance(value, str) else None
