from flask import g, jsonify, request

from coordination.api.blueprint import bp, import_answer, payload
from coordination.api.jsoninput import form_from_json
from coordination.api.serializers import exemption_json, student_json
from coordination.errors import Forbidden
from coordination.students import importer, services
from coordination.students.forms import StudentApiForm
from coordination.validation import query_int
from coordination.web import form_date


@bp.get("/students")
def list_students():
    """The students in the caller's reach (admins: none), by id; `?number=` one school
    student number, `?after=` the cursor of the previous page."""
    students, cursor = services.list_students(g.api_user, request.args.get("number") or None,
                                              query_int("after"))
    return jsonify({"items": [student_json(s) for s in students],
                    "next": str(cursor) if cursor else None})


@bp.post("/students")
def create_student():
    """:raise 403: not a professional. :raise 409 duplicate_student_number."""
    if not g.api_user.is_professional:
        raise Forbidden()
    form = form_from_json(StudentApiForm, payload())
    student = services.register_student(g.api_user, form.data)
    return jsonify(student_json(student)), 201


@bp.post("/students/import")
def import_students():
    """text/csv body: a student roster per API.md, all rows or none; a student number
    already at that school updates that student. :raise 403: not a professional."""
    result = importer.import_roster(g.api_user, request.stream)
    body = {"created": result.created, "updated": result.updated,
            "unchanged": result.unchanged, "errors": result.errors}
    return import_answer(body, result.error_count)


@bp.get("/students/<int:student_id>")
def get_student(student_id):
    """:raise 404: not visible to the caller."""
    return jsonify(student_json(services.read_student(g.api_user, student_id)))


@bp.post("/students/<int:student_id>/exemptions")
def add_exemption(student_id):
    """`{first, last?, reason}`: an exemption (vrijstelling); `last` null or absent: until
    further notice. :raise 403: not a coordinator or attendance officer. :raise 404: the
    student is not visible."""
    data = payload()
    raw_first, raw_last, reason = data.get("first"), data.get("last"), data.get("reason")
    first = form_date(raw_first) if isinstance(raw_first, str) else None
    last = form_date(raw_last) if isinstance(raw_last, str) else None
    exemption = services.add_exemption(
        g.api_user, student_id, first, last, reason if isinstance(reason, str) else None,
        last_malformed=raw_last not in (None, "") and last is None)
    return jsonify(exemption_json(exemption)), 201
