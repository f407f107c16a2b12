"""The OpenAPI 3 description of API v1, served at /api/v1/openapi.json.

A contract test checks that every API route is described here and nothing more.
"""
from flask import jsonify, request
from flask_babel import lazy_gettext as _l

from coordination.accounts.models import ROLES
from coordination.agreements.services import OWNER_KINDS
from coordination.api.blueprint import bp
from coordination.attendance.models import IMPORT_STATUSES
from coordination.audit.labels import CHANGED, DENIED, VIEWED
from coordination.cases.models import CASE_ROLES
from coordination.errors import ValidationError
from coordination.rules.region import ABOVE, BELOW, SMALL_COUNT, WITHIN
from coordination.rules.signals import REPORT_CODES
from coordination.schools.models import REGIONS
from coordination.validation import DB_INT_MAX
from coordination.worklist.services import KINDS as WORKLIST_KINDS

DATE = {"type": "string", "format": "date"}
STAMP = {"type": "string", "format": "date-time"}
INT = {"type": "integer"}
# An id sent to the API: a larger number can match no row (path: 404, body: 422).
ID = {"type": "integer", "minimum": 1, "maximum": DB_INT_MAX}
STR = {"type": "string"}


def _null(schema):
    return {**schema, "nullable": True}


def _obj(required, **props):
    return {"type": "object", "required": list(required), "properties": props}


def _ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


# Every error answer. `fields` names each field that needs attention with its messages.
ERROR = _obj(["error"], error=_obj(
    ["code", "message", "fields"], code=STR, message=STR,
    fields={"type": "object", "additionalProperties": {"type": "array", "items": STR}}))

IMPORT_ERRORS = {"type": "array", "items": _obj(
    ["row", "message"], row={"type": "integer", "nullable": True}, message=STR)}
IMPORT_STATUS = {"type": "string", "enum": list(IMPORT_STATUSES)}

# A count in the region's figures: 0, 5 or more, or "< 5" for 1 to 4 (API.md).
COUNT = {"oneOf": [{"type": "integer", "minimum": 0},
                   {"type": "string", "enum": [SMALL_COUNT]}]}
TIER_SHARE = _obj(["share", "expected", "verdict"],
                  share={"type": "number", "nullable": True},
                  expected={"type": "array", "items": {"type": "number"}},
                  verdict={"type": "string", "enum": [BELOW, WITHIN, ABOVE], "nullable": True})
FIGURES = {
    "tiers": _obj(["1", "2", "3"], **{"1": COUNT, "2": COUNT, "3": COUNT}),
    "thuiszitters": _obj(["4w_3m", "over_3m"], **{"4w_3m": COUNT, "over_3m": COUNT}),
    "absolute_verzuim": COUNT, "reports_due": COUNT,
    "followup": _obj(["open", "reenrolled_this_school_year"], open=COUNT,
                     reenrolled_this_school_year=COUNT,
                     median_days_to_reenrolment={"type": "number", "nullable": True}),
    "students": COUNT, "reports_made": COUNT, "overdue_agreements": COUNT,
    "meetings_without_decision": COUNT,
    "tier_shares": _obj(["2", "3"], **{"2": TIER_SHARE, "3": TIER_SHARE}),
}
FIGURES_REQUIRED = ("tiers", "thuiszitters", "absolute_verzuim", "reports_due", "followup")
REPORT_FIGURES = {"thuiszitters": FIGURES["thuiszitters"], "thuiszitters_total": COUNT,
                  "absolute_verzuim": COUNT}

