"""Checking input once for pages and the API alike: ids, dates, JSON types and text.

Every bad value becomes a ValidationError naming its field (422) or a missing route (404),
never a server error: ids beyond the database integer, dates outside the range the
settings allow, values of the wrong JSON type, lone surrogates and NUL characters.
"""
import re
from datetime import date

from flask import current_app, request
from flask_babel import lazy_gettext as _l
from werkzeug.routing import IntegerConverter

from coordination import limits
from coordination.errors import ValidationError
from coordination.timeutil import today_local

# Every id column is a PostgreSQL `integer`; a larger number can match no row.
DB_INT_MAX = 2**31 - 1
# Only this spelling of a date (Python also reads "20261001" or "2026-W40-4").
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

USE_ISO_DATE = _l("Use YYYY-MM-DD.")
USE_NUMBER = _l("Give a whole number.")
USE_TEXT = _l("Give a text.")
USE_TRUE_FALSE = _l("Give true or false.")
USE_REAL_DATE = _l("Fill in a real date: day, month and year.")
USE_CLOCK = _l("Fill in a time such as 09:30.")
# The longest free text a page or the API takes (notes, decisions, reasons, agreements).
MAX_TEXT = limits.TEXT
BAD_CHARACTERS = _l("The text contains characters that cannot be stored.")
TYPE_MESSAGES = {str: USE_TEXT, int: USE_NUMBER, bool: USE_TRUE_FALSE}


def _up_to(limit):
    """A regular expression for the ASCII numbers 0..`limit` (leading zeros allowed)."""
    digits = str(limit)
    parts = [f"[0-9]{{1,{len(digits) - 1}}}"] if len(digits) > 1 else []
    for i, digit in enumerate(digits):
        if digit != "0":
            rest = len(digits) - i - 1
            tail = f"[0-9]{{{rest}}}" if rest else ""
            parts.append(f"{digits[:i]}[0-{int(digit) - 1}]{tail}")
    parts.append(digits)
    return "(?:" + "|".join(parts) + ")"


class DatabaseIdConverter(IntegerConverter):
    """`<int:…>` in every route: a number beyond the database integer does not match the
    route (its pattern stops at DB_INT_MAX), so it answers 404 like any id that does not
    exist, on every method."""

    regex = _up_to(DB_INT_MAX)

    def __init__(self, map, fixed_digits=0, min=None, max=DB_INT_MAX, signed=False):
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)
        self.regex = _up_to(max)


def db_int(value):
    """A non-negative whole number that fits the database, from an int or ASCII digits.

    :raise ValueError: anything else (`int()` would also take "١٢" or " 12 ").
    """
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, str):
        if not (value.isascii() and value.isdigit()):
            raise ValueError(value)
        value = int(value)
    if not isinstance(value, int) or not 0 <= value <= DB_INT_MAX:
        raise ValueError(value)
    return value


def optional_db_int(value):
    """A select's or form's value as an id, or None when empty or not a valid id."""
    try:
        return db_int(value) if value not in (None, "") else None
    except ValueError:
        return None


def query_int(name):
    """An optional id in the query string. :raise ValidationError: not a valid id."""
    raw = request.args.get(name)
    if raw is None:
        return None
    try:
        return db_int(raw)
    except ValueError:
        raise ValidationError(fields={name: [USE_NUMBER]}) from None


def query_date(name, kind="event"):
    """An optional YYYY-MM-DD date in the query string (None when absent).

    :raise ValidationError: present but empty, malformed or out of range.
    """
    if name not in request.args:
        return None
    return parse_date(request.args[name], name, kind, required=True)


def clean_text(value, field, errors, missing=None, limit=MAX_TEXT, too_long=None):
    """The one text check of a service: `value` stripped of outer spaces ("" for None);
    puts one message on `errors[field]` when it is empty and `missing` (the message) is
    given, or longer than `limit` (a number from limits.py): `too_long`, or "Use at most
    `limit` characters". Forms check the same limit with `text_length`."""
    value = (value or "").strip()
    if not value and missing is not None:
        errors[field] = [missing]
    elif len(value) > limit:
        errors[field] = [too_long or _l("Use at most %(max)d characters.", max=limit)]
    return value


