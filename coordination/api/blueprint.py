"""JSON API v1 (shared/API.md). Bearer tokens; the same rules as the pages."""
from flask import Blueprint, g, request

from coordination.accounts import services as accounts
from coordination.errors import ServiceError, api_error
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
    user = accounts.user_for_token(token.strip()) if scheme.lower() == "bearer" and token else None
    if user is None:
        return api_error(401, "unauthorized", "A valid bearer token is required.")
    g.api_user = user
    return None


def payload():
    """The JSON object in the request body; 400 when it is not one."""
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise ServiceError("The request body must be a JSON object.")
    return data

