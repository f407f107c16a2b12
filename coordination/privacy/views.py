"""The privacy officer's pages (the `admin` role): everything about one student, as a
readable page and as a JSON download."""
import json

from flask import Blueprint, Response, abort, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from coordination.audit.views import MAX_ID, admin_only
from coordination.privacy import services
from coordination.validation import optional_db_int

bp = Blueprint("privacy", __name__, url_prefix="/admin")


@bp.route("/privacy")
@admin_only
def lookup():
    """Ask for a student id; go to that student's export. :raise 404: not an admin."""
    student_id = optional_db_int(request.args.get("student_id", "").strip())
    if student_id is not None and 0 < student_id <= MAX_ID:
        return redirect(url_for("privacy.student_export", student_id=student_id))
    return render_template("privacy/lookup.html", bad="student_id" in request.args)


@bp.route("/students/<int:student_id>/export")
@login_required
def student_export(student_id):
    """:raise 404: no such student (or, for others, not in reach). :raise 403: not an admin."""
    data = _export(student_id)
    return render_template("privacy/export.html", data=data,
                           sections=[k for k in data if k not in ("student", "people",
                                                                  "schools")])


@bp.route("/students/<int:student_id>/export.json")
@login_required
def student_export_json(student_id):
    """The same as a JSON download."""
    data = _export(student_id)
    return Response(json.dumps(data, ensure_ascii=False, indent=2), mimetype="application/json",
                    headers={"Content-Disposition":
                             f"attachment; filename=student-{student_id}.json"})


def _export(student_id):
    if student_id > MAX_ID:
        abort(404)
    return services.export_student(current_user, student_id)
