"""Language choice: Dutch by default, English available; the choice is remembered."""
from datetime import date
from functools import lru_cache

from flask import current_app, has_request_context, session
from flask_login import current_user


def select_locale():
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():  # CLI commands and jobs: no user, no session
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    if current_user and current_user.is_authenticated and current_user.locale in languages:
        return current_user.locale
    if session.get("locale") in languages:
        return session["locale"]
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def init_app(app):
    from flask_babel import format_date, format_datetime, get_locale

    from coordination.timeutil import as_utc

    @lru_cache(maxsize=4096)
    def calendar_day(day, fmt, _locale):
        return format_date(day, fmt)

    def date_filter(d, fmt="medium"):
        """A date in the page's language. A calendar day (no time, so no time zone) is
        formatted once per day, format and language: the student page's year of school
        days formatted each of its 200 days through Babel on every request (issue 12)."""
        if not d:
            return ""
        if type(d) is date:
            return calendar_day(d, fmt, str(get_locale()))
        return format_date(d, fmt)

    app.jinja_env.globals.update(get_locale=get_locale)
    app.jinja_env.filters["iso"] = lambda d: as_utc(d).isoformat() if d else ""
    app.jinja_env.filters["date"] = date_filter
    app.jinja_env.filters["datetime"] = (
        lambda d, fmt="medium": format_datetime(d, fmt) if d else ""
    )
