from flask import g, jsonify

from coordination.api.blueprint import bp, payload
from coordination.api.serializers import case_json, review_json
from coordination.cases.services import case_to_manage
from coordination.tiers import services
from coordination.timeutil import today_local
from coordination.validation import parse_date


@bp.post("/cases/<int:case_id>/tier")
def set_tier(case_id):
    """`{tier, reason}`: a decision by the coordinator. :raise 403: not the coordinator."""
    case_to_manage(g.api_user, case_id)
    data = payload(tier=int, reason=str)
    case = services.set_tier(g.api_user, case_id, data.get("tier"), data.get("reason"),
                             today_local())
    return jsonify(case_json(case))


@bp.post("/cases/<int:case_id>/reviews")
def record_review(case_id):
    """`{outcome, note, next_review_on?}`. :raise 403: not the coordinator."""
    case_to_manage(g.api_user, case_id)
    data = payload(outcome=str, note=str, next_review_on=str)
    next_on = parse_date(data.get("next_review_on"), "next_review_on")
    review = services.record_review(g.api_user, case_id, data.get("outcome"), data.get("note"),
                                    next_on, today_local())
    return jsonify(review_json(review)), 201
