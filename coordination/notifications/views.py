"""The bell: a list of one's notifications, and marking them read."""
from flask import Blueprint, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from coordination.followup.labels import FOLLOWUP_STEPS
from coordination.notifications import services
from coordination.tiers.labels import TIER_LABELS
from coordination.timeutil import utcnow
from coordination.validation import optional_db_int

bp = Blueprint("notifications", __name__, url_prefix="/notifications")


@bp.route("/")
@login_required
def index():
    return render_template("notifications/index.html", items=services.recent(current_user),
                           tier_labels=TIER_LABELS, followup_steps=FOLLOWUP_STEPS)


@bp.route("/read", methods=["POST"])
@login_required
def read():
    """Mark one notification (`id`) or all of them read."""
    services.mark_read(current_user, utcnow(), optional_db_int(request.form.get("id")))
    return redirect(url_for("notifications.index"))


@bp.route("/digest", methods=["POST"])
@login_required
def digest():
    """Choose one mail a day (a digest) instead of a mail per notification."""
    services.set_digest(current_user, request.form.get("digest") == "1")
    return redirect(url_for("notifications.index"))


def init_app(app):
    @app.context_processor
    def unread():
        """The unread count for the bell in the header (one query, logged-in users only)."""
        if current_user and current_user.is_authenticated:
            return {"unread_notifications": services.unread_count(current_user)}
        return {"unread_notifications": 0}
