"""Attendance pages: uploading the registration, the DUO reports due, and manual entries
and corrections on the student page."""
from datetime import time
from types import SimpleNamespace

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import format_decimal
from flask_babel import gettext as _
from flask_login import current_user, login_required

from coordination import access
from coordination.attendance import corrections, duo_reports, importer, uploads
from coordination.attendance.forms import DueFilters, ReportForm, UploadForm
from coordination.attendance.labels import BAND_LABELS, KIND_LABELS, SIGNAL_LABELS
from coordination.fields import choices
from coordination.schools import services as schools
from coordination.signals import due_list
from coordination.timeutil import today_local
from coordination.web import form_date, form_int, submit

bp = Blueprint("attendance", __name__)


@bp.app_template_filter("hours")
def hours_filter(value):
    """Hours as people write them: 12,5 (Dutch) or 12.5, at most one decimal."""
    return format_decimal(value or 0, format="#,##0.#")


@bp.app_template_global("signal_label")
def signal_label(code):
    return SIGNAL_LABELS.get(code, code)


@bp.app_template_global("band_label")
def band_label(band):
    return BAND_LABELS.get(band, band)


@bp.app_template_global("kind_label")
def kind_label(kind):
    return KIND_LABELS.get(kind, kind)


def form_time(value):
    """A HH:MM (or HH:MM:SS) form value, or None."""
    try:
        return time.fromisoformat(value or "") if len(value or "") in (5, 8) else None
    except ValueError:
        return None


@bp.route("/attendance/import", methods=["GET", "POST"])
@login_required
def upload():
    """Upload the school's registration (CSV): all rows or none; large files are queued.
    :raise 403: may not import attendance."""
    if not access.may_import_attendance(current_user):
        abort(403)
    form = UploadForm()
    form.school_id.choices = choices([("", _("All schools"))] + [
        (s.id, s.name) for s in schools.list_schools()])
    result, status = None, 200
    if form.validate_on_submit():
        upload = form.file.data
        result, queued = uploads.receive(current_user, upload.stream,
                                         filename=(upload.filename or "")[:255] or None,
                                         school_id=form.school_id.data)
        if queued is not None:
            return redirect(url_for("attendance.import_state", import_id=queued.id))
        status = 422 if result.error_count else 200
    elif request.method == "POST":
        status = 422
    return render_template("attendance/upload.html", form=form, result=result,
                           columns=importer.COLUMNS, kinds=KIND_LABELS), status


@bp.route("/attendance/imports/<int:import_id>")
@login_required
def import_state(import_id):
    """A queued or finished import. :raise 404: not the uploader's own import."""
    record = uploads.import_state(current_user, import_id)
    result = SimpleNamespace(imported=record.imported, duplicates=record.duplicates,
                             corrected=record.corrected, errors=record.errors or [],
                             error_count=len(record.errors or []))
    return render_template("attendance/import_state.html", record=record, result=result)


@bp.route("/attendance/reports")
@login_required
def reports():
    """DUO reports due today. :raise 403: not a coordinator or attendance officer."""
    on = today_local()
    filters = DueFilters(request.args)
    if not filters.validate():
        abort(400)
    total, school_ids, page = due_list.reports_due_page(
        current_user, on, filters.page.data, due_list.DueFilter(
            filters.school.data or None, filters.code.data or None, filters.deadline.data or None))
    filters.school.choices = choices([("", _("All schools"))] + [
        (str(school.id), school.name) for school in schools.named(school_ids)])
    return render_template("attendance/reports.html", page=page, total=total, on=on,
                           form=ReportForm(), filters=filters, args=filters.args(),
                           signal_labels=SIGNAL_LABELS)


@bp.route("/attendance/reports", methods=["POST"])
@login_required
def record_report():
    """Record that a report was made; the row leaves the list.
    :raise 403: not a coordinator or attendance officer. :raise 404: student not visible."""
    if not access.may_report_to_duo(current_user):
        abort(403)
    form = ReportForm()
    # Sent from a case page's "next" header: back to that case (url_for: no open redirect).
    case_id = form_int(request.form.get("back_to_case"))
    back = redirect(url_for("cases.show", case_id=case_id, _anchor="next-title") if case_id
                    else url_for("attendance.reports"))
    if not form.validate_on_submit():
        flash(" ".join(str(m) for ms in form.errors.values() for m in ms), "error")
        return back
    submit(None, lambda: duo_reports.record_report(
        current_user, form.student_id.data, form.code.data, form.start.data, form.end.data,
        form.reported_on.data, form.reference.data),
        _("The report is recorded."))
    return back


def _back(student_id):
    return redirect(url_for("students.show", student_id=student_id, _anchor="absences-title"))


@bp.route("/students/<int:student_id>/absences", methods=["POST"])
@login_required
def add_absence(student_id):
    """Enter an absence by hand. :raise 403: not a professional. :raise 404: not visible."""
    form = request.form
    submit(None, lambda: corrections.add_absence(
        current_user, student_id, form_date(form.get("day")), form_time(form.get("start")),
        form_time(form.get("end")), form.get("kind"), form.get("reason")),
        _("The absence is added."))
    return _back(student_id)


@bp.route("/students/<int:student_id>/absences/<int:absence_id>/correct", methods=["POST"])
@login_required
def correct_absence(student_id, absence_id):
    """Correct or withdraw an absence (a new row; the old one stays).
    :raise 403: not a professional. :raise 404: student or absence not visible."""
    form = request.form
    withdrawn = form.get("withdrawn") in ("y", "on", "1", "true")
    submit(None, lambda: corrections.correct_absence(
        current_user, student_id, absence_id, form_date(form.get("day")),
        form_time(form.get("start")), form_time(form.get("end")), form.get("kind"),
        withdrawn, form.get("reason")),
        _("The absence is withdrawn; the earlier entry stays in the history.") if withdrawn
        else _("The absence is corrected; the earlier entry stays in the history."))
    return _back(student_id)

