from flask import abort, g, jsonify, request

from coordination.api.blueprint import bp
from coordination.api.serializers import access_json
from coordination.audit import services as audit
from coordination.audit.views import MAX_ID
from coordination.privacy import services as privacy
from coordination.validation import optional_db_int


def _in_range(identifier):
    if identifier is None or not 0 < identifier <= MAX_ID:
        abort(404)
    return identifier


@bp.get("/cases/<int:case_id>/access-log")
def access_log(case_id):
    """Who viewed or changed the case, newest first, a page at a time (`next` is the
    cursor for `?before=`). `name` is null for people who are not (and were not) on the
    team. :raise 404: not on the case."""
    before = optional_db_int(request.args.get("before"))
    _, items, cursor = audit.access_log(g.api_user, _in_range(case_id),
                                        before if before and before <= MAX_ID else None)
    return jsonify({"items": [access_json(a) for a in items],
                    "next": str(cursor) if cursor else None})


@bp.get("/students/<int:student_id>/export")
def student_export(student_id):
    """Everything Regie holds about the student (admins, the privacy officer role).
    :raise 404: no such student, or not in the caller's reach. :raise 403: not an admin."""
    return jsonify(privacy.export_student(g.api_user, _in_range(student_id)))
