"""The timetable page of a school: hours per school day and weekdays per level, and
whether the school counts lesson hours (issue 10 "Timetables"). Set by the school's staff
(professionals linked to it) and admins."""
from flask import Blueprint, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from coordination.schools import services
from coordination.schools.labels import WEEKDAY_LABELS
from coordination.students.models import LEVELS
from coordination.web import submit

bp = Blueprint("schools", __name__, url_prefix="/schools")


def form_hours(value):
    """Hours as people type them (4,5 or 4.5), or None when empty or unreadable."""
    try:
        return float((value or "").strip().replace(",", "."))
    except ValueError:
        return None


def form_weekdays(values):
    """The ISO weekdays ticked in a form (unknown values are left for the service)."""
    return {int(v) for v in values if v.isdigit() and len(v) == 1}


@bp.route("/")
@login_required
def index():
    """The schools whose timetables the user sets. :raise 403: not staff or admin."""
    return render_template("schools/index.html",
                           schools=services.timetable_schools(current_user))


@bp.route("/<int:school_id>/timetable")
@login_required
def timetable(school_id):
    """:raise 404: no such school, or the user is not its staff (nor an admin)."""
    school, rows = services.timetable_of(current_user, school_id)
    return render_template("schools/timetable.html", school=school, rows=rows, levels=LEVELS,
                           weekday_labels=WEEKDAY_LABELS)


def _back(school_id):
    return redirect(url_for("schools.timetable", school_id=school_id))


@bp.route("/<int:school_id>/timetable", methods=["POST"])
@login_required
def set_timetable(school_id):
    """Set the timetable of one level (or the school's default). :raise 404: as above."""
    form = request.form
    submit(None, lambda: services.set_timetable(
        current_user, school_id, form.get("level"), form_hours(form.get("hours_per_day")),
        form_weekdays(form.getlist("weekdays"))), _("The timetable is saved."))
    return _back(school_id)


@bp.route("/<int:school_id>/timetable/remove", methods=["POST"])
@login_required
def remove_timetable(school_id):
    """The level follows the school's default again. :raise 404: as above."""
    submit(None, lambda: services.remove_timetable(current_user, school_id,
                                                   request.form.get("level")),
           _("The timetable of this level is removed."))
    return _back(school_id)


@bp.route("/<int:school_id>/lesson-hours", methods=["POST"])
@login_required
def lesson_hours(school_id):
    """Count lesson hours or clock hours. :raise 404: as above."""
    on = request.form.get("lesson_hours") == "1"
    submit(None, lambda: services.set_lesson_hours(current_user, school_id, on),
           _("The school now counts lesson hours.") if on
           else _("The school now counts clock hours."))
    return _back(school_id)
