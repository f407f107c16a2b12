"""The worklist page: what a professional has to do, grouped as overdue, today and this
week (the same service as `GET /api/v1/worklist`)."""
from flask import Blueprint, render_template
from flask_login import current_user

from coordination.timeutil import today_local
from coordination.web import professional_required
from coordination.worklist import services

bp = Blueprint("worklist", __name__)


@bp.route("/worklist")
@professional_required
def index():
    on = today_local()
    items = services.worklist(current_user, on, school_work=True)
    groups = services.grouped(items, on)
    return render_template("worklist/index.html", groups=groups, on=on, count=len(items))
