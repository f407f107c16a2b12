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
from flask_babel import Domain, get_domain, get_locale, get_translations
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
    locale = get_locale()
    g.setdefault(_RENDERING, []).append((locale, _looked_up(get_domain())))


def _rendered(_app, **_extra):
    if g.get(_RENDERING):
        g.get(_RENDERING).pop()


def _translations():
    rendering = g.get(_RENDERING)
    return rendering[-1][1] if rendering else get_translations()


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


def _render_translations(domain):
    """Flask-Babel's domain lookup, except while a template renders in the locale it
    started in: then the render's translations (see _template_gettext)."""
    try:
        rendering = g.get(_RENDERING)
    except RuntimeError:  # no application context
        rendering = None
    if rendering:
        locale, translations = rendering[-1]
        if getattr(g.get("_flask_babel"), "babel_locale", None) is locale:  # no force_locale
            return translations
    return _looked_up(domain)


_looked_up = Domain.get_translations


def _lazy_strings_use_the_render():
    """A lazy string (`_l`: a form's label, a label dictionary's value) evaluated during a
    render takes the render's translations, as the templates' `_()` does, instead of
    asking Flask-Babel's context for the domain, the locale and its cache each time: the
    student page evaluates about 500 of them, the case page about 330 (issue 12). Outside
    a render, or inside `force_locale` within one, nothing changes."""
    Domain.get_translations = _render_translations


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
    _lazy_strings_use_the_render()
    app.jinja_env.globals.update(get_locale=get_locale)
    app.jinja_env.filters["iso"] = lambda d: as_utc(d).isoformat() if d else ""
    app.jinja_env.filters["date"] = date_filter
    app.jinja_env.filters["datetime"] = (
        lambda d, fmt="medium": format_datetime(d, fmt) if d else ""
    )
