"""The invitation link: a parent or youth joins a case (and, for a new account, chooses a
password).

The mailed link `/welcome/<token>` only moves the token into the session and redirects to
`/welcome` at once, so the token appears in no later URL, Referer header or access-log
line, and the flow needs no JavaScript. The redirect itself is the one logged request
with a token: a token works once, for 7 days, and only for the account it was sent to.
"""
from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from coordination.accounts import sessions
from coordination.errors import Forbidden, ServiceError
from coordination.portal import services
from coordination.web import submit

bp = Blueprint("portal", __name__)


def _expired():
    session.pop(sessions.PENDING_INVITATION, None)
    return render_template("portal/link_expired.html"), 404


@bp.route("/welcome/<token>")
def welcome(token):
    """Public, guarded by the one-time token. An expired or used link explains itself."""
    if services.valid_invitation(token) is None:
        return _expired()
    session[sessions.PENDING_INVITATION] = token
    return redirect(url_for("portal.invitation"))


@bp.route("/welcome", methods=["GET", "POST"])
def invitation():
    """The invitation held in the session: join (logged in as the invited account, which
    keeps its password) or choose the first password. :raise 404: no usable invitation."""
    token = session.get(sessions.PENDING_INVITATION)
    invitation = services.valid_invitation(token)
    if invitation is None:
        return _expired()
    if invitation.user.password_hash is not None:
        return _join(token, invitation)
    return _choose_password(token, invitation)


def _join(token, invitation):
    mine = current_user.is_authenticated and current_user.id == invitation.user_id
    if request.method == "POST":
        if not mine:
            raise Forbidden()
        case_id = services.join(current_user, token)
        session.pop(sessions.PENDING_INVITATION, None)
        flash(_("You can now see this case."), "success")
        return redirect(url_for("cases.show", case_id=case_id))
    return render_template("portal/join.html", invitation=invitation, mine=mine,
                           someone_else=current_user.is_authenticated and not mine)


def _choose_password(token, invitation):
    errors = {}
    if request.method == "POST":
        try:
            user = services.accept(token, request.form.get("password"),
                                   request.form.get("repeat"))
        except ServiceError as exc:
            if exc.status in (403, 404):
                raise
            errors = exc.fields
        else:
            sessions.start_session(user)
            session.pop(sessions.PENDING_INVITATION, None)
            flash(_("Welcome! Your password is set."), "success")
            return redirect(url_for("cases.show", case_id=invitation.case_id))
    return render_template("portal/welcome.html", invitation=invitation, errors=errors), (
        422 if errors else 200)


@bp.route("/cases/<int:case_id>/members/<int:member_id>/invite", methods=["POST"])
@login_required
def invite(case_id, member_id):
    """:raise 404: not visible. :raise 403: not the coordinator."""
    submit(None, lambda: services.invite(current_user, case_id, member_id),
           _("The invitation is on its way by email. The link works for 7 days."))
    return redirect(url_for("cases.show", case_id=case_id, _anchor="team-title"))
