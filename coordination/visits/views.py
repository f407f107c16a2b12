"""Home visits, from the case page and in the field: the pre-visit card, logging a visit
(with an agreement in one step) and flagging risks for whoever visits."""
from flask import Blueprint, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from coordination.agreements.forms import VISIBILITY_LABELS
from coordination.cases.forms import CASE_ROLE_LABELS
from coordination.errors import ValidationError
from coordination.followup import services as followup
from coordination.followup.labels import CHANNEL_LABELS, STOP_REASON_LABELS
from coordination.timeutil import today_local
from coordination.visits import services
from coordination.visits.labels import OUTCOME_LABELS
from coordination.web import form_date, form_int, perform

bp = Blueprint("visits", __name__, url_prefix="/cases/<int:case_id>")


def _back(case_id, anchor="visits-title"):
    return redirect(url_for("cases.show", case_id=case_id, _anchor=anchor))


def full_address(student):
    """Street, postcode and town as one line ("" when the school registered none)."""
    place = " ".join(p for p in (student.postcode, student.city) if p)
    return ", ".join(p for p in (student.address, place) if p)


def owner_choices(case):
    """Who may own an agreement made at the door: the coordinator and the team."""
    return [(case.coordinator_id, case.coordinator.name)] + [
        (m.user_id, f"{m.user.name} ({CASE_ROLE_LABELS.get(m.role, m.role)})")
        for m in case.members]


def form_context(case, values=None):
    """What the visit form needs; `values` are the sent fields when it comes back."""
    address = full_address(case.student)
    defaults = {"visited_on": today_local().isoformat(), "address": address,
                "visibility": "team", "agreement_owner": str(current_user.id),
                "agreement_visibility": "everyone"}
    return {"values": {**defaults, **(values or {})}, "owners": owner_choices(case),
            "student_address": address, "channel_labels": CHANNEL_LABELS,
            "visit_outcome_labels": OUTCOME_LABELS, "visibility_labels": VISIBILITY_LABELS}


def case_context(actor, case):
    """The "home visits and contact" section of the case page, for the viewer."""
    context = {"visits": services.visits_for(actor, case), "visit_outcome_labels": OUTCOME_LABELS}
    if actor.is_professional:
        context.update(form_context(case), attempts=followup.attempts(case),
                       risks=services.risks_for(case), stop_reason_labels=STOP_REASON_LABELS)
    return context


def _optional_date(form, name):
    raw = (form.get(name) or "").strip()
    value = form_date(raw, name)
    if raw and value is None:
        raise ValidationError(fields={name: [_("Write the date as YYYY-MM-DD.")]})
    return value


def _has_agreement(form):
    return bool((form.get("agreement_text") or "").strip())


def _agreement(form):
    """The agreement made at the door, or None when its text is left empty."""
    if not _has_agreement(form):
        return None
    return {"text": form.get("agreement_text"),
            "owner_user_id": form_int(form.get("agreement_owner")),
            "due_date": _optional_date(form, "agreement_due"),
            "visibility": form.get("agreement_visibility") or "everyone"}


def _log(case_id, form):
    services.log_visit_with_agreement(
        current_user, case_id, today_local(), agreement=_agreement(form),
        visited_on=form_date(form.get("visited_on"), "visited_on"), outcome=form.get("outcome"),
        summary=form.get("summary"), confidential_note=form.get("confidential_note"),
        visibility=form.get("visibility") or "team", visited_at=form.get("visited_at") or None,
        address=form.get("address"), next_visit_on=_optional_date(form, "next_visit_on"))


@bp.route("/pre-visit")
@login_required
def pre_visit(case_id):
    """The short card before knocking, with the visit form for afterwards.
    :raise 404: case not visible. :raise 403: not a professional."""
    card = services.pre_visit_card(current_user, case_id, today_local())
    return render_template("visits/pre_visit.html", **card, **form_context(card["case"]))


@bp.route("/visits", methods=["POST"])
@login_required
def log(case_id):
    """Log a home visit. When something is wrong the form comes back filled in.
    :raise 404: case not visible. :raise 403: not a professional."""
    services.case_to_visit(current_user, case_id)
    form = request.form
    done = _("The visit and the agreement are in the log.") if _has_agreement(form) else _(
        "The visit is in the log.")
    if perform(lambda: _log(case_id, form), done):
        return _back(case_id)
    card = services.pre_visit_card(current_user, case_id, today_local())
    return render_template("visits/pre_visit.html", **card,
                           **form_context(card["case"], form.to_dict())), 422


@bp.route("/risks", methods=["POST"])
@login_required
def add_risk(case_id):
    """:raise 404: case not visible. :raise 403: not a professional."""
    perform(lambda: services.add_risk(current_user, case_id, request.form.get("text")),
            _("The risk is on the card for everyone who visits."))
    return _back(case_id, "risks-title")
