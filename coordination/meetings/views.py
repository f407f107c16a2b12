"""Meetings on the case page: record one with its decisions; turn a decision into an
agreement in one step."""
from datetime import date, datetime, time

from flask import Blueprint, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from coordination import access
from coordination.errors import Forbidden, ServiceError
from coordination.meetings import services
from coordination.timeutil import AMSTERDAM

bp = Blueprint("meetings", __name__, url_prefix="/cases/<int:case_id>")


def _back(case_id):
    return redirect(url_for("cases.show", case_id=case_id, _anchor="meetings-title"))


def _date(value):
    try:
        return date.fromisoformat(value or "")
    except ValueError:
        return None


def _require_professional(case_id):
    access.case_for(current_user, case_id)
    if not current_user.is_professional:
        raise Forbidden()


def _flash(exc):
    flash(" ".join(str(m) for ms in exc.fields.values() for m in ms) or str(exc.message), "error")


@bp.route("/meetings", methods=["POST"])
@login_required
def record(case_id):
    """:raise 404: case not visible. :raise 403: not a professional."""
    _require_professional(case_id)
    form = request.form
    try:
        services.record(current_user, case_id, _date(form.get("held_on")), form.get("attendees"),
                        form.get("discussed"), (form.get("decisions") or "").splitlines())
    except ServiceError as exc:
        if exc.status in (403, 404):
            raise
        _flash(exc)
    else:
        flash(_("The meeting is recorded."), "success")
    return _back(case_id)


@bp.route("/meetings/planned", methods=["POST"])
@login_required
def plan(case_id):
    """:raise 404: case not visible. :raise 403: not a professional."""
    _require_professional(case_id)
    form = request.form
    try:
        services.plan(current_user, case_id, _local_moment(form.get("date"), form.get("time")),
                      form.get("place"))
    except ServiceError as exc:
        if exc.status in (403, 404):
            raise
        _flash(exc)
    else:
        flash(_("The meeting is planned; the family sees it in the portal."), "success")
    return _back(case_id)


def _local_moment(day, clock):
    """A date and HH:MM in Europe/Amsterdam as an aware datetime, or None."""
    try:
        return datetime.combine(date.fromisoformat(day or ""), time.fromisoformat(clock or ""),
                                tzinfo=AMSTERDAM)
    except ValueError:
        return None


@bp.route("/decisions/<int:decision_id>/agreement", methods=["POST"])
@login_required
def to_agreement(case_id, decision_id):
    """:raise 404: case or decision not visible. :raise 403: not a professional."""
    _require_professional(case_id)
    form = request.form
    try:
        services.to_agreement(current_user, case_id, decision_id,
                              int(form.get("owner_user_id") or 0) or None,
                              _date(form.get("due_date")), form.get("visibility") or "everyone")
    except ServiceError as exc:
        if exc.status in (403, 404):
            raise
        _flash(exc)
    else:
        flash(_("The decision is now an agreement in the log."), "success")
    return _back(case_id)
