"""Language choice: Dutch by default, English available; the choice is remembered."""
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

    app.jinja_env.globals.update(get_locale=get_locale)
    app.jinja_env.filters["iso"] = lambda d: as_utc(d).isoformat() if d else ""
    app.jinja_env.filters["date"] = lambda d, fmt="medium": format_date(d, fmt) if d else ""
    app.jinja_env.filters["datetime"] = (
        lambda d, fmt="medium": format_datetime(d, fmt) if d else ""
    )