def checked_text(value, field, missing=None, limit=MAX_TEXT, too_long=None):
    """clean_text where the text is the service's only check: the text, or
    :raise ValidationError: on `field`."""
    errors = {}
    value = clean_text(value, field, errors, missing, limit, too_long)
    if errors:
        raise ValidationError(fields=errors)
    return value


EMAIL_ADDRESS = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def clean_email(value, field, errors):
    """The one address check of a service: `value` stripped and lower-cased, as accounts
    store it; puts a message on `errors[field]` unless it looks like an address of at
    most limits.EMAIL characters."""
    value = (value or "").strip().lower()
    if not EMAIL_ADDRESS.match(value) or len(value) > limits.EMAIL:
        errors[field] = [_l("This is not a valid email address.")]
    return value


def date_range(kind, today=None):
    """(first, last) allowed for a date of `kind`: "event" (visits, leaving, absences,
    reports, reviews: the EVENT_DATE_MIN/MAX settings) or "birth" (not in the future and
    at most BIRTH_DATE_MAX_AGE_YEARS years ago)."""
    config = current_app.config
    if kind == "birth":
        today = today or today_local()
        years = config["BIRTH_DATE_MAX_AGE_YEARS"]
        try:
            first = today.replace(year=today.year - years)
        except ValueError:  # 29 February
            first = today.replace(year=today.year - years, day=28)
        return first, today
    return config["EVENT_DATE_MIN"], config["EVENT_DATE_MAX"]


def range_message(kind):
    first, last = date_range(kind)
    if kind == "birth":
        return _l("Give a date of birth in the last %(years)d years, not in the future.",
                  years=current_app.config["BIRTH_DATE_MAX_AGE_YEARS"])
    return _l("Give a date between %(first)s and %(last)s.", first=first.isoformat(),
              last=last.isoformat())


def in_range(value, kind="event"):
    first, last = date_range(kind)
    return first <= value <= last


def parse_date(raw, field, kind="event", required=False):
    """A YYYY-MM-DD value (query parameter, JSON or form) as a date within the range of
    `kind`; None when empty and not `required`.

    :raise ValidationError: on `field`, when malformed, missing or out of range.
    """
    if raw is None or raw == "":
        if required:
            raise ValidationError(fields={field: [
                _l("This field is required (YYYY-MM-DD).")]})
        return None
    try:
        if not (isinstance(raw, str) and ISO_DATE.fullmatch(raw)):
            raise ValueError(raw)
        value = date.fromisoformat(raw)
    except ValueError:
        raise ValidationError(fields={field: [USE_ISO_DATE]}) from None
    if not in_range(value, kind):
        raise ValidationError(fields={field: [range_message(kind)]})
    return value


def storable(text):
    """False for text the database cannot store: NUL characters, lone surrogates."""
    if "\x00" in text:
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def apply_errors(form, exc):
    """Show a service's field errors on a page form; errors for unknown fields go on top.
    A form names the service's fields it shows under another name in `error_fields`."""
    renamed = getattr(form, "error_fields", {})
    for name, messages in exc.fields.items():
        field = form._fields.get(renamed.get(name, name))
        messages = messages if isinstance(messages, (list, tuple)) else [messages]
        if field is not None:
            field.errors = list(field.errors) + list(messages)
        else:
            form.form_errors.extend(messages)
    if not exc.fields:
        form.form_errors.append(exc.message)


def _unstorable_request_fields():
    for values in (request.args, request.form):
        for key, value in values.items(multi=True):
            if not (storable(key) and storable(value)):
                yield key if storable(key) else "query"
    for key, value in (request.view_args or {}).items():
        if isinstance(value, str) and not storable(value):
            yield key


def init_app(app):
    """Register the id converter (before any route), the text limits for templates, and
    refuse query strings and form posts whose text the database cannot store (422)."""
    app.url_map.converters["int"] = DatabaseIdConverter
    # For templates still writing a text control by hand: maxlength="{{ limits.TEXT }}".
    app.jinja_env.globals["limits"] = limits

    @app.before_request
    def refuse_unstorable_text():
        fields = {name: [BAD_CHARACTERS] for name in _unstorable_request_fields()}
        if fields:
            raise ValidationError(fields=fields)
