"""The OpenAPI 3 description of API v1, served at /api/v1/openapi.json: its paths (every
API route, with its answers) here, its shapes in coordination/api/openapi_schemas.py.

A contract test checks that every API route is described here and nothing more.
"""
from flask import jsonify, request
from flask_babel import lazy_gettext as _l

from coordination.api.blueprint import bp
from coordination.api.openapi_schemas import DATE, ID, SCHEMAS, STR, ref
from coordination.errors import ValidationError


def _answer(description, schema=None):
    body = {"description": description}
    if schema:
        body["content"] = {"application/json": {"schema": ref(schema)}}
    return body


def _errors(*codes):
    text = {400: "malformed request (not a JSON object, not UTF-8)", 401: "no or bad token",
            403: "not allowed for this role", 404: "not found or not visible",
            409: "conflict", 413: "the body is larger than the server takes",
            422: "validation error: `fields` names each field"}
    return {str(c): _answer(text[c], "Error") for c in sorted(set(codes))}


def _with_csv(op):
    """The 200 answer also as CSV (chosen with `Accept: text/csv`)."""
    op["responses"]["200"]["content"]["text/csv"] = {"schema": STR}
    return op


AGREEMENT = ("case_id", "agreement_id")


def _op(summary, ok, schema, body=None, errors=(), params=()):
    """An operation; every one may answer 401, and 422 for a query string that is not
    readable text (NUL, invalid UTF-8) or a query parameter of the wrong form; one with an
    id in its path 404 (also for an id beyond the database integer), one with a body 400,
    413 and 422."""
    codes = {401, 422, *errors}
    op = {"summary": summary}
    if body:
        codes |= {400, 413, 422}
        op["requestBody"] = {"required": True,
                             "content": {"application/json": {"schema": ref(body)}}}
    if params:
        codes.add(404)
        op["parameters"] = [{"name": p, "in": "path", "required": True, "schema": ID}
                            for p in params]
    op["responses"] = {ok: _answer(summary, schema), **_errors(*codes)}
    return op


def _with_answer(op, status, description, schema):
    op["responses"][status] = _answer(description, schema)
    return op


