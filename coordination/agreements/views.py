"""Agreement actions on the case page: add one, change its status (a new revision), add
one's own view, mark as read, and the young person's proposals."""
from flask import Blueprint, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from coordination.agreements import proposals, services, voices
from coordination.agreements.forms import AgreementForm, ReviseForm, owner_choices
from coordination.cases.forms import team_choices
from coordination.fields import choices
from coordination.web import case_for_form, form_date, form_int, form_page, submit

bp = Blueprint("agreements", __name__, url_prefix="/cases/<int:case_id>/agreements")


def _back(case_id):
    return redirect(url_for("cases.show", case_id=case_id, _anchor="agreements-title"))


@bp.route("", methods=["GET", "POST"])
@login_required
def create(case_id):
    """A new agreement; after a wrong submit the form again as it was sent (422), at a
    URL that also answers GET. :raise 404: case not visible. :raise 403: not a
    professional on the case."""
    case = case_for_form(services.check_can_write, case_id)
    form = AgreementForm()
    form.owner_user_id.choices = choices([("", _("Choose a person"))]
                                         + owner_choices(team_choices(case)))

    def action():
        owner_user_id, owner_kind = form.owner()
        services.create(current_user, case.id, form.text.data, owner_user_id,
                        form.due_date.data, form.visibility.data, owner_kind=owner_kind,
                        owner_name=form.owner_name.data)

    if submit(form, action, _("The agreement is in the log.")):
        return _back(case.id)
    return form_page(form, case, _("New agreement"), _("Save agreement"), "agreements-title")


@bp.route("/<int:agreement_id>/revise", methods=["GET", "POST"])
@login_required
def revise(case_id, agreement_id):
    """:raise 404: not visible. :raise 403: not a professional on the case."""
    case = case_for_form(lambda actor, cid: services.check_can_write(actor, cid, agreement_id),
                         case_id)
    form = ReviseForm()
    if submit(form, lambda: services.revise(
            current_user, case.id, agreement_id, {"status": form.status.data},
            form.reason.data),
            _("The agreement is updated; the earlier version stays in the history.")):
        return _back(case.id)
    return form_page(form, case, _("Change the agreement"), _("Save the change"),
                     "agreements-title")


@bp.route("/<int:agreement_id>/comments", methods=["POST"])
@login_required
def comment(case_id, agreement_id):
    """Everyone who sees the agreement may add their view. :raise 404: not visible."""
    submit(None, lambda: voices.add_comment(current_user, case_id, agreement_id,
                                            request.form.get("text")),
           _("Thank you, your view is added."))
    return _back(case_id)


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
    submit(None, lambda: proposals.propose(current_user, case_id, request.form.get("text")),
           _("Your idea is sent to your contact person."))
    return _back(case_id)


@bp.route("/proposals/<int:proposal_id>/accept", methods=["POST"])
@login_required
def accept_proposal(case_id, proposal_id):
    """:raise 403: not the coordinator."""
    form = request.form
    submit(None, lambda: proposals.accept(
        current_user, case_id, proposal_id, form_int(form.get("owner_user_id")),
        form_date(form.get("due_date")), form.get("visibility") or "everyone"),
        _("The idea is now an agreement in the log."))
    return _back(case_id)


@bp.route("/proposals/<int:proposal_id>/answer", methods=["POST"])
@login_required
def answer_proposal(case_id, proposal_id):
    """:raise 403: not the coordinator."""
    submit(None, lambda: proposals.answer(current_user, case_id, proposal_id,
                                          request.form.get("text")), _("Your answer is sent."))
    return _back(case_id)
