"""Logging in and out, choosing the language, and the start page."""
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required

from coordination import access
from coordination.accounts import services, sessions, tokens
from coordination.accounts.forms import LoginForm
from coordination.extensions import limiter
from coordination.timeutil import utcnow

bp = Blueprint("accounts", __name__)


def safe_next(target):
    """Only a local path is followed after login: no scheme, no host, no '//'."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    if "\\" in target:
        return None
    return target


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT"], methods=["POST"])
def login():
    form = LoginForm()
    if form.validate_on_submit():
        user = services.authenticate(form.email.data, form.password.data, request.remote_addr)
        if user is not None:
            sessions.start_session(user)
            return redirect(safe_next(request.args.get("next")) or url_for("accounts.home"))
        # One text for an unknown email, a wrong password and a throttled attempt.
        form.form_errors.append(_(
            "The email address or password is not right, or there were too many "
            "attempts: wait a moment and try again."))
    return render_template("accounts/login.html", form=form)


@bp.route("/logout", methods=["POST"])
def logout():
    sessions.end_session()
    flash(_("You are logged out."), "info")
    return redirect(url_for("accounts.login"))


@bp.route("/language", methods=["POST"])
def language():
    choice = request.form.get("locale")
    if choice in current_app.config["LANGUAGES"]:
        session["locale"] = choice
        if current_user.is_authenticated:
            services.set_locale(current_user, choice)
    return redirect(safe_next(request.form.get("next")) or url_for("accounts.home"))


@bp.route("/account")
@login_required
def account():
    """The user's own account: their API tokens, each with a button to end it."""
    return render_template("accounts/account.html", tokens=tokens.tokens_of(current_user),
                           now=utcnow())


@bp.route("/account/tokens/<int:token_id>/revoke", methods=["POST"])
@login_required
def revoke_token(token_id):
    """:raise 404: a token that is not the user's own."""
    tokens.revoke_own_token(current_user, token_id)
    flash(_("The token no longer works."), "success")
    return redirect(url_for("accounts.account"))


@bp.route("/")
@login_required
def home():
    """Send each role to where its work is."""
    if current_user.role == "admin":
        return redirect(url_for("admin.users"))
    if current_user.is_professional:
        return redirect(url_for("worklist.index"))
    if access.may_view_region(current_user):
        return redirect(url_for("region.overview"))
    return redirect(url_for("cases.index"))
