"""Small helpers shared by the page views."""
from datetime import date, datetime, time
from functools import wraps

from flask import abort, flash
from flask_login import current_user, login_required

from coordination.errors import ServiceError
from coordination.timeutil import AMSTERDAM


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


def form_date(value):
    """A YYYY-MM-DD form value, or None when empty or malformed."""
    try:
        return date.fromisoformat(value or "")
    except ValueError:
        return None


def form_int(value):
    try:
        return int(value) if value else None
    except ValueError:
        return None


def form_local_moment(day, clock):
    """A date and HH:MM entered in the Netherlands, as an aware datetime; None if malformed."""
    try:
        return datetime.combine(date.fromisoformat(day or ""), time.fromisoformat(clock or ""),
                                tzinfo=AMSTERDAM)
    except ValueError:
        return None