PATHS = {
    "/me": {"get": _op("The caller", "200", "Me")},
    "/schools": {"post": _op("Create a school (admin)", "201", "School", "SchoolIn",
                             (400, 401, 403, 409, 422))},
    "/holidays": {"post": _op("Add a holiday of a region (admin)", "201", "Closure",
                              "HolidayIn", (400, 401, 403, 422))},
    "/schools/{school_id}/calendar": {"post": {
        "summary": "Import a school's own days off from an iCalendar file (admin); all "
                   "events or none, days the school already has are skipped",
        "parameters": [{"name": "school_id", "in": "path", "required": True, "schema": ID}],
        "requestBody": {"required": True, "content": {"text/calendar": {"schema": STR}}},
        "responses": {"200": _answer("Imported", "CalendarImported"),
                      **_errors(401, 403, 404, 413, 422)}}},
    "/students": {
        "get": {**_op("The students in the caller's reach, by id (admins: none)", "200",
                      "StudentList"),
                "parameters": [
                    {"name": "number", "in": "query", "required": False, "schema": STR},
                    {"name": "after", "in": "query", "required": False,
                     "schema": {**ID, "minimum": 0}}]},
        "post": _op("Register a student", "201", "Student", "StudentIn",
                    (400, 401, 403, 404, 409, 422))},
    "/students/import": {"post": {
        "summary": "Import a student roster (CSV per API.md); all rows or none; a student "
                   "number already at that school updates that student",
        "requestBody": {"required": True, "content": {"text/csv": {"schema": STR}}},
        "responses": {
            "200": _answer("Imported", "RosterResult"),
            "422": _answer("Rows with errors, nothing stored; or a bad query string",
                           "RosterFailure"),
            **_errors(401, 403, 413)}}},
    "/students/{student_id}": {"get": _op("A student", "200", "Student", None, (401, 404),
                                          ("student_id",))},
    "/cases": {
        "get": {**_op("Open cases of the caller, 50 a page", "200", "CaseList"),
                "parameters": [{"name": "page", "in": "query", "required": False,
                                "schema": {**ID, "minimum": 1}}]},
        "post": _op("Open a case", "201", "Case", "CaseIn", (400, 401, 403, 409, 422)),
    },
    "/cases/{case_id}": {"get": _op("A case", "200", "Case", None, (401, 404), ("case_id",))},
    "/cases/{case_id}/coordinator": {"post": _op(
        "Hand the case over to another coordinator", "200", "Case", "HandoverIn",
        (400, 401, 403, 404, 422), ("case_id",))},
    "/cases/{case_id}/members": {"post": _with_answer(_op(
        "Add a member to the case team", "201", "Member", "MemberIn",
        (400, 401, 403, 404, 409, 422), ("case_id",)),
        "202", "A family account that is already on another case or has a password is "
        "invited instead: it joins when that person accepts", "MemberInvitation")},
    "/cases/{case_id}/agreements": {
        "get": _op("Agreements the caller may see", "200", "AgreementList", None, (401, 404),
                   ("case_id",)),
        "post": _op("Add an agreement", "201", "Agreement", "AgreementIn",
                    (400, 401, 403, 404, 422), ("case_id",)),
    },
    "/cases/{case_id}/agreements/{agreement_id}": {
        "get": _op("An agreement", "200", "Agreement", None, (401, 404), AGREEMENT),
        "patch": _op("Change an agreement: writes a new revision (no DELETE: 405)", "200",
                     "Agreement", "AgreementPatch", (400, 401, 403, 404, 409, 422), AGREEMENT),
    },
    "/cases/{case_id}/agreements/{agreement_id}/history": {"get": _op(
        "Every revision the caller may see, oldest first", "200", "RevisionList", None,
        (401, 404), AGREEMENT)},
    "/attendance/import": {"post": {
        "summary": "Import the attendance registration (CSV per API.md); all rows or none",
        "parameters": [{"name": "school_id", "in": "query", "required": False, "schema": ID}],
        "requestBody": {"required": True, "content": {"text/csv": {"schema": STR}}},
        "responses": {
            "200": _answer("Imported", "ImportResult"),
            "202": _answer("A large file, queued: it runs outside the request", "ImportQueued"),
            "422": _answer("Rows with errors, nothing stored; or a bad school_id",
                           "ImportFailure"),
            **_errors(401, 403, 413)}}},
    "/students/{student_id}/exemptions": {"post": _op(
        "Record an exemption (vrijstelling): no DUO or thuiszitter signal while it holds",
        "201", "Exemption", "ExemptionIn", (400, 401, 403, 404, 422), ("student_id",))},
    "/attendance/reports-due": {"get": {
        **_op("Reports to DUO due on a date for the students in the caller's reach", "200",
              "ReportDueList", None, (401, 403, 422)),
        "parameters": [{"name": "on", "in": "query", "required": False, "schema": DATE}]}},
    "/worklist": {"get": {
        **_op("What the caller has to do as of a day (default today), by due day", "200",
              "Worklist", None, (401, 403, 422)),
        "parameters": [{"name": "on", "in": "query", "required": False, "schema": DATE}]}},
    "/attendance/reports": {"post": _op(
        "Record a report made at the verzuimloket (the next 16-hour count starts the day "
        "after its end)", "201", "Report", "ReportIn", (400, 401, 403, 404, 422))},
    "/attendance/imports/{import_id}": {"get": _op(
        "The state of one's own attendance import", "200", "ImportState", None, (401, 404),
        ("import_id",))},
    "/students/{student_id}/signals": {"get": {
        **_op("Signals true on a date", "200", "SignalList", None, (422,), ("student_id",)),
        "parameters": [{"name": "student_id", "in": "path", "required": True, "schema": ID},
                       {"name": "on", "in": "query", "required": False, "schema": DATE}]}},
    "/cases/{case_id}/tier": {"post": _op(
        "Put the case in a tier (the coordinator's decision)", "200", "Case", "TierIn",
        (400, 401, 403, 404, 422), ("case_id",))},
    "/cases/{case_id}/reviews": {"post": _op(
        "Record a review", "201", "Review", "ReviewIn", (400, 401, 403, 404, 422),
        ("case_id",))},
    "/students/{student_id}/deregistrations": {"post": _op(
        "Record that the student left school (starts the dropout follow-up)", "201",
        "Deregistration", "DeregistrationIn", (400, 401, 403, 404, 422), ("student_id",))},
    "/students/{student_id}/enrolments": {"post": _op(
        "Record an enrolment (ends the dropout follow-up)", "201", "Enrolment", "EnrolmentIn",
        (400, 401, 403, 404, 422), ("student_id",))},
    "/cases/{case_id}/home-visits": {"post": _op(
        "Log a home visit", "201", "HomeVisit", "HomeVisitIn", (400, 401, 403, 404, 422),
        ("case_id",))},
    "/cases/{case_id}/reminders": {"get": _op(
        "Planned, sent and cancelled reminders", "200", "ReminderList", None, (401, 403, 404),
        ("case_id",))},
    "/cases/{case_id}/access-log": {"get": {
        **_op("Who viewed or changed the case, newest first", "200", "AccessLog", None,
              (401, 404), ("case_id",)),
        "parameters": [{"name": "case_id", "in": "path", "required": True, "schema": ID},
                       {"name": "before", "in": "query", "required": False, "schema": STR}]}},
    "/students/{student_id}/export": {"get": _op(
        "Everything Regie holds about the student (admin: the privacy officer)", "200",
        "StudentExport", None, (401, 403, 404), ("student_id",))},
    "/region/overview": {"get": {
        **_op("The region's figures on a date (default today) for the caller's schools and "
              "municipalities; every count from 1 to 4 is \"< 5\" (analysts)", "200",
              "RegionOverview", None, (401, 403, 422)),
        "parameters": [{"name": "on", "in": "query", "required": False, "schema": DATE}]}},
    "/region/thuiszitters": {"get": {
        **_with_csv(_op(
            "The quarterly thuiszitter report (default: the last whole quarter), one row "
            "per school, as CSV with `Accept: text/csv`; every count from 1 to 4 is "
            "\"< 5\" (analysts)", "200", "ThuiszitterReport", None, (401, 403, 422))),
        "parameters": [{"name": "quarter", "in": "query", "required": False,
                        "schema": {"type": "string", "pattern": "^[0-9]{4}[Qq][1-4]$"}}]}},
    "/openapi.json": {"get": {"summary": "This document", "security": [],
                              "responses": {"200": {"description": "OpenAPI 3 document"}}}},
}

