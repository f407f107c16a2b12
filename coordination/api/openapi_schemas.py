"""The shapes in the OpenAPI document of API v1 (its `components.schemas`), with the
enums built from the Python constants so the document cannot drift from the code.
The paths that use them are in coordination/api/openapi.py."""

from coordination.accounts.models import ROLES
from coordination.agreements.services import OWNER_KINDS
from coordination.attendance.models import IMPORT_STATUSES
from coordination.audit.labels import CHANGED, DENIED, VIEWED
from coordination.cases.models import CASE_ROLES, TIERS
from coordination.rules.agreements import STATUSES as AGREEMENT_STATUSES
from coordination.rules.audiences import VISIBILITIES
from coordination.rules.region import ABOVE, BELOW, SMALL_COUNT, WITHIN
from coordination.rules.signals import REPORT_CODES
from coordination.rules.wegwijzer import DOMAINS, HIGHEST, LOWEST
from coordination.schools.models import REGIONS
from coordination.tiers.models import OUTCOMES as REVIEW_OUTCOMES
from coordination.validation import DB_INT_MAX
from coordination.visits.models import OUTCOMES as VISIT_OUTCOMES
from coordination.worklist.items import KINDS as WORKLIST_KINDS

DATE = {"type": "string", "format": "date"}
STAMP = {"type": "string", "format": "date-time"}
INT = {"type": "integer"}
# An id sent to the API: a larger number can match no row (path: 404, body: 422).
ID = {"type": "integer", "minimum": 1, "maximum": DB_INT_MAX}
STR = {"type": "string"}


def _null(schema):
    return {**schema, "nullable": True}


def _enum(values):
    return {"type": "string", "enum": list(values)}


def _obj(required, **props):
    return {"type": "object", "required": list(required), "properties": props}


def ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


VISIBILITY = _enum(VISIBILITIES)

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
# A school's latest Wegwijzer (rules/wegwijzer.py school_domain_scores): per domain the
# median of all participants' scores, or "< 5" when fewer than five scored it; null for a
# school without a trajectory with scores. An optional field of each `by_school` row.
WEGWIJZER_SCORES = _null(_obj(
    ["started_on", "domains"], started_on=DATE,
    domains=_obj(list(DOMAINS), **{d: {"oneOf": [
        {"type": "number", "minimum": LOWEST, "maximum": HIGHEST},
        {"type": "string", "enum": [SMALL_COUNT]}]} for d in DOMAINS})))
FIGURES_REQUIRED = ("tiers", "thuiszitters", "absolute_verzuim", "reports_due", "followup")
REPORT_FIGURES = {"thuiszitters": FIGURES["thuiszitters"], "thuiszitters_total": COUNT,
                  "absolute_verzuim": COUNT}

SCHEMAS = {
    "Error": ERROR,
    "Me": _obj(["id", "email", "name", "role"], id=INT, email=STR, name=STR, role=STR),
    "SchoolIn": _obj(["name", "brin", "region"], name=STR, brin=STR,
                     region={"type": "string", "enum": list(REGIONS)}),
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
    "StudentList": _obj(["items", "next"], items={"type": "array", "items": ref("Student")},
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
    "CaseList": _obj(["items", "next"], items={"type": "array", "items": ref("Case")},
                     next={"type": "string", "nullable": True}),
    "HandoverIn": _obj(["user_id", "reason"], user_id=ID, reason=STR),
    "MemberIn": _obj(["user_id", "role"], user_id=ID, role=STR),
    # owner_user_id, or owner_kind (family, parents, youth, person + owner_name) without it.
    "AgreementIn": _obj(["text"], text=STR, owner_user_id=ID, due_date=DATE,
                        owner_kind={"type": "string", "enum": list(OWNER_KINDS)},
                        owner_name=STR,
                        visibility=VISIBILITY),
    "AgreementPatch": _obj(["reason"], text=STR, owner_user_id=ID, due_date=DATE, reason=STR,
                           status=_enum(AGREEMENT_STATUSES),
                           visibility=VISIBILITY),
    "Agreement": _obj(["id", "case_id", "text", "owner_user_id", "due_date", "status",
                       "visibility"], id=INT, case_id=INT, text=STR,
                      owner_user_id=_null(INT), owner_kind=STR, owner_name=_null(STR),
                      due_date=_null(DATE), status=STR, visibility=STR,
                      overdue={"type": "boolean"},
                      revision=INT, updated_at=STAMP),
    "AgreementList": _obj(["items", "next"], items={"type": "array", "items": ref("Agreement")},
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
    "TierIn": _obj(["tier", "reason"], tier={"type": "integer", "enum": list(TIERS)}, reason=STR),
    "ReviewIn": _obj(["outcome", "note"], note=STR, next_review_on=DATE,
                     outcome=_enum(REVIEW_OUTCOMES)),
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
                        confidential_note=STR, next_visit_on=DATE, outcome=_enum(VISIT_OUTCOMES),
                        visibility=VISIBILITY),
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
            ["school_id", "name", *FIGURES_REQUIRED], school_id=INT, name=STR,
            wegwijzer=WEGWIJZER_SCORES, **FIGURES)},
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