SCHEMAS = {
    "Error": ERROR,
    "Me": _obj(["id", "email", "name", "role"], id=INT, email=STR, name=STR, role=STR),
    "SchoolIn": _obj(["name", "brin", "region"], name=STR, brin=STR,
                     region={"type": "string", "enum": ["noord", "midden", "zuid"]}),
    "School": _obj(["id", "name", "brin", "region"], id=INT, name=STR, brin=STR, region=STR),
    "HolidayIn": _obj(["region", "first", "last", "name"], first=DATE, last=DATE, name=STR,
                      region={"type": "string", "enum": list(REGIONS)}),
    # A region holiday (`region` set) or a closure of one school (`school_id` set).
    "Closure": _obj(["id", "region", "school_id", "first", "last", "name"], id=INT,
                    region=_null(STR), school_id=_null(INT), first=DATE, last=DATE, name=STR),
    "CalendarImported": _obj(["imported"], imported=INT),
    "StudentIn": _obj(
        ["student_number", "given_name", "family_name", "date_of_birth", "school_id", "level"],
        student_number=STR, given_name=STR, family_name=STR, date_of_birth=DATE,
        school_id=ID, level=STR, has_startkwalificatie={"type": "boolean"}),
    "Student": _obj(["id"], id=INT, student_number=STR, given_name=STR, family_name=STR,
                    date_of_birth=DATE, school_id=INT, level=STR,
                    has_startkwalificatie={"type": "boolean"},
                    municipality={"type": "string", "nullable": True}),
    "StudentList": _obj(["items", "next"], items={"type": "array", "items": _ref("Student")},
                        next={"type": "string", "nullable": True}),
    "RosterResult": _obj(["created", "updated", "errors"], created=INT, updated=INT,
                         unchanged=INT, errors=IMPORT_ERRORS),
    "RosterFailure": _obj(["error"], error=ERROR["properties"]["error"], created=INT,
                          updated=INT, unchanged=INT, errors=IMPORT_ERRORS),
    "Worklist": _obj(["items", "next"], next={"type": "string", "nullable": True}, items={
        "type": "array", "items": _obj(
            ["kind", "case_id", "student_id", "due_on", "title"],
            kind={"type": "string", "enum": list(WORKLIST_KINDS)},
            case_id={"type": "integer", "nullable": True}, student_id=INT, due_on=DATE,
            title=STR)}),
    "CaseIn": _obj(["student_id", "coordinator_id"], student_id=ID, coordinator_id=ID),
    "Case": _obj(
        ["id", "student_id", "status", "tier", "absence_kind", "coordinator", "opened_at",
         "closed_at"],
        id=INT, student_id=INT, status=STR, tier=INT, absence_kind=STR,
        coordinator=_obj(["id", "name", "email", "phone"], id=INT, name=STR, email=STR,
                         phone={"type": "string", "nullable": True}),
        opened_at=STAMP, closed_at={"type": "string", "format": "date-time", "nullable": True}),
    "CaseList": _obj(["items", "next"], items={"type": "array", "items": _ref("Case")},
                     next={"type": "string", "nullable": True}),
    "HandoverIn": _obj(["user_id", "reason"], user_id=ID, reason=STR),
    "MemberIn": _obj(["user_id", "role"], user_id=ID, role=STR),
    # owner_user_id, or owner_kind (family, parents, youth, person + owner_name) without it.
    "AgreementIn": _obj(["text"], text=STR, owner_user_id=ID, due_date=DATE,
                        owner_kind={"type": "string", "enum": list(OWNER_KINDS)},
                        owner_name=STR,
                        visibility={"type": "string", "enum": ["team", "team_youth", "everyone"]}),
    "AgreementPatch": _obj(["reason"], text=STR, owner_user_id=ID, due_date=DATE, reason=STR,
                           status={"type": "string",
                                   "enum": ["open", "done", "not_met", "cancelled"]},
                           visibility={"type": "string",
                                       "enum": ["team", "team_youth", "everyone"]}),
    "Agreement": _obj(["id", "case_id", "text", "owner_user_id", "due_date", "status",
                       "visibility"], id=INT, case_id=INT, text=STR,
                      owner_user_id=_null(INT), owner_kind=STR, owner_name=_null(STR),
                      due_date=_null(DATE), status=STR, visibility=STR,
                      overdue={"type": "boolean"},
                      revision=INT, updated_at=STAMP),
    "AgreementList": _obj(["items", "next"], items={"type": "array", "items": _ref("Agreement")},
                          next={"type": "string", "nullable": True}),
    "RevisionList": _obj(["items", "next"], next={"type": "string", "nullable": True}, items={
        "type": "array", "items": _obj(
            ["revision", "text", "status", "visibility", "at", "author"], revision=INT,
            text=STR, owner_user_id=_null(INT), due_date=_null(DATE), status=STR,
            visibility=STR, reason=_null(STR), at=STAMP,
            author=_obj(["id", "name"], id=INT, name=STR))}),
    "ImportResult": _obj(["imported", "duplicates", "corrected", "errors"], imported=INT,
                         duplicates=INT, corrected=INT, errors=IMPORT_ERRORS),
    "ImportQueued": _obj(["id", "status"], id=INT, status=IMPORT_STATUS),
    "ImportState": _obj(["id", "status", "imported", "duplicates", "corrected", "errors"],
                        id=INT, status=IMPORT_STATUS, imported=INT, duplicates=INT,
                        corrected=INT, errors=IMPORT_ERRORS),
    # Rows with errors (then also imported, duplicates, corrected and errors), or a bad
    # parameter.
    "ImportFailure": _obj(["error"], error=ERROR["properties"]["error"], imported=INT,
                          duplicates=INT, corrected=INT, errors=IMPORT_ERRORS),
    "SignalList": _obj(["items", "next"], next={"type": "string", "nullable": True}, items={
        "type": "array", "items": _obj(["code", "since", "details"], code=STR, since=DATE,
                                       details={"type": "object"})},
        calendar_missing={"type": "boolean", "description": "present (true) when the "
                          "student's school has no holidays for that date's school year"}),
    "ExemptionIn": _obj(["first", "reason"], first=DATE,
                        last={"type": "string", "format": "date", "nullable": True},
                        reason=STR),
    "Exemption": _obj(["id", "student_id", "first", "last", "reason"], id=INT, student_id=INT,
                      first=DATE, last={"type": "string", "format": "date", "nullable": True},
                      reason=STR),
    "ReportDueList": _obj(["items", "next"], next={"type": "string", "nullable": True}, items={
        "type": "array", "items": _obj(
            ["student_id", "case_id", "code", "start", "end", "hours", "deadline"],
            student_id=INT, case_id={"type": "integer", "nullable": True},
            code={"type": "string", "enum": list(REPORT_CODES)}, start=DATE, end=DATE,
            hours={"type": "number", "nullable": True}, deadline=DATE)}),
    "ReportIn": _obj(["student_id", "code", "start", "end", "reported_on", "reference"],
                     student_id=INT, code={"type": "string", "enum": list(REPORT_CODES)},
                     start=DATE, end=DATE, reported_on=DATE, reference=STR),
    "Report": _obj(["id", "student_id", "case_id", "code", "start", "end", "reported_on",
                    "reference"], id=INT, student_id=INT,
                   case_id={"type": "integer", "nullable": True}, code=STR, start=DATE,
                   end=DATE, reported_on=DATE, reference=STR),
    "TierIn": _obj(["tier", "reason"], tier={"type": "integer", "enum": [1, 2, 3]}, reason=STR),
    "ReviewIn": _obj(["outcome", "note"], note=STR, next_review_on=DATE, outcome={
        "type": "string", "enum": ["continue", "escalate", "deescalate", "close"]}),
    "Review": _obj(["id", "case_id", "outcome", "note", "reviewed_on"], id=INT, case_id=INT,
                   outcome=STR, note=_null(STR), reviewed_on=DATE,
                   next_review_on=_null(DATE)),
    "DeregistrationIn": _obj(["left_on", "reason"], left_on=DATE, reason=STR),
    "Deregistration": _obj(["id", "student_id", "left_on", "reason", "case_id", "followup",
                            "absolute_verzuim"],
                           id=INT, student_id=INT, left_on=DATE, reason=STR,
                           case_id=_null(INT),
                           followup={"type": "boolean"},
                           absolute_verzuim={"type": "boolean"}),
    "EnrolmentIn": _obj(["school_id", "enrolled_on"], school_id=ID, enrolled_on=DATE),
    "Enrolment": _obj(["id", "student_id", "school_id", "enrolled_on"], id=INT, student_id=INT,
                      school_id=_null(INT), enrolled_on=DATE),
    "HomeVisitIn": _obj(["visited_on", "outcome", "summary"], visited_on=DATE, summary=STR,
                        confidential_note=STR, next_visit_on=DATE, outcome={
                            "type": "string", "enum": ["met_youth", "met_parent", "met_both",
                                                       "nobody_home", "refused"]},
                        visibility={"type": "string", "enum": ["team", "team_youth", "everyone"]}),
    "HomeVisit": _obj(["id", "case_id", "visited_on", "outcome", "summary"], id=INT, case_id=INT,
                      visited_on=DATE, outcome=STR, summary=STR, visibility=STR),
    "ReminderList": _obj(["items", "next"], next={"type": "string", "nullable": True}, items={
        "type": "array", "items": _obj(
            ["kind", "due_at", "sent_at", "cancelled_at", "to_user_id"], kind=STR, due_at=STAMP,
            sent_at={"type": "string", "format": "date-time", "nullable": True},
            cancelled_at={"type": "string", "format": "date-time", "nullable": True},
            to_user_id={"type": "integer", "nullable": True})}),
    "Member": _obj(["id", "case_id", "user_id", "role"], id=INT, case_id=INT, user_id=INT,
                   role=STR, added_at=STAMP),
    "MemberInvitation": _obj(["status", "case_id", "user_id", "role", "expires_at"],
                             status={"type": "string", "enum": ["invited"]}, case_id=INT,
                             user_id=INT, role=STR, expires_at=STAMP),
    # `role`: the role on the case for people on the team (past or present), else the
    # account role; `system` for what Regie did by itself.
    "AccessLog": _obj(["items", "next"], next={"type": "string", "nullable": True}, items={
        "type": "array", "items": _obj(
            ["at", "role", "name", "action"], at=STAMP,
            role={"type": "string", "enum": sorted({*ROLES, *CASE_ROLES, "coordinator",
                                                    "system"})},
            name={"type": "string", "nullable": True}, action=STR,
            kind={"type": "string", "enum": [VIEWED, CHANGED, DENIED]})}),
    "RegionOverview": _obj(
        [*FIGURES_REQUIRED, "by_school"], on=DATE, **FIGURES,
        # Did it help? Open tier-2 cases 6 school weeks or more after the move, improved.
        tier2_improved=_obj(["improved", "assessed", "share"], improved=COUNT,
                            assessed=COUNT, share={"type": "number", "nullable": True}),
        by_school={"type": "array", "items": _obj(
            ["school_id", "name", *FIGURES_REQUIRED], school_id=INT, name=STR, **FIGURES)},
        by_level={"type": "array", "items": _obj(
            ["level", *FIGURES_REQUIRED], level=STR, **FIGURES)}),
    "ThuiszitterReport": _obj(
        ["items", "next"], quarter=STR, first=DATE, last=DATE,
        next={"type": "string", "nullable": True},
        total=_obj(list(REPORT_FIGURES), **REPORT_FIGURES),
        items={"type": "array", "items": _obj(
            ["school_id", "name", *REPORT_FIGURES], school_id=INT, name=STR,
            **REPORT_FIGURES)}),
    # Every table that holds rows about the student, by table name, plus `audit`,
    # `people` and `schools` (who and what those rows refer to).
    "StudentExport": {**_obj(["student", "cases", "agreements", "absences", "audit"],
                             student={"type": "object"}, **{
                                 k: {"type": "array", "items": {"type": "object"}}
                                 for k in ("cases", "agreements", "absences", "audit",
                                           "people", "schools")}),
                      "additionalProperties": {"type": "array", "items": {"type": "object"}}},
}


def _answer(description, schema=None):
    body = {"description": description}
    if schema:
        body["content"] = {"application/json": {"schema": _ref(schema)}}
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
                             "content": {"application/json": {"schema": _ref(body)}}}
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
                    (400, 401, 403, 409, 422))},
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
        "get": _op("Open cases of the caller", "200", "CaseList"),
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
