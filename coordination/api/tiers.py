from flask import g, jsonify

from coordination.api.blueprint import bp, payload
from coordination.api.serializers import case_json
from coordination.cases.services import case_to_manage
from coordination.errors import ValidationError
from coordination.tiers import services
from coordination.timeutil import today_local
from coordination.web import form_date


@bp.post("/cases/<int:case_id>/tier")
def set_tier(case_id):
    """`{tier, reason}`: a decision by the coordinator. :raise 403: not the coordinator."""
    case_to_manage(g.api_user, case_id)
    data = payload()
    tier = data.get("tier")
    if not isinstance(tier, int) or isinstance(tier, bool):
        raise ValidationError(fields={"tier": ["Give tier 1, 2 or 3."]})
    case = services.set_tier(g.api_user, case_id, tier, data.get("reason"), today_local())
    return jsonify(case_json(case))


@bp.post("/cases/<int:case_id>/reviews")
def record_review(case_id):
    """`{outcome, note, next_review_on?}`. :raise 403: not the coordinator."""
    case_to_manage(g.api_user, case_id)
    data = payload()
    raw = data.get("next_review_on")
    next_on = form_date(raw) if raw else None
    if raw and next_on is None:
        raise ValidationError(fields={"next_review_on": ["Use YYYY-MM-DD."]})
    review = services.record_review(g.api_user, case_id, data.get("outcome"), data.get("note"),
                                    next_on, today_local())
    return jsonify({"id": review.id, "case_id": review.case_id, "outcome": review.outcome,
                    "note": review.note, "reviewed_on": review.reviewed_on.isoformat(),
                    "next_review_on": review.next_review_on.isoformat()
                    if review.next_review_on else None}), 201
