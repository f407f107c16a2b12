"""Home visits, from the case page and in the field: the pre-visit card, logging a visit
(with an agreement in one step) and flagging risks for whoever visits."""
from flask import Blueprint, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from coordination.timeutil import today_local
from coordination.visits import forms, services
from coordination.visits.forms import RiskForm, full_address, owner_choices
from coordination.web import case_for_form, form_page, submit

bp = Blueprint("visits", __name__, url_prefix="/cases/<int:case_id>")

__all__ = ["bp", "full_address", "owner_choices"]


def _back(case_id, anchor="visits-title"):
    return redirect(url_for("cases.show", case_id=case_id, _anchor=anchor))


def visit_form(case, sent=False):
    return forms.visit_form(case, current_user, today_local(), sent)


def form_context(case, form=None):
    return forms.form_context(case, form or visit_form(case))


@bp.route("/pre-visit")
@login_required
def pre_visit(case_id):
    """The short card before knocking, with the visit form for afterwards.
    :raise 404: case not visible. :raise 403: not a professional."""
    card = services.pre_visit_card(current_user, case_id, today_local())
    return render_template("visits/pre_visit.html", **card, **form_context(card["case"]))


@bp.route("/visits", methods=["GET", "POST"])
@login_required
def log(case_id):
    """Log a home visit: on GET the pre-visit card with the empty form; when something is
    wrong the same page with the form as it was sent (422), at a URL that also answers GET.
    :raise 404: case not visible. :raise 403: not a professional."""
    case = services.case_to_visit(current_user, case_id)
    form = visit_form(case, sent=request.method == "POST")
    done = _("The visit and the agreement are in the log.") if form.agreement() else _(
        "The visit is in the log.")
    if submit(form, lambda: services.log_visit_with_agreement(
            current_user, case.id, today_local(), agreement=form.agreement(), **form.visit()),
            done):
        return _back(case.id)
    card = services.pre_visit_card(current_user, case.id, today_local())
    status = 422 if request.method == "POST" else 200
    return render_template("visits/pre_visit.html", **card, **form_context(case, form)), status


@bp.route("/risks", methods=["GET", "POST"])
@login_required
def add_risk(case_id):
    """:raise 404: case not visible. :raise 403: not a professional."""
    case = case_for_form(services.case_to_visit, case_id)
    form = RiskForm()
    if submit(form, lambda: services.add_risk(current_user, case.id, form.text.data),
              _("The risk is on the card for everyone who visits.")):
        return _back(case.id, "risks-title")
    return form_page(form, case, _("Flag a risk for visitors"), _("Flag the risk"), "risks-title")
