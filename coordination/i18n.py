"""Language choice: Dutch by default, English available; the choice is remembered."""
from datetime import date
from functools import lru_cache

from flask import (
    before_render_template,
    current_app,
    g,
    has_request_context,
    session,
    template_rendered,
)
from flask_babel import get_translations
from flask_login import current_user

# The translations of the templates being rendered, innermost last (see init_app).
_RENDERING = "_regie_template_translations"


def select_locale():
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():  # CLI commands and jobs: no user, no session
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    if current_user and current_user.is_authenticated and current_user.locale in languages:
        return current_user.locale
    if session.get("locale") in languages:
        return session["locale"]
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def _rendering(_app, **_extra):
    g.setdefault(_RENDERING, []).append(get_translations())


def _rendered(_app, **_extra):
    if g.get(_RENDERING):
        g.get(_RENDERING).pop()


def _translations():
    rendering = g.get(_RENDERING)
    return rendering[-1] if rendering else get_translations()


def _template_gettext(app):
    """The templates' `_()` looks up the translations once per rendered template rather
    than through Flask-Babel's context on every call (the case page's ~200 calls were a
    sixth of its rendering, issue 12). Each render takes the translations of the locale
    in force when it starts (also inside `force_locale`, as for mail and the letter)."""
    before_render_template.connect(_rendering, app)
    template_rendered.connect(_rendered, app)
    app.jinja_env.install_gettext_callables(
        gettext=lambda s: _translations().ugettext(s),
        ngettext=lambda s, p, n: _translations().ungettext(s, p, n),
        pgettext=lambda c, s: _translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: _translations().unpgettext(c, s, p, n),
        newstyle=True)


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

    _template_gettext(app)
    app.jinja_env.globals.update(get_locale=get_locale)
    app.jinja_env.filters["iso"] = lambda d: as_utc(d).isoformat() if d else ""
    app.jinja_env.filters["date"] = date_filter
    app.jinja_env.filters["datetime"] = (
        lambda d, fmt="medium": format_datetime(d, fmt) if d else ""
    )
