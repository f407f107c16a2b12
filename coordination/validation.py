"""Running a WTForms form over JSON input, so pages and the API validate alike."""
from werkzeug.datastructures import MultiDict
from wtforms.fields.choices import SelectChoice

from coordination.errors import ServiceError, ValidationError


def _as_form_value(value):
    if value is True:
        return "y"
    if value is False:
        return ""
    return str(value)


def form_from_json(form_class, payload):
    """Build and validate `form_class` from a JSON object; raise ValidationError if invalid."""
    if not isinstance(payload, dict):
        raise ServiceError(code="bad_request")
    data = MultiDict(
        [(k, _as_form_value(v)) for k, v in payload.items() if v is not None]
    )
    form = form_class(formdata=data, meta={"csrf": False})
    if not form.validate():
        raise ValidationError(fields=form.errors)
    return form


def apply_errors(form, exc):
    """Show a service's field errors on a page form; errors for unknown fields go on top."""
    for name, messages in exc.fields.items():
        field = getattr(form, name, None)
        messages = messages if isinstance(messages, (list, tuple)) else [messages]
        if field is not None:
            field.errors = list(field.errors) + list(messages)
        else:
            form.form_errors.extend(messages)
    if not exc.fields:
        form.form_errors.append(exc.message)


def choices(pairs):
    """(value, label) pairs as WTForms select options."""
    return [SelectChoice(value=value, label=label) for value, label in pairs]
