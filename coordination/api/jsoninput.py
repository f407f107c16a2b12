"""JSON request bodies of the API: every text storable, each field of its JSON type,
then the same WTForms form a page uses validates it (one set of rules for both)."""
from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import MultiDict
from wtforms import BooleanField, IntegerField

from coordination.errors import ServiceError, ValidationError
from coordination.validation import BAD_CHARACTERS, DB_INT_MAX, TYPE_MESSAGES, storable


def _all_storable(value):
    if isinstance(value, str):
        return storable(value)
    if isinstance(value, dict):
        return all(_all_storable(k) and _all_storable(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_all_storable(v) for v in value)
    return True


def _has_type(value, expected):
    if expected is int:
        return type(value) is int and 0 <= value <= DB_INT_MAX
    if expected is bool:
        return isinstance(value, bool)
    return isinstance(value, expected)


def check_json(data, types):
    """Check a decoded JSON object: every text storable, each field in `types` (name →
    str, int or bool) of that type or null.

    :raise ServiceError: (400) not a JSON object. :raise ValidationError: per field.
    """
    if not isinstance(data, dict):
        raise ServiceError(_l("The request body must be a JSON object."))
    problems = {}
    for key, value in data.items():
        if not _all_storable(key) or not _all_storable(value):
            name = key if storable(key) else "body"
            problems[name] = [BAD_CHARACTERS]
    for name, expected in types.items():
        value = data.get(name)
        if value is not None and name not in problems and not _has_type(value, expected):
            problems[name] = [TYPE_MESSAGES[expected]]
    if problems:
        raise ValidationError(fields=problems)
    return data


def _json_type(field):
    if isinstance(field, BooleanField):
        return bool
    if isinstance(field, IntegerField):
        return int
    return str


def _as_form_value(value):
    if value is True:
        return "y"
    if value is False:
        return ""
    return str(value)


def form_from_json(form_class, payload):
    """Build and validate `form_class` from a JSON object; raise ValidationError if invalid
    (a field of the wrong JSON type included)."""
    form = form_class(formdata=MultiDict(), meta={"csrf": False})
    check_json(payload, {field.name: _json_type(field) for field in form})
    data = MultiDict(
        [(k, _as_form_value(v)) for k, v in payload.items() if v is not None]
    )
    form = form_class(formdata=data, meta={"csrf": False})
    if not form.validate():
        raise ValidationError(fields=form.errors)
    return form
