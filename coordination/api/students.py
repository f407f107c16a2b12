from flask import g, jsonify

from coordination.api.blueprint import bp, payload
from coordination.api.serializers import student_json
from coordination.errors import Forbidden
from coordination.students import services
from coordination.students.forms import StudentApiForm
from coordination.validation import form_from_json


@bp.post("/students")
def create_student():
    """:raise 403: not a professional. :raise 409 duplicate_student_number."""
    if not g.api_user.is_professional:
        raise Forbidden()
    form = form_from_json(StudentApiForm, payload())
    student = services.register_student(g.api_user, form.data)
    return jsonify(student_json(student)), 201


@bp.get("/students/<int:student_id>")
def get_student(student_id):
    """:raise 404: not visible to the caller."""
    return jsonify(student_json(services.read_student(g.api_user, student_id)))
