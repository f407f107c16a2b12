"""Small helpers shared by the page views."""
from functools import wraps

from flask import abort
from flask_login import current_user, login_required


def professional_required(view):
    """Logged in as coordinator, professional or attendance officer; 403 for other roles."""
    @wraps(view)
    @login_required
    def wrapped(*args, **kwargs):
        if not current_user.is_professional:
            abort(403)
        return view(*args, **kwargs)

    return wrapped
