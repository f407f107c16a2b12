"""Errors that services raise, and how the web and the API answer them.

Services raise these; views translate them into a form error or a page, the API into
the JSON error body of API.md. A resource the caller may not see raises NotFound, exactly
like one that does not exist.
"""
from flask import jsonify, render_template, request
from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import HTTPException, SecurityError

from coordination.extensions import db


class ServiceError(Exception):
    status = 400
    code = "bad_request"

    def __init__(self, message=None, fields=None, code=None, denied=None):
        super().__init__(str(message or self.default_message))
        self.message = message or self.default_message
        self.fields = fields or {}
        # (kind, id) of a case or student asked for outside reach: audited as "denied".
        self.denied = denied
        if code:
            self.code = code

    default_message = _l("The request could not be processed.")


class ValidationError(ServiceError):
    status = 422
    code = "validation_error"
    default_message = _l("Some fields need your attention.")


class Conflict(ServiceError):
    status = 409
    code = "conflict"
    default_message = _l("This conflicts with what is already stored.")


class Forbidden(ServiceError):
    status = 403
    code = "forbidden"
    default_message = _l("You may not do this.")


class NotFound(ServiceError):
    status = 404
    code = "not_found"
    default_message = _l("This page or item does not exist, or you may not see it.")


def is_api_request():
    return request.path.startswith("/api/")


def api_error(status, code, message, fields=None):
    body = {"error": {"code": code, "message": str(message), "fields": {
        k: [str(m) for m in (v if isinstance(v, (list, tuple)) else [v])]
        for k, v in (fields or {}).items()
    }}}
    return jsonify(body), status


HTTP_CODES = {
    400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
    405: "method_not_allowed", 409: "conflict", 413: "too_large", 422: "validation_error",
    429: "too_many_requests", 500: "server_error",
}

PAGE_MESSAGES = {
    400: _l("Something in the request was not right. Please go back and try again."),
    401: _l("Please log in first."),
    403: _l("You may not do this."),
    404: _l("This page or item does not exist, or you may not see it."),
    405: _l("This action is not possible here."),
    413: _l("The file is too large."),
    422: _l("Some of what you sent cannot be used. Please go back and check it."),
    429: _l("Too many attempts. Please wait a moment and try again."),
    500: _l("Something went wrong on our side. Please try again later."),
}


def _page(status):
    message = PAGE_MESSAGES.get(status, PAGE_MESSAGES[500])
    return render_template("error.html", status=status, message=message), status


def init_app(app):
    @app.errorhandler(ServiceError)
    def service_error(exc):
        if exc.denied:
            from coordination.audit.log import record_denied

            record_denied(*exc.denied)
        if is_api_request():
            return api_error(exc.status, exc.code, exc.message, exc.fields)
        return _page(exc.status)

    @app.errorhandler(SecurityError)
    def untrusted_host(exc):
        """A Host header the app does not serve (TRUSTED_HOSTS): no URLs can be built for
        it, so answer a plain 400 without the page layout."""
        if is_api_request():
            return api_error(400, "bad_request", PAGE_MESSAGES[400])
        return str(PAGE_MESSAGES[400]), 400, {"Content-Type": "text/plain; charset=utf-8"}

    @app.errorhandler(HTTPException)
    def http_error(exc):
        if is_api_request():
            code = HTTP_CODES.get(exc.code, "error")
            return api_error(exc.code, code, PAGE_MESSAGES.get(exc.code, exc.description))
        if exc.code in (301, 302, 303, 307, 308):
            return exc
        return _page(exc.code)

    @app.errorhandler(Exception)
    def unexpected(exc):
        app.logger.exception("unhandled error")
        # A failed statement leaves a PostgreSQL transaction aborted; the error page
        # itself needs the database (current_user), so start clean.
        db.session.rollback()
        if is_api_request():
            return api_error(500, "server_error", PAGE_MESSAGES[500])
        return _page(500)
