"""Meetings on the case page: record one with its decisions, plan one, put factors of the
case on a planned meeting's agenda, turn a decision into an agreement in one step and say
which factor it addresses. Each form also has a page of its own (GET), where it comes
back as it was sent when something is wrong."""
from flask import Blueprint, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from coordination import access
from coordination.errors import Forbidden
from coordination.fields import choices
from coordination.meetings import planning, services
from coordination.meetings.forms import (
    AgendaForm,
    DecisionAgreementForm,
    DecisionFactorForm,
    MeetingForm,
    PlanForm,
    factor_choices,
)
from coordination.visits.forms import owner_choices
from coordination.web import case_for_form, form_page, submit

bp = Blueprint("meetings", __name__, url_prefix="/cases/<int:case_id>")
ANCHOR = "meetings-title"


def _with_factors(form, case, field="factor_ids", empty=None):
    """The form with the case's factors that the actor may pick as its choices."""
    options = factor_choices(services.agenda_choices(current_user, case))
    getattr(form, field).choices = choices(([("", empty)] if empty else []) + options)
    return form


def _back(case_id, anchor=ANCHOR):
    return redirect(url_for("cases.show", case_id=case_id, _anchor=anchor))


def _professional_case(actor, case_id):
    case = access.case_for(actor, case_id)
    if not actor.is_professional:
        raise Forbidden()
    return case


@bp.route("/meetings", methods=["GET", "POST"])
@login_required
def record(case_id):
    """:raise 404: case not visible. :raise 403: not a professional."""
    case = case_for_form(_professional_case, case_id)
    form = _with_factors(MeetingForm(), case)
    if submit(form, lambda: services.record(
            current_user, case.id, form.held_on.data, form.attendees.data, form.discussed.data,
            form.decision_lines(), form.factor_ids.data), _("The meeting is recorded.")):
        return _back(case.id)
    return form_page(form, case, _("Record a meeting"), _("Save meeting"), ANCHOR)


@bp.route("/meetings/planned", methods=["GET", "POST"])
@login_required
def plan(case_id):
    """:raise 404: case not visible. :raise 403: not a professional."""
    case = case_for_form(_professional_case, case_id)
    form = _with_factors(PlanForm(), case)
    if submit(form, lambda: planning.plan(current_user, case.id, form.starts_at(),
                                          form.place.data, form.factor_ids.data),
              _("The meeting is planned; the family sees it in the portal.")):
        return _back(case.id, "upcoming-title")
    return form_page(form, case, _("Plan a meeting"), _("Plan meeting"), "upcoming-title")


@bp.route("/decisions/<int:decision_id>/agreement", methods=["GET", "POST"])
@login_required
def to_agreement(case_id, decision_id):
    """:raise 404: case or decision not visible. :raise 403: not a professional."""
    case = case_for_form(_professional_case, case_id)
    decision = services.decision_on(case, decision_id)
    form = DecisionAgreementForm()
    form.owner_user_id.choices = choices([("", _("Choose a person"))] + owner_choices(case))
    if submit(form, lambda: services.to_agreement(
            current_user, case.id, decision_id, form.owner_user_id.data, form.due_date.data,
            form.visibility.data or "everyone"),
            _("The decision is now an agreement in the log.")):
        return _back(case.id)
    return form_page(form, case, _("Make this an agreement"), _("Add to the log"), ANCHOR,
                     intro=decision.text)


@bp.route("/meetings/planned/<int:planned_id>/agenda", methods=["GET", "POST"])
@login_required
def agenda(case_id, planned_id):
    """:raise 404: case or planned meeting not visible, or it has started.
    :raise 403: not a professional."""
    case = case_for_form(_professional_case, case_id)
    planned = planning.planned_on(case, planned_id)
    form = _with_factors(AgendaForm(), case)
    if submit(form, lambda: planning.add_to_agenda(current_user, case.id, planned.id,
                                                   form.factor_ids.data),
              _("The factors are on the agenda.")):
        return _back(case.id, "upcoming-title")
    return form_page(form, case, _("Add to the agenda"), _("Add to the agenda"),
                     "upcoming-title", intro=planned.place)


@bp.route("/decisions/<int:decision_id>/factor", methods=["GET", "POST"])
@login_required
def decision_factor(case_id, decision_id):
    """:raise 404: case or decision not visible. :raise 403: not a professional."""
    case = case_for_form(_professional_case, case_id)
    decision = services.decision_on(case, decision_id)
    form = _with_factors(DecisionFactorForm(), case, "factor_id", _("Choose a factor"))
    if submit(form, lambda: services.link_decision(current_user, case.id, decision.id,
                                                   form.factor_id.data),
              _("The decision now points at the factor it addresses.")):
        return _back(case.id)
    return form_page(form, case, _("The factor this decision addresses"), _("Save"), ANCHOR,
                     intro=decision.text)
