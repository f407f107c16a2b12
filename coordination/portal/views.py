"""The invitation link: a parent or youth sets a password, then logs in."""
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from coordination.accounts import sessions
from coordination.errors import ServiceError
from coordination.portal import services
from coordination.web import perform

bp = Blueprint("portal", __name__)


@bp.route("/welcome/<token>", methods=["GET", "POST"])
def welcome(token):
    """Public, guarded by the one-time token. An expired or used link explains itself."""
    invitation = services.valid_invitation(token)
    if invitation is None:
        return render_template("portal/link_expired.html"), 404
    errors = {}
    if request.method == "POST":
        try:
            user = services.accept(token, request.form.get("password"), request.form.get("repeat"))
        except ServiceError as exc:
            errors = exc.fields
        else:
            sessions.start_session(user)
            flash(_("Welcome! Your password is set."), "success")
            return redirect(url_for("cases.index"))
    return render_template("portal/welcome.html", invitation=invitation, errors=errors), (
        422 if errors else 200)


@bp.route("/cases/<int:case_id>/members/<int:member_id>/invite", methods=["POST"])
@login_required
def invite(case_id, member_id):
    """:raise 404: not visible. :raise 403: not the coordinator."""
    perform(lambda: services.invite(current_user, case_id, member_id),
            _("The invitation is on its way by email. The link works for 7 days."))
    return redirect(url_for("cases.show", case_id=case_id, _anchor="team-title"))
