"""Pages of the dropout follow-up (DOMAIN.md §7): leaving school and enrolling again on the
student page, contact attempts and stopping on the case page, the letter within 4 weeks,
the zomeractie list and the import of young people who are not enrolled."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from coordination.errors import ValidationError
from coordination.followup import importer, services
from coordination.followup.labels import (
    CAUSE_LABELS,
    CHANNEL_LABELS,
    END_LABELS,
    LEAVER_KIND_LABELS,
    REASON_LABELS,
)
from coordination.followup.models import REASONS
from coordination.schools import services as schools
from coordination.timeutil import today_local, utcnow
from coordination.visits.views import full_address
from coordination.web import form_date, form_int, perform

bp = Blueprint("followup", __name__)


@bp.app_template_global("followup_for_student")
def followup_for_student(student):
    """What the student page shows and offers about leaving school and enrolling again."""
    return {"moves": services.school_moves(student), "reasons": REASONS,
            "reason_labels": REASON_LABELS, "schools": schools.list_schools(),
            "today": today_local()}


@bp.app_template_global("followup_for_case")
def followup_for_case(case):
    """What the team's case page shows and offers about the follow-up: the kind of leaver
    and the causes, the September start check, and how the follow-up ended (history)."""
    return {**services.case_history(case), "kind_labels": LEAVER_KIND_LABELS,
            "cause_labels": CAUSE_LABELS, "end_labels": END_LABELS, "today": today_local()}


def _to_student(student_id):
    return redirect(url_for("students.show", student_id=student_id, _anchor="school-title"))


def _to_case(case_id, anchor="visits-title"):
    return redirect(url_for("cases.show", case_id=case_id, _anchor=anchor))


@bp.route("/students/<int:student_id>/deregistrations", methods=["POST"])
@login_required
def deregister(student_id):
    """The student left school. :raise 404: not visible. :raise 403: not a professional."""
    services.student_to_write(current_user, student_id)
    form = request.form
    perform(lambda: services.deregister(current_user, student_id, form_date(form.get("left_on")),
                                        form.get("reason")),
            _("Leaving school is recorded. When a follow-up applies, it has started."))
    return _to_student(student_id)


@bp.route("/students/<int:student_id>/enrolments", methods=["POST"])
@login_required
def enrol(student_id):
    """The student is enrolled again. :raise 404: not visible. :raise 403: not a professional."""
    services.student_to_write(current_user, student_id)
    form = request.form
    perform(lambda: services.enrol(current_user, student_id, form_int(form.get("school_id")),
                                   form_date(form.get("enrolled_on")), utcnow()),
            _("The enrolment is recorded; the follow-up ends on the day of enrolment."))
    return _to_student(student_id)


@bp.route("/cases/<int:case_id>/contact-attempts", methods=["POST"])
@login_required
def log_attempt(case_id):
    """:raise 404: case not visible. :raise 403: not a professional."""
    form = request.form
    perform(lambda: services.log_attempt(
        current_user, case_id, form_date(form.get("on")), form.get("channel"),
        form.get("reached") == "1", form.get("said"), form.get("agreed")),
        _("The contact attempt is in the log."))
    return _to_case(case_id)


@bp.route("/cases/<int:case_id>/followup/stop", methods=["POST"])
@login_required
def stop(case_id):
    """:raise 404: case not visible. :raise 403: not the coordinator."""
    form = request.form
    perform(lambda: services.stop(current_user, case_id, form.get("reason"), form.get("note"),
                                  today_local(), utcnow()),
            _("The follow-up has stopped; no more reminders will come."))
    return _to_case(case_id)


@bp.route("/cases/<int:case_id>/followup/profile", methods=["POST"])
@login_required
def leaver_profile(case_id):
    """The kind of leaver and the causes. :raise 404: case not visible. :raise 403: not a
    professional."""
    form = request.form
    perform(lambda: services.record_leaver_profile(
        current_user, case_id, form.get("kind"), form.getlist("causes"), form.get("note")),
        _("The kind of leaver and the causes are recorded."))
    return _to_case(case_id, "followup-title")


@bp.route("/cases/<int:case_id>/followup/start-check", methods=["POST"])
@login_required
def start_check(case_id):
    """Did they start at the new school? :raise 404: case not visible. :raise 403: not a
    professional."""
    form = request.form
    started = {"1": True, "0": False}.get(form.get("started"))
    perform(lambda: services.record_start_check(
        current_user, case_id, started, form_date(form.get("on"), "on"), form.get("note")),
        _("The start check is recorded."))
    return _to_case(case_id, "followup-title")


@bp.route("/cases/<int:case_id>/letter")
@login_required
def letter(case_id):
    """The letter to the young person, always in Dutch, to print.
    :raise 404: case not visible. :raise 403: not a professional."""
    case, left_on = services.letter(current_user, case_id)
    if not case.followup:
        # Issue 11 finding 9: no letter for a case that is not in follow-up.
        return render_template("followup/no_letter.html", case=case)
    with force_locale("nl"):
        return render_template("followup/letter.html", case=case, left_on=left_on,
                               today=today_local())


@bp.route("/followup/")
@login_required
def summer_list():
    """The zomeractie list, 50 a page (`?page=`; not a number: the first).
    :raise 403: not a coordinator or attendance officer."""
    page = services.summer_list(current_user, request.args.get("page", type=int))
    return render_template("followup/list.html", page=page, channel_labels=CHANNEL_LABELS,
                           full_address=full_address)


def _read_upload(upload):
    """The uploaded CSV as text lines, or None (flashed) when there is none or it is not
    UTF-8."""
    if upload is None or not upload.filename:
        flash(_("Choose the file to upload."), "error")
        return None
    # Read as a stream: a list is never held in memory as a whole.
    return upload.stream


def _import(lines, results):
    results.append(importer.import_list(current_user, lines, today_local()))
    if results[-1].errors:
        raise ValidationError(_("Nothing was stored. Correct the rows below and upload the "
                                "whole list again."))


@bp.route("/followup/import", methods=["GET", "POST"])
@login_required
def import_list():
    """Open follow-up cases for the young people on a list. All rows or none.
    :raise 403: not a coordinator or attendance officer."""
    services.check_list_user(current_user)
    results, status = [], 200
    if request.method == "POST":
        lines = _read_upload(request.files.get("file"))
        if lines is None or not perform(lambda: _import(lines, results),
                                        _("The list is imported.")):
            status = 422
    return render_template("followup/import.html", result=results[0] if results else None,
                           columns=sorted(importer.COLUMNS), reasons=REASON_LABELS), status
