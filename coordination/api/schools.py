from flask import g, jsonify

from coordination import access
from coordination.api.blueprint import bp, payload
from coordination.api.jsoninput import form_from_json
from coordination.api.serializers import school_json, user_json
from coordination.errors import Forbidden
from coordination.schools import services
from coordination.schools.forms import SchoolForm


@bp.get("/me")
def me():
    return jsonify(user_json(g.api_user))


@bp.post("/schools")
def create_school():
    """:raise 403: not an admin. :raise 409 duplicate_brin."""
    if not access.may_administer(g.api_user):
        raise Forbidden()
    form = form_from_json(SchoolForm, payload())
    school = services.create_school(g.api_user, form.name.data, form.brin.data,
                                    form.region.data)
    return jsonify(school_json(school)), 201
