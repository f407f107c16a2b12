"""Small helpers shared by the page views."""
from datetime import date
from functools import wraps

from flask import abort, flash, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from coordination.cases import services as cases
from coordination.errors import ServiceError, ValidationError
from coordination.students import services as students
from coordination.validation import (
    ISO_DATE,
    apply_errors,
    in_range,
    optional_db_int,
    range_message,
)


def professional_required(view):
    """Logged in as coordinator, professional or attendance officer; 403 for other roles."""
    @wraps(view)
    @login_required
    def wrapped(*args, **kwargs):
        if not current_user.is_professional:
            abort(403)
        return view(*args, **kwargs)

    return wrapped


def error_text(exc):
    """A service error as one line a person can act on."""
    messages = [str(m) for ms in exc.fields.values() for m in ms]
    return " ".join(messages) or str(exc.message)


def submit(form, action, success):
    """The one way a page form is sent: validate `form`, run the service call `action()`,
    flash `success` (a text, or a function of what the service returned that gives it;
    None: the next page says it). Returns what the service returned (True when that is
    None) once stored.

    Returns False, with every problem on the form's own fields (its type checks first, then
    the service's ValidationError), for the page to show the form again as it was sent.
    `form` None: a button or a one-line form that sits on another page and is sent back
    there (the services check what it sends; CSRF is checked for every POST): the
    service's problem is flashed, to be read on that page.
    A GET is never a submit. :raise Forbidden, NotFound: as the service raised them.
    """
    if form is not None and not form.validate_on_submit():
        return False
    try:
        result = action()
    except ServiceError as exc:
        if exc.status in (403, 404):
            raise
        if form is None:
            flash(error_text(exc), "error")
        else:
            apply_errors(form, exc)
        return False
    if success is not None:
        flash(success(result) if callable(success) else success, "success")
    return True if result is None else result


def flash_errors(form):
    """Flash a refused form's problems, for a form that has no page to come back on (it
    sits on another page and is sent back there): each field's label and its messages."""
    for message in form.form_errors:
        flash(str(message), "error")
    for name, messages in form.errors.items():
        if name == "csrf_token":
            flash(_("The form had expired. Please send it again."), "error")
        elif name is not None and name in form._fields:
            flash(f"{form[name].label.text}: {' '.join(str(m) for m in messages)}", "error")


def case_for_form(check, case_id):
    """The case behind a case form, after `check(current_user, case_id)` (its 403/404 come
    first). Opening the form's page (GET) is a read of the case and is audited; a refused
    submit is not."""
    case = check(current_user, case_id)
    if request.method == "GET":
        cases.read_case(current_user, case.id)
    return case


def student_for_form(check, student_id):
    """The student behind a student form, after `check(current_user, student_id)` (its
    403/404 come first). Opening the form's page (GET) is an audited read of the student; a
    refused submit is not."""
    student = check(current_user, student_id)
    if request.method == "GET":
        students.read_student(current_user, student.id)
    return student


def _own_page(template, form, subject, title, button, back, back_label, **context):
    status = 422 if request.method == "POST" else 200
    return render_template(template, form=form, subject=subject, title=title, button=button,
                           back=back, back_label=back_label, **context), status


def form_page(form, case, title, button, anchor, template="form_page.html", **context):
    """A case form on a page of its own: empty on GET (200), or as it was sent with its
    errors (422). The URL answers both, so reloading after a wrong submit works."""
    back = url_for("cases.show", case_id=case.id, _anchor=anchor)
    return _own_page(template, form, case.student, title, button, back,
                     _("Back to the case"), case=case, **context)


def student_form_page(form, student, title, button, anchor):
    """A student form on a page of its own, as `form_page` does for a case form."""
    back = url_for("students.show", student_id=student.id, _anchor=anchor)
    return _own_page("form_page.html", form, student, title, button, back,
                     _("Back to the student"))



def form_date(value, field="date"):
    """A YYYY-MM-DD form value, or None when empty or malformed.

    :raise ValidationError: on `field`, a date outside the allowed range (settings).
    """
    if not (isinstance(value, str) and ISO_DATE.fullmatch(value)):
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return None
    if not in_range(day):
        raise ValidationError(fields={field: [range_message("event")]})
    return day


# The one optional id is validation.optional_db_int; this name stays only for the views
# that still read request.form by hand (agreements, followup) until they get forms.
form_int = optional_db_int
