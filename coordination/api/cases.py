from flask import g, jsonify

from coordination.api.blueprint import bp, payload
from coordination.api.jsoninput import form_from_json
from coordination.api.serializers import case_json, handover_json, invitation_json, member_json
from coordination.cases import services, team
from coordination.cases.forms import HandoverApiForm, MemberApiForm, OpenCaseApiForm
from coordination.errors import Forbidden
from coordination.portal.models import Invitation
from coordination.validation import query_int


@bp.get("/cases")
def list_cases():
    """Open cases the caller coordinates or is a member of, 50 a page; `?page=` the cursor
    of the previous page's `next`."""
    page = services.list_cases(g.api_user, query_int("page"))
    return jsonify({"items": [case_json(c) for c in page.items],
                    "next": str(page.number + 1) if page.number < page.pages else None})


@bp.post("/cases")
def open_case():
    """:raise 409 case_already_open. :raise 422: coordinator not a professional."""
    if not g.api_user.is_professional:
        raise Forbidden()
    form = form_from_json(OpenCaseApiForm, payload())
    case = services.open_case(g.api_user, form.student_id.data, form.coordinator_id.data)
    return jsonify(case_json(case)), 201


@bp.get("/cases/<int:case_id>")
def get_case(case_id):
    """:raise 404: the case does not exist or the caller is not on it."""
    case = services.read_case(g.api_user, case_id)
    body = case_json(case)
    if g.api_user.is_professional:
        body["handovers"] = [handover_json(h) for h in case.handovers]
    return jsonify(body)


@bp.post("/cases/<int:case_id>/coordinator")
def hand_over(case_id):
    """:raise 404: not visible. :raise 403: the caller is not the coordinator."""
    services.case_to_manage(g.api_user, case_id)
    form = form_from_json(HandoverApiForm, payload())
    case = services.hand_over(g.api_user, case_id, form.user_id.data, form.reason.data)
    body = case_json(case)
    body["handovers"] = [handover_json(h) for h in case.handovers]
    return jsonify(body)


@bp.post("/cases/<int:case_id>/members")
def add_member(case_id):
    """201 with the member; 202 when a family account is invited instead (it joins when that
    person accepts). :raise 404: not visible. :raise 403: not the coordinator.
    :raise 409 already_member."""
    services.case_to_manage(g.api_user, case_id)
    form = form_from_json(MemberApiForm, payload())
    added = team.add_member(g.api_user, case_id, form.user_id.data, form.role.data)
    if isinstance(added, Invitation):
        return jsonify(invitation_json(added, form.role.data)), 202
    return jsonify(member_json(added)), 201