DOCUMENT = {
    "openapi": "3.0.3",
    "info": {"title": "Regie API", "version": "1"},
    "servers": [{"url": "/api/v1"}],
    "components": {
        "schemas": SCHEMAS,
        "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
    },
    "security": [{"bearer": []}],
    "paths": PATHS,
}


def _query_names(rule, method):
    """The query parameters this document names for a route's operation (None: the route
    is not described, e.g. a method that answers 405)."""
    path = rule.removeprefix(bp.url_prefix).replace("<int:", "{").replace(">", "}")
    operation = PATHS.get(path, {}).get(method.lower())
    if operation is None:
        return None
    return {p["name"] for p in operation.get("parameters", ()) if p["in"] == "query"}


@bp.before_request
def refuse_unknown_query_parameters():
    """A query parameter the document does not name is a 422 naming it, not silently
    ignored (a misspelt `?numbr=` would otherwise answer everything)."""
    if request.url_rule is None:
        return
    allowed = _query_names(request.url_rule.rule, request.method)
    unknown = sorted(set(request.args) - allowed) if allowed is not None else ()
    if unknown:
        raise ValidationError(fields={name: [_l("This query parameter is not known here.")]
                                      for name in unknown})


@bp.get("/openapi.json")
def openapi():
    return jsonify(DOCUMENT)
