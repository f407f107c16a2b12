"""Case pages: my cases, opening a case, the case page, hand-over and the team."""
from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from coordination import access
from coordination.agreements import services as agreements
from coordination.agreements.forms import AgreementForm
from coordination.cases import page, services, team
from coordination.cases.forms import (
    CaseFilters,
    FamilyInviteForm,
    HandoverForm,
    MemberForm,
    OpenCaseForm,
)
from coordination.fields import choices
from coordination.portal.models import Invitation
from coordination.timeutil import today_local
from coordination.web import flash_errors, form_date, professional_required, submit

bp = Blueprint("cases", __name__, url_prefix="/cases")


@bp.route("/")
@login_required
def index():
    """My open cases, 50 a page, filtered by school and tier, and the overdue agreements I
    own or whose case I coordinate. A parent or young person with one case goes straight
    to it (issue 11: no list of one). :raise 400: a malformed filter."""
    filters = CaseFilters(request.args)
    if not filters.validate():
        abort(400)
    listed = services.list_cases(current_user, filters.page.data, filters.school.data,
                                 filters.tier.data)
    if current_user.is_family and listed.total == 1 and not filters.args():
        return redirect(url_for("cases.show", case_id=listed.items[0].id))
    filters.school.choices = choices([("", _("All schools"))] + [
        (str(school_id), name) for school_id, name in services.case_schools(current_user)])
    return render_template("cases/index.html", page=listed, filters=filters,
                           args=filters.args(),
                           overdue=agreements.overdue_for(current_user, today_local()),
                           field_work=access.works_in_the_field(current_user))


@bp.route("/", methods=["POST"])
@professional_required
def open_case():
    """Open a case from the student page; a refusal goes back there with what was wrong
    (the form has no page of its own)."""
    form = OpenCaseForm()
    case = submit(form, lambda: services.open_case(
        current_user, form.student_id.data, form.coordinator_id.data,
        form.professional_email.data), _("The case is open."))
    if case:
        return redirect(url_for("cases.show", case_id=case.id))
    flash_errors(form)
    if form.student_id.data:
        return redirect(url_for("students.show", student_id=form.student_id.data,
                                _anchor="cases-title"))
    return redirect(url_for("cases.index"))


def _page(case, handover=None, member=None, invite=None, status=200):
    """Render the case page for the viewer: the team view, or the family view."""
    context = page.case_page(current_user, case, today_local())
    if current_user.is_family:
        return render_template("cases/family.html", **context), status
    pick = [("", _("Choose a person"))]
    handover = HandoverForm() if handover is None else handover
    handover.user_id.choices = choices(pick + context.pop("handover_choices"))
    member = MemberForm() if member is None else member
    member.user_id.choices = choices(pick + context.pop("member_choices"))
    agreement = AgreementForm()
    agreement.owner_user_id.choices = choices(pick + context["owner_choices"])
    return render_template(
        "cases/show.html", handover_form=handover, member_form=member,
        invite_form=FamilyInviteForm() if invite is None else invite, agreement_form=agreement,
        **context), status


@bp.route("/<int:case_id>")
@login_required
def show(case_id):
    """:raise 404: the case does not exist or the user is not on it."""
    return _page(services.open_case_page(current_user, case_id))


@bp.route("/<int:case_id>/coordinator", methods=["POST"])
@login_required
def hand_over(case_id):
    """:raise 404: not visible. :raise 403: not the coordinator. A refusal shows the case
    page again with the form as it was sent (422), without a second audited read."""
    case = services.case_to_manage(current_user, case_id)
    form = HandoverForm()
    if submit(form, lambda: services.hand_over(current_user, case.id, form.user_id.data,
                                               form.reason.data, form.professional_email.data),
              _("The case has been handed over.")):
        return redirect(url_for("cases.show", case_id=case.id))
    return _page(case, handover=form, status=422)


INVITED = _l("An invitation is on its way by e-mail. The person joins the team when they "
             "accept it.")


def _added(added):
    return INVITED if isinstance(added, Invitation) else _("The team has been updated.")


@bp.route("/<int:case_id>/members", methods=["POST"])
@login_required
def add_member(case_id):
    """A person from the list or a professional named by address, or a parent or the youth
    invited by e-mail address.
    :raise 404: not visible. :raise 403: not the coordinator. A refusal shows the case page
    again with the form as it was sent (422), without a second audited read."""
    case = services.case_to_manage(current_user, case_id)
    by_email = "email" in request.form
    form = FamilyInviteForm() if by_email else MemberForm()

    def add():
        if by_email:
            return team.invite_family_member(current_user, case.id, form.email.data,
                                                 form.name.data, form.role.data)
        return team.add_member(current_user, case.id, form.user_id.data, form.role.data,
                               form.professional_email.data)

    if submit(form, add, _added):
        return redirect(url_for("cases.show", case_id=case.id))
    return _page(case, status=422, **({"invite": form} if by_email else {"member": form}))


@bp.route("/<int:case_id>/notes", methods=["POST"])
@login_required
def add_note(case_id):
    """:raise 404: case not visible. :raise 403: not a professional."""
    submit(None, lambda: services.add_note(current_user, case_id, request.form.get("text")),
           _("The confidential note is saved."))
    return redirect(url_for("cases.show", case_id=case_id, _anchor="notes-title"))


@bp.route("/<int:case_id>/hard-to-attend", methods=["POST"])
@login_required
def hard_to_attend(case_id):
    """Record or withdraw the team's statement of Kearney's criterion (b).
    :raise 404: case not visible. :raise 403: not a professional."""
    form = request.form
    holds = form.get("holds") != "0"
    submit(None, lambda: services.state_hard_to_attend(
        current_user, case_id, holds, form_date(form.get("stated_on"), "stated_on"),
        form.get("note")),
        _("The team's statement is recorded.") if holds
        else _("The team's statement is withdrawn."))
    return redirect(url_for("cases.show", case_id=case_id, _anchor="hard-to-attend-title"))


@bp.route("/<int:case_id>/members/<int:member_id>/remove", methods=["POST"])
@login_required
def remove_member(case_id, member_id):
    submit(None, lambda: team.remove_member(current_user, case_id, member_id),
           _("The team has been updated."))
    return redirect(url_for("cases.show", case_id=case_id))
