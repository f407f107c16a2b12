"""Logging in and out, choosing the language, and the start page."""
from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from coordination.accounts import services, sessions
from coordination.accounts.forms import LoginForm
from coordination.extensions import limiter

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
        user = services.authenticate(form.email.data, form.password.data)
        if user is not None:
            sessions.start_session(user)
            return redirect(safe_next(request.args.get("next")) or url_for("accounts.home"))
        form.form_errors.append(_(
            "The email address or password is not right, or the account is locked "
            "for a while after too many attempts."))
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


@bp.route("/")
@login_required
def home():
    """Send each role to where its work is."""
    if current_user.role == "admin":
        return redirect(url_for("admin.users"))
    return redirect(url_for("cases.index"))
