"""Recording suspensions and expulsions, and changing them (a new revision), from the
student page and the case page. Reading happens in those pages' section."""
from flask import Blueprint, flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user

from coordination.suspensions import services
from coordination.suspensions.forms import (
    ExpulsionForm,
    ExpulsionReviseForm,
    SuspensionForm,
    SuspensionReviseForm,
)
from coordination.web import professional_required, submit

bp = Blueprint("suspensions", __name__, url_prefix="/students/<int:student_id>")


def _back(student_id, form):
    if form.back_case.data:
        return redirect(url_for("cases.show", case_id=form.back_case.data,
                                _anchor="register-title"))
    return redirect(url_for("students.show", student_id=student_id, _anchor="register-title"))


def _invalid(form):
    flash(" ".join(f"{getattr(form, name).label.text}: {message}"
                   for name, messages in form.errors.items() for message in messages), "error")
    return False


def _act(student_id, form, action, success):
    """Load and check (404 outside reach), then validate and act; back to the page."""
    services.check_can_record(current_user, student_id)
    if form.validate_on_submit() or _invalid(form):
        submit(None, action, success)
    return _back(student_id, form)


@bp.route("/suspensions", methods=["POST"])
@professional_required
def record_suspension(student_id):
    """:raise 404: the student is not in reach. :raise 403: not a professional."""
    form = SuspensionForm()
    return _act(student_id, form, lambda: services.record_suspension(
        current_user, student_id, **form.values()), _("The suspension is in the register."))


@bp.route("/suspensions/revise", methods=["POST"])
@professional_required
def revise_suspension(student_id):
    """:raise 404: the student is not in reach. :raise 403: not a professional."""
    form = SuspensionReviseForm()
    return _act(student_id, form, lambda: services.revise_suspension(
        current_user, student_id, form.suspension_id.data, form.values(), form.note.data),
        _("The suspension is updated; the earlier version stays in the history."))


@bp.route("/expulsions", methods=["POST"])
@professional_required
def record_expulsion(student_id):
    """:raise 404: the student is not in reach. :raise 403: not a professional."""
    form = ExpulsionForm()
    return _act(student_id, form, lambda: services.record_expulsion(
        current_user, student_id, **form.values()), _("The expulsion is in the register."))


@bp.route("/expulsions/revise", methods=["POST"])
@professional_required
def revise_expulsion(student_id):
    """:raise 404: the student is not in reach. :raise 403: not a professional."""
    form = ExpulsionReviseForm()
    return _act(student_id, form, lambda: services.revise_expulsion(
        current_user, student_id, form.expulsion_id.data, form.values(), form.note.data),
        _("The expulsion is updated; the earlier version stays in the history."))
