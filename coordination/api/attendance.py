from flask import g, jsonify, request

from coordination.api.blueprint import bp
from coordination.attendance import importer, services
from coordination.timeutil import today_local
from coordination.validation import parse_date, query_int


@bp.post("/attendance/import")
def import_attendance():
    """text/csv body per API.md; all rows or none. `?school_id=` limits the student numbers
    to one school. :raise 403: not an admin, coordinator or attendance officer."""
    result = importer.import_file(g.api_user, request.stream,
                                  school_id=query_int("school_id"))
    body = {"imported": result.imported, "duplicates": result.duplicates,
            "errors": result.errors}
    if result.error_count:
        body["error"] = {"code": "validation_error", "fields": {},
                         "message": f"{result.error_count} row(s) have errors; nothing was "
                                    "stored."}
        return jsonify(body), 422
    return jsonify(body)


@bp.get("/students/<int:student_id>/signals")
def student_signals(student_id):
    """Attendance and legal signals true on `?on=YYYY-MM-DD` (default today)."""
    on = parse_date(request.args.get("on"), "on") or today_local()
    found = services.student_signals(g.api_user, student_id, on)
    return jsonify({"items": [{"code": s.code, "since": s.since.isoformat(),
                               "details": s.details} for s in found], "next": None})
