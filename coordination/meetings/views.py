"""Meetings on the case page: record one with its decisions, plan one, and turn a decision
into an agreement in one step."""
from flask import Blueprint, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from coordination import access
from coordination.errors import Forbidden
from coordination.meetings import services
from coordination.web import form_date, form_int, form_local_moment, perform

bp = Blueprint("meetings", __name__, url_prefix="/cases/<int:case_id>")


def _back(case_id):
    return redirect(url_for("cases.show", case_id=case_id, _anchor="meetings-title"))


def _require_professional(case_id):
    access.case_for(current_user, case_id)
    if not current_user.is_professional:
        raise Forbidden()


@bp.route("/meetings", methods=["POST"])
@login_required
def record(case_id):
    """:raise 404: case not visible. :raise 403: not a professional."""
    _require_professional(case_id)
    form = request.form
    perform(lambda: services.record(
        current_user, case_id, form_date(form.get("held_on")), form.get("attendees"),
        form.get("discussed"), (form.get("decisions") or "").splitlines()),
        _("The meeting is recorded."))
    return _back(case_id)


@bp.route("/meetings/planned", methods=["POST"])
@login_required
def plan(case_id):
    """:raise 404: case not visible. :raise 403: not a professional."""
    _require_professional(case_id)
    form = request.form
    perform(lambda: services.plan(
        current_user, case_id, form_local_moment(form.get("date"), form.get("time")),
        form.get("place")), _("The meeting is planned; the family sees it in the portal."))
    return _back(case_id)


@bp.route("/decisions/<int:decision_id>/agreement", methods=["POST"])
@login_required
def to_agreement(case_id, decision_id):
    """:raise 404: case or decision not visible. :raise 403: not a professional."""
    _require_professional(case_id)
    form = request.form
    perform(lambda: services.to_agreement(
        current_user, case_id, decision_id, form_int(form.get("owner_user_id")),
        form_date(form.get("due_date")), form.get("visibility") or "everyone"),
        _("The decision is now an agreement in the log."))
    return _back(case_id)
