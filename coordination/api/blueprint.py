"""JSON API v1 (shared/API.md). Bearer tokens; the same rules as the pages."""
from flask import Blueprint, g, jsonify, request

from coordination.accounts import tokens
from coordination.api.jsoninput import check_json
from coordination.errors import api_error
from coordination.extensions import csrf

bp = Blueprint("api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)

PUBLIC_ENDPOINTS = {"api.openapi"}


@bp.before_request
def authenticate():
    if request.endpoint in PUBLIC_ENDPOINTS:
        return None
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    user = tokens.user_for_token(token.strip()) if scheme.lower() == "bearer" and token else None
    if user is None:
        return api_error(401, "unauthorized", "A valid bearer token is required.")
    g.api_user = user
    return None


def payload(**types):
    """The JSON object in the request body, each field named in `types` (str, int or bool)
    of that type or null, and every text storable.

    :raise ServiceError: (400) not a JSON object (or not UTF-8).
    :raise ValidationError: (422) naming each field of the wrong type or with bad text.
    """
    return check_json(request.get_json(silent=True), types)



def import_answer(body, error_count):
    """A CSV import's answer (API.md): 200 with the counts, or 422 with the same body, the
    row errors and the error object, when any row was refused and nothing was stored."""
    if not error_count:
        return jsonify(body)
    body["error"] = {"code": "validation_error", "fields": {},
                     "message": f"{error_count} row(s) have errors; nothing was stored."}
    return jsonify(body), 422
