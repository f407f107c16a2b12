from flask import g, jsonify

from coordination.agreements import services
from coordination.agreements.forms import AgreementApiForm, AgreementPatchForm
from coordination.api.blueprint import bp, payload
from coordination.api.jsoninput import form_from_json
from coordination.api.serializers import agreement_json, revision_json
from coordination.rules.agreements import FIELDS
from coordination.timeutil import today_local


@bp.post("/cases/<int:case_id>/agreements")
def create_agreement(case_id):
    """:raise 404: case not visible. :raise 403: not a professional on the case."""
    services.check_can_write(g.api_user, case_id)
    form = form_from_json(AgreementApiForm, payload())
    revision = services.create(g.api_user, case_id, form.text.data, form.owner_user_id.data,
                               form.due_date.data, form.visibility.data or "everyone",
                               owner_kind=form.owner_kind.data or None,
                               owner_name=form.owner_name.data)
    return jsonify(agreement_json(revision, case_id, today_local())), 201


@bp.get("/cases/<int:case_id>/agreements")
def list_agreements(case_id):
    """Only the agreements the caller may see."""
    today = today_local()
    items = [agreement_json(r, case_id, today)
             for r in services.list_visible(g.api_user, case_id)]
    return jsonify({"items": items, "next": None})


@bp.patch("/cases/<int:case_id>/agreements/<int:agreement_id>")
def revise_agreement(case_id, agreement_id):
    """A new revision; nothing is edited in place. There is no DELETE (405)."""
    services.check_can_write(g.api_user, case_id, agreement_id)
    form = form_from_json(AgreementPatchForm, payload())
    changes = {k: form[k].data for k in FIELDS if form[k].data not in (None, "")}
    revision = services.revise(g.api_user, case_id, agreement_id, changes, form.reason.data)
    return jsonify(agreement_json(revision, case_id, today_local()))


@bp.get("/cases/<int:case_id>/agreements/<int:agreement_id>")
def get_agreement(case_id, agreement_id):
    revisions = services.history(g.api_user, case_id, agreement_id)
    return jsonify(agreement_json(revisions[-1], case_id, today_local()))


@bp.get("/cases/<int:case_id>/agreements/<int:agreement_id>/history")
def agreement_history(case_id, agreement_id):
    """Every revision the caller may see, oldest first, with author and time."""
    revisions = services.history(g.api_user, case_id, agreement_id)
    return jsonify({"items": [revision_json(r) for r in revisions], "next": None})
