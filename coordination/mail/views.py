"""The Mailbox page: what the development mail catcher received. Registered only when
REGIE_ENV=development (see create_app); in production and testing the route does not exist."""
from flask import Blueprint, current_app, render_template

from coordination.mail import catcher

bp = Blueprint("mailbox", __name__, url_prefix="/dev")


@bp.route("/mailbox")
def index():
    """Public on purpose: a newcomer opens an invitation here before having an account."""
    return render_template("mailbox/index.html",
                           messages=catcher.messages(current_app.config["MAILBOX_DIR"]),
                           mail_at=f"{current_app.config['MAIL_HOST']}:"
                                   f"{current_app.config['MAIL_PORT']}")
