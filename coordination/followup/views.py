"""Pages of the dropout follow-up (DOMAIN.md §7): leaving school and enrolling again on the
student page, contact attempts and stopping on the case page, the letter within 4 weeks,
the zomeractie list and the import of young people who are not enrolled."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from coordination.cases.services import case_to_manage
from coordination.errors import ValidationError
from coordination.fields import choices
from coordination.followup import importer, lists, services
from coordination.followup.forms import (
    AttemptForm,
    DeregisterForm,
    EnrolForm,
    LeaverProfileForm,
    StartCheckForm,
    StopForm,
    attempt_form,
    profile_form,
)
from coordination.followup.labels import (
    CHANNEL_LABELS,
    REASON_LABELS,
)
from coordination.schools import services as schools
from coordination.timeutil import today_local, utcnow
from coordination.visits.forms import full_address
from coordination.web import (
    case_for_form,
    form_page,
    student_for_form,
    student_form_page,
    submit,
)

bp = Blueprint("followup", __name__)
STUDENT_ANCHOR = "school-title"
VISITS_ANCHOR = "visits-title"
FOLLOWUP_ANCHOR = "followup-title"


def _sent():
    return request.method == "POST"


def _enrol_form():
    form = EnrolForm() if _sent() else EnrolForm(enrolled_on=today_local())
    form.school_id.choices = choices([("", _("Choose a school"))] + [
        (school.id, school.name) for school in schools.list_schools()])
    return form


@bp.app_template_global("followup_for_student")
def followup_for_student(student):
    """What the student page shows and offers about leaving school and enrolling again."""
    return {"moves": services.school_moves(student), "reason_labels": REASON_LABELS,
            "today": today_local(),
            "deregister_form": DeregisterForm(formdata=None, left_on=today_local()),
            "enrol_form": _enrol_form()}


def _to_student(student_id):
    return redirect(url_for("students.show", student_id=student_id, _anchor=STUDENT_ANCHOR))


def _to_case(case_id, anchor=VISITS_ANCHOR):
    return redirect(url_for("cases.show", case_id=case_id, _anchor=anchor))


@bp.route("/students/<int:student_id>/deregistrations", methods=["GET", "POST"])
@login_required
def deregister(student_id):
    """The student left school. :raise 404: not visible. :raise 403: not a professional."""
    student = student_for_form(services.student_to_write, student_id)
    form = DeregisterForm() if _sent() else DeregisterForm(left_on=today_local())
    if submit(form, lambda: services.deregister(current_user, student.id, form.left_on.data,
                                                form.reason.data),
              _("Leaving school is recorded. When a follow-up applies, it has started.")):
        return _to_student(student.id)
    return student_form_page(form, student, _("The student left school"),
                             _("Record leaving school"), STUDENT_ANCHOR)


@bp.route("/students/<int:student_id>/enrolments", methods=["GET", "POST"])
@login_required
def enrol(student_id):
    """The student is enrolled again. :raise 404: not visible. :raise 403: not a professional."""
    student = student_for_form(services.student_to_write, student_id)
    form = _enrol_form()
    if submit(form, lambda: services.enrol(current_user, student.id, form.school_id.data,
                                           form.enrolled_on.data, utcnow()),
              _("The enrolment is recorded; the follow-up ends on the day of enrolment.")):
        return _to_student(student.id)
    return student_form_page(form, student, _("The student is enrolled again"),
                             _("Record the enrolment"), STUDENT_ANCHOR)


@bp.route("/cases/<int:case_id>/contact-attempts", methods=["GET", "POST"])
@login_required
def log_attempt(case_id):
    """:raise 404: case not visible. :raise 403: not a professional."""
    case = case_for_form(services.case_to_record, case_id)
    form = AttemptForm() if _sent() else attempt_form(today_local())
    if submit(form, lambda: services.log_attempt(
            current_user, case.id, form.on.data, form.channel.data, form.reached.data == "1",
            form.said.data, form.agreed.data), _("The contact attempt is in the log.")):
        return _to_case(case.id)
    return form_page(form, case, _("Log a contact attempt"), _("Save the contact attempt"),
                     VISITS_ANCHOR)


@bp.route("/cases/<int:case_id>/followup/stop", methods=["GET", "POST"])
@login_required
def stop(case_id):
    """:raise 404: case not visible. :raise 403: not the coordinator."""
    case = case_for_form(case_to_manage, case_id)
    form = StopForm()
    if submit(form, lambda: services.stop(current_user, case.id, form.reason.data,
                                          form.note.data, today_local(), utcnow()),
              _("The follow-up has stopped; no more reminders will come.")):
        return _to_case(case.id)
    return form_page(form, case, _("Stop the follow-up"), _("Stop the follow-up"),
                     VISITS_ANCHOR)


@bp.route("/cases/<int:case_id>/followup/profile", methods=["GET", "POST"])
@login_required
def leaver_profile(case_id):
    """The kind of leaver and the causes. :raise 404: case not visible. :raise 403: not a
    professional."""
    case = case_for_form(services.case_to_record, case_id)
    form = LeaverProfileForm() if _sent() else profile_form(
        services.case_history(case)["profiles"])
    if submit(form, lambda: services.record_leaver_profile(
            current_user, case.id, form.kind.data, form.causes.data, form.note.data),
            _("The kind of leaver and the causes are recorded.")):
        return _to_case(case.id, FOLLOWUP_ANCHOR)
    return form_page(form, case, _("Record the kind of leaver and the causes"), _("Save"),
                     FOLLOWUP_ANCHOR)


@bp.route("/cases/<int:case_id>/followup/start-check", methods=["GET", "POST"])
@login_required
def start_check(case_id):
    """Did they start at the new school? :raise 404: case not visible. :raise 403: not a
    professional."""
    case = case_for_form(services.case_to_record, case_id)
    form = StartCheckForm() if _sent() else StartCheckForm(on=today_local())
    if submit(form, lambda: services.record_start_check(
            current_user, case.id, form.answer(), form.on.data, form.note.data),
            _("The start check is recorded.")):
        return _to_case(case.id, FOLLOWUP_ANCHOR)
    return form_page(form, case, _("Record the start check"), _("Save the start check"),
                     FOLLOWUP_ANCHOR)


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
    page = lists.summer_list(current_user, request.args.get("page", type=int))
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
    lists.check_list_user(current_user)
    results, status = [], 200
    if request.method == "POST":
        lines = _read_upload(request.files.get("file"))
        if lines is None or not submit(None, lambda: _import(lines, results),
                                       _("The list is imported.")):
            status = 422
    return render_template("followup/import.html", result=results[0] if results else None,
                           columns=sorted(importer.COLUMNS), reasons=REASON_LABELS), status
