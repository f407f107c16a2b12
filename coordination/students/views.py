"""Student pages for professionals: search, register, and the student's page."""
from flask import (
    Blueprint,
    Response,
    abort,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required

from coordination import access
from coordination.attendance import picture as attendance
from coordination.attendance.labels import KIND_LABELS, SOURCE_LABELS
from coordination.cases import team
from coordination.cases.forms import OpenCaseForm
from coordination.cases.models import OPEN
from coordination.fields import choices
from coordination.rules.legal_status import legal_status
from coordination.schools import services as schools
from coordination.schools.labels import WEEKDAY_LABELS
from coordination.schools.views import form_hours, form_weekdays
from coordination.students import importer, services
from coordination.students.forms import RosterUploadForm, StudentFilters, StudentForm
from coordination.students.models import LEVELS
from coordination.suspensions import services as suspensions
from coordination.timeutil import today_local
from coordination.web import form_date, professional_required, submit

bp = Blueprint("students", __name__, url_prefix="/students")


@bp.route("/")
@professional_required
def index():
    """The students in reach, 50 a page, searched by name or number and filtered by
    school. :raise 400: a malformed filter."""
    filters = StudentFilters(request.args)
    if not filters.validate():
        abort(400)
    page = services.search_students(current_user, filters.q.data, filters.page.data,
                                    filters.school.data)
    filters.school.choices = choices([("", _("All schools"))] + [
        (str(school_id), name) for school_id, name in services.schools_in_reach(current_user)])
    return render_template("students/index.html", filters=filters, page=page,
                           args=filters.args())


@bp.route("/new", methods=["GET", "POST"])
@professional_required
def new():
    form = StudentForm()
    form.school_id.choices = choices((s.id, s.name) for s in schools.linked_schools(current_user))
    student = submit(form, lambda: services.register_student(current_user, form.data),
                     lambda student: _("%(name)s is registered.", name=student.full_name))
    if student:
        return redirect(url_for("students.show", student_id=student.id))
    return render_template("students/form.html", form=form)


@bp.route("/import", methods=["GET", "POST"])
@professional_required
def import_roster():
    """Upload a school's student roster (CSV): all rows or none, the same service as
    `POST /api/v1/students/import`; row errors are shown on the page."""
    form = RosterUploadForm()
    result, status = None, 200
    if form.validate_on_submit():
        result = importer.import_roster(current_user, form.file.data.stream)
        status = 422 if result.error_count else 200
    elif request.method == "POST":
        status = 422
    return render_template("students/import.html", form=form, result=result,
                           columns=importer.COLUMNS, levels=LEVELS,
                           dutch={v: k for k, v in importer.DUTCH_COLUMNS.items()},
                           schools=schools.linked_schools(current_user)), status


@bp.route("/import/template.csv")
@professional_required
def roster_template():
    """The header row of a roster file, to fill in."""
    return Response(importer.template_csv(), mimetype="text/csv", headers={
        "Content-Disposition": "attachment; filename=leerlingen.csv"})


@bp.route("/<int:student_id>")
@professional_required
def show(student_id):
    """:raise 404: the student does not exist or is not visible to the user."""
    student = services.read_student(current_user, student_id)
    on = form_date(request.args.get("on"), "on") or today_local()
    status = legal_status(student.date_of_birth, student.has_startkwalificatie, on,
                          student.vso_profile)
    form = OpenCaseForm(student_id=student.id, coordinator_id=current_user.id)
    cases = services.cases_of(current_user, student)
    if not any(case.status == OPEN for case, _visible in cases):
        # The form to open a case is shown: its select lists who works where the child
        # is (anyone else is named by address), read only then.
        form.coordinator_id.choices = choices(team.coordinator_candidates(student,
                                                                          current_user))
    return render_template("students/show.html", student=student, status=status, on=on,
                           form=form, cases=cases,
                           exemptions=services.exemptions_of(student.id),
                           may_set_timetable=services.may_set_timetable(current_user, student),
                           weekday_labels=WEEKDAY_LABELS,
                           may_add_exemption=access.may_report_to_duo(current_user),
                           attendance=attendance.attendance_picture(student, on),
                           kind_labels=KIND_LABELS, source_labels=SOURCE_LABELS,
                           **suspensions.section(current_user, student))


@bp.route("/<int:student_id>/exemptions", methods=["POST"])
@login_required
def add_exemption(student_id):
    """Record an exemption. :raise 403: not a coordinator or attendance officer.
    :raise 404: the student is not visible."""
    form = request.form
    raw_last = form.get("last", "").strip()
    submit(None, lambda: services.add_exemption(
        current_user, student_id, form_date(form.get("first")), form_date(raw_last),
        form.get("reason"), last_malformed=bool(raw_last) and form_date(raw_last) is None),
        _("The exemption is recorded."))
    return redirect(url_for("students.show", student_id=student_id, _anchor="exemptions-title"))


@bp.route("/<int:student_id>/timetable", methods=["POST"])
@login_required
def set_timetable(student_id):
    """The student's own hours per school day and school days (both empty: the school's).
    :raise 403: not staff of the student's school. :raise 404: the student is not visible."""
    form = request.form
    raw_hours = form.get("hours_per_day", "").strip()
    hours = form_hours(raw_hours)
    if raw_hours and hours is None:
        hours = -1.0  # unreadable: the service names the field
    submit(None, lambda: services.set_timetable(current_user, student_id, hours,
                                                form_weekdays(form.getlist("weekdays"))),
           _("The student's timetable is saved."))
    return redirect(url_for("students.show", student_id=student_id, _anchor="timetable-title"))
