"""The worklist page: what a professional has to do, grouped as overdue, today and this
week (the same service as `GET /api/v1/worklist`; many DUO reports counted per school:
worklist.summary)."""
from flask import Blueprint, render_template
from flask_login import current_user

from coordination.timeutil import today_local
from coordination.web import professional_required
from coordination.worklist import summary

bp = Blueprint("worklist", __name__)


@bp.route("/worklist")
@professional_required
def index():
    on = today_local()
    page = summary.worklist_page(current_user, on)
    return render_template("worklist/index.html", page=page, on=on)
