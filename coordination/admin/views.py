"""Functional management (functioneel beheer): users and schools. Admins only.

Admins manage accounts, schools and the school calendar; they do not read cases.
"""
from functools import wraps

from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from coordination import access
from coordination.accounts import services as accounts
from coordination.accounts.forms import ROLE_LABELS, UserEditForm, UserForm
from coordination.attendance import closures
from coordination.attendance.forms import CalendarFileForm, ClosureForm
from coordination.fields import choices
from coordination.schools import services as schools
from coordination.schools.forms import REGION_LABELS, SchoolForm
from coordination.schools.models import REGIONS
from coordination.web import submit

bp = Blueprint("admin", __name__, url_prefix="/admin")


def admin_required(view):
    @wraps(view)
    @login_required
    def wrapped(*args, **kwargs):
        if not access.may_administer(current_user):
            abort(403)
        return view(*args, **kwargs)

    return wrapped


@bp.route("/users")
@admin_required
def users():
    return render_template("admin/users.html", users=accounts.list_users(),
                           role_labels=ROLE_LABELS)


@bp.route("/users/new", methods=["GET", "POST"])
@admin_required
def new_user():
    form = UserForm()
    form.schools.choices = choices((s.id, s.name) for s in schools.list_schools())
    if submit(form, lambda: accounts.create_user(
            form.email.data, form.name.data, form.role.data,
            password=form.password.data or None, job_title=form.job_title.data,
            phone=form.phone.data, school_ids=form.schools.data, actor=current_user,
            municipalities=_names(form.municipalities.data)),
            lambda user: _("Account created for %(name)s.", name=user.name)):
        return redirect(url_for("admin.users"))
    return render_template("admin/user_form.html", form=form)


def _names(text):
    """Municipality names from a comma-separated field."""
    return [name for name in (text or "").split(",") if name.strip()]


@bp.route("/users/<int:user_id>/edit", methods=["GET", "POST"])
@admin_required
def edit_user(user_id):
    """:raise 404: no such user."""
    user = accounts.user_to_edit(current_user, user_id)
    form = UserEditForm(data={"name": user.name, "role": user.role, "job_title": user.job_title,
                              "phone": user.phone, "schools": [s.id for s in user.schools],
                              "municipalities": ", ".join(m.name for m in user.municipalities)})
    form.role.choices = choices((r, ROLE_LABELS[r]) for r in accounts.role_choices(user))
    form.schools.choices = choices((s.id, s.name) for s in schools.list_schools())
    if submit(form, lambda: accounts.update_user(
            current_user, user.id, form.name.data, form.role.data,
            job_title=form.job_title.data, phone=form.phone.data,
            school_ids=form.schools.data, municipalities=_names(form.municipalities.data)),
            lambda _result: _("The account of %(name)s is saved.", name=user.name)):
        return redirect(url_for("admin.users"))
    return render_template("admin/user_edit.html", form=form, user=user)


@bp.route("/users/<int:user_id>/deactivate", methods=["POST"])
@admin_required
def deactivate_user(user_id):
    """Closes the account and ends its sessions and API tokens at once."""
    user = accounts.user_to_edit(current_user, user_id)
    if submit(None, lambda: accounts.deactivate_user(current_user, user.id),
              _("%(name)s can no longer log in.", name=user.name)):
        return redirect(url_for("admin.users"))
    return redirect(url_for("admin.edit_user", user_id=user.id))


@bp.route("/users/<int:user_id>/reactivate", methods=["POST"])
@admin_required
def reactivate_user(user_id):
    user = accounts.user_to_edit(current_user, user_id)
    submit(None, lambda: accounts.reactivate_user(current_user, user.id),
           _("%(name)s can log in again.", name=user.name))
    return redirect(url_for("admin.edit_user", user_id=user.id))


@bp.route("/schools")
@admin_required
def schools_list():
    return render_template("admin/schools.html", schools=schools.list_schools(),
                           region_labels=REGION_LABELS)


@bp.route("/schools/new", methods=["GET", "POST"])
@admin_required
def new_school():
    form = SchoolForm()
    if submit(form, lambda: schools.create_school(current_user, form.name.data,
                                                  form.brin.data, form.region.data),
              lambda school: _("School %(name)s added.", name=school.name)):
        return redirect(url_for("admin.schools_list"))
    return render_template("admin/school_form.html", form=form)


@bp.route("/schools/<int:school_id>/edit", methods=["GET", "POST"])
@admin_required
def edit_school(school_id):
    """:raise 404: no such school."""
    school = schools.school_to_edit(current_user, school_id)
    form = SchoolForm(obj=school)
    if submit(form, lambda: schools.update_school(current_user, school.id, form.name.data,
                                                  form.brin.data, form.region.data),
              lambda _result: _("School %(name)s saved.", name=school.name)):
        return redirect(url_for("admin.schools_list"))
    return render_template("admin/school_form.html", form=form, school=school)


def _calendar_page(form=None, upload=None, status=200):
    """The calendar page with both of its forms (one of them perhaps with errors)."""
    form = form or ClosureForm()
    upload = upload or CalendarFileForm(prefix="ics")
    school_choices = [(s.id, s.name) for s in schools.list_schools()]
    form.region.choices = choices([("", _("No region (a school closure)"))] + [
        (r, REGION_LABELS[r]) for r in REGIONS])
    form.school_id.choices = choices([("", _("No school (a region holiday)"))]
                                     + school_choices)
    upload.school_id.choices = choices([("", _("Choose a school"))] + school_choices)
    return render_template("admin/calendar.html", form=form, upload=upload,
                           closures=closures.list_closures(),
                           shipped=closures.shipped_holidays(),
                           region_labels=REGION_LABELS), status


@bp.route("/calendar", methods=["GET", "POST"])
@admin_required
def calendar():
    """Region holidays and school closures: the shipped ones (read-only) and those entered
    here; a new one for a region or for one school."""
    form = ClosureForm()
    if submit(form, lambda: closures.add_closure(current_user, form.region.data,
                                                 form.school_id.data, form.first.data,
                                                 form.last.data, form.name.data),
              lambda closure: _("%(name)s is added to the calendar.", name=closure.name)):
        return redirect(url_for("admin.calendar"))
    return _calendar_page(form=form, status=422 if request.method == "POST" else 200)


@bp.route("/calendar/import", methods=["POST"])
@admin_required
def import_calendar():
    """A school's own days off from an iCalendar file; all events or none.
    :raise 404: no such school."""
    upload = CalendarFileForm(prefix="ics")
    if submit(upload, lambda: closures.import_calendar(
            current_user, upload.school_id.data, upload.file.data.stream),
            lambda counts: _("%(imported)d days off imported; %(skipped)d were already in "
                             "the calendar.", imported=counts[0], skipped=counts[1])):
        return redirect(url_for("admin.calendar"))
    return _calendar_page(upload=upload, status=422)


@bp.route("/calendar/closures/<int:closure_id>/delete", methods=["POST"])
@admin_required
def delete_closure(closure_id):
    """:raise 404: no such closure."""
    submit(None, lambda: closures.delete_closure(current_user, closure_id),
           _("The closure is deleted from the calendar."))
    return redirect(url_for("admin.calendar"))
