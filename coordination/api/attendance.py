from flask import g, jsonify, request

from coordination.api.blueprint import bp
from coordination.api.serializers import attendance_import_json
from coordination.attendance import services, uploads
from coordination.timeutil import today_local
from coordination.validation import parse_date, query_int


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


@bp.get("/students/<int:student_id>/signals")
def student_signals(student_id):
    """Attendance and legal signals true on `?on=YYYY-MM-DD` (default today)."""
    on = parse_date(request.args.get("on"), "on") or today_local()
    found = services.student_signals(g.api_user, student_id, on)
    return jsonify({"items": [{"code": s.code, "since": s.since.isoformat(),
                               "details": s.details} for s in found], "next": None})
