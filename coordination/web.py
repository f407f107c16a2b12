"""Small helpers shared by the page views."""
from datetime import date, datetime, time
from functools import wraps

from flask import abort, flash
from flask_login import current_user, login_required

from coordination.errors import ServiceError, ValidationError
from coordination.timeutil import AMSTERDAM
from coordination.validation import ISO_DATE, in_range, optional_db_int, range_message


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


def perform(action, success):
    """Run the service call behind a page form.

    403 and 404 propagate (the error pages answer them); other problems are flashed so
    the person can act on them, and nothing was stored. Returns True on success.
    """
    try:
        action()
    except ServiceError as exc:
        if exc.status in (403, 404):
            raise
        flash(error_text(exc), "error")
        return False
    flash(success, "success")
    return True


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


def form_int(value):
    """An id from a form, or None when empty or not an id the database can hold."""
    return optional_db_int(value)


def form_local_moment(day, clock):
    """A date and HH:MM entered in the Netherlands, as an aware datetime; None if malformed.

    :raise ValidationError: a date outside the allowed range.
    """
    day = form_date(day)
    try:
        return datetime.combine(day, time.fromisoformat(clock or ""), tzinfo=AMSTERDAM)
    except (TypeError, ValueError):
        return None
