"""Agreement actions on the case page: add one, change its status (a new revision), add
one's own view, mark as read."""
from datetime import date

from flask import Blueprint, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from coordination.agreements import proposals, services, voices
from coordination.agreements.forms import AgreementForm, ReviseForm
from coordination.errors import ServiceError

bp = Blueprint("agreements", __name__, url_prefix="/cases/<int:case_id>/agreements")


def _back(case_id):
    return redirect(url_for("cases.show", case_id=case_id, _anchor="agreements-title"))


def _flash_errors(form, exc=None):
    messages = [m for ms in form.errors.values() for m in ms]
    if exc is not None:
        messages += [str(m) for ms in exc.fields.values() for m in ms] or [str(exc.message)]
    flash(" ".join(str(m) for m in messages), "error")


@bp.route("", methods=["POST"])
@login_required
def create(case_id):
    """:raise 404: case not visible. :raise 403: not a professional on the case."""
    services.check_can_write(current_user, case_id)
    form = AgreementForm()
    if not form.validate_on_submit():
        _flash_errors(form)
        return _back(case_id)
    try:
        services.create(current_user, case_id, form.text.data, form.owner_user_id.data,
                        form.due_date.data, form.visibility.data)
    except ServiceError as exc:
        if exc.status in (403, 404):
            raise
        _flash_errors(form, exc)
    else:
        flash(_("The agreement is in the log."), "success")
    return _back(case_id)


@bp.route("/<int:agreement_id>/revise", methods=["POST"])
@login_required
def revise(case_id, agreement_id):
    """:raise 404: not visible. :raise 403: not a professional on the case."""
    services.check_can_write(current_user, case_id, agreement_id)
    form = ReviseForm()
    if not form.validate_on_submit():
        _flash_errors(form)
        return _back(case_id)
    try:
        services.revise(current_user, case_id, agreement_id, {"status": form.status.data},
                        form.reason.data)
    except ServiceError as exc:
        if exc.status in (403, 404):
            raise
        _flash_errors(form, exc)
    else:
        flash(_("The agreement is updated; the earlier version stays in the history."), "success")
    return _back(case_id)


@bp.route("/<int:agreement_id>/comments", methods=["POST"])
@login_required
def comment(case_id, agreement_id):
    """Everyone who sees the agreement may add their view. :raise 404: not visible."""
    return _act(case_id, lambda: voices.add_comment(
        current_user, case_id, agreement_id, request.form.get("text")),
        _("Thank you, your view is added."))


@bp.route("/<int:agreement_id>/read", methods=["POST"])
@login_required
def read(case_id, agreement_id):
    """:raise 404: not visible."""
    voices.mark_read(current_user, case_id, agreement_id)
    flash(_("Marked as read."), "success")
    return _back(case_id)


@bp.route("/proposals", methods=["POST"])
@login_required
def propose(case_id):
    """The young person proposes an agreement. :raise 403: not the youth on the case."""
    return _act(case_id, lambda: proposals.propose(current_user, case_id, request.form.get("text")),
                _("Your idea is sent to your contact person."))


@bp.route("/proposals/<int:proposal_id>/accept", methods=["POST"])
@login_required
def accept_proposal(case_id, proposal_id):
    """:raise 403: not the coordinator."""
    form = request.form
    return _act(case_id, lambda: proposals.accept(
        current_user, case_id, proposal_id, int(form.get("owner_user_id") or 0) or None,
        _date(form.get("due_date")), form.get("visibility") or "everyone"),
        _("The idea is now an agreement in the log."))


@bp.route("/proposals/<int:proposal_id>/answer", methods=["POST"])
@login_required
def answer_proposal(case_id, proposal_id):
    """:raise 403: not the coordinator."""
    return _act(case_id, lambda: proposals.answer(
        current_user, case_id, proposal_id, request.form.get("text")), _("Your answer is sent."))


def _act(case_id, action, success):
    """Run a service action; 403/404 propagate, other problems are shown on the case page."""
    try:
        action()
    except ServiceError as exc:
        if exc.status in (403, 404):
            raise
        flash(" ".join(str(m) for ms in exc.fields.values() for m in ms) or str(exc.message),
              "error")
    else:
        flash(success, "success")
    return _back(case_id)


def _date(value):
    try:
        return date.fromisoformat(value or "")
    except ValueError:
        return None
