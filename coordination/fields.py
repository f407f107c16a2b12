"""Page form fields and their validators: the same checks as validation.py's, for WTForms
(a date field, a clock, an id, checkboxes, a select of many people), and the attribute
writer every field renders through."""
import re
from datetime import time

import wtforms.widgets
import wtforms.widgets.core
from flask_babel import lazy_gettext as _l
from markupsafe import Markup, escape
from wtforms import DateField, IntegerField, SelectMultipleField, StringField
from wtforms import ValidationError as FieldError
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length, StopValidation
from wtforms.widgets import Select
from wtforms.widgets.core import clean_key

from coordination.validation import (
    ISO_DATE,
    USE_CLOCK,
    USE_ISO_DATE,
    USE_REAL_DATE,
    db_int,
    in_range,
    range_message,
)


def text_length(limit, message=None):
    """The form validator of the same check (WTForms also renders it as maxlength)."""
    return Length(max=limit, message=message or _l("Use at most %(max)d characters."))


# Dates ----------------------------------------------------------------------------------


class DateInRange:
    """WTForms validator for a DateField: written YYYY-MM-DD and within the range of `kind`
    (see date_range)."""

    def __init__(self, kind="event"):
        self.kind = kind

    def __call__(self, form, field):
        raw = (field.raw_data or [""])[0]
        if raw and not ISO_DATE.fullmatch(raw):
            raise FieldError(str(USE_ISO_DATE))
        if field.data is not None and not in_range(field.data, self.kind):
            raise FieldError(str(range_message(self.kind)))


class IdField(IntegerField):
    """An IntegerField that only takes ids the database can hold."""

    def process_formdata(self, valuelist):
        if not valuelist or valuelist[0] in ("", None):
            self.data = None
            return
        try:
            self.data = db_int(valuelist[0])
        except ValueError:
            self.data = None
            raise ValueError(self.gettext("Not a valid integer value.")) from None


class DayField(DateField):
    """A page's date field (the browser's date picker sends YYYY-MM-DD); empty is None and
    left to the service, anything else that is no date gets one message that matches the
    picker rather than a format the person never saw."""

    def __init__(self, label=None, validators=None, **kwargs):
        super().__init__(label, validators=validators or [DateInRange()], **kwargs)

    def process_formdata(self, valuelist):
        if not valuelist:
            return
        raw = valuelist[0]
        if raw in ("", None):
            self.data = None
            return
        try:
            super().process_formdata(valuelist)
        except ValueError:
            raise ValueError(str(USE_REAL_DATE)) from None
        if not ISO_DATE.fullmatch(raw):
            self.data = None
            raise ValueError(str(USE_REAL_DATE))

    def pre_validate(self, form):
        if self.process_errors:
            raise StopValidation()


class ClockField(StringField):
    """A time of day (HH:MM, the browser's time field); None when empty."""

    def process_formdata(self, valuelist):
        if not valuelist:
            return
        raw = valuelist[0] or ""
        self.data = None
        if not raw.strip():
            return
        try:
            self.data = time.fromisoformat(raw.strip())
        except ValueError:
            raise ValueError(str(USE_CLOCK)) from None
        if not re.fullmatch(r"[0-9]{2}:[0-9]{2}(:[0-9]{2})?", raw.strip()):
            self.data = None
            raise ValueError(str(USE_CLOCK))

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        return self.data.strftime("%H:%M") if self.data else ""


# Text --------------------------------------------------------------------------


class CheckboxesField(SelectMultipleField):
    """Choose all that apply: the field macro renders it as a group of checkboxes."""


def choices(pairs):
    """(value, label) pairs as WTForms select options."""
    return [SelectChoice(value=value, label=label) for value, label in pairs]


def html_params(**kwargs):
    """WTForms' `html_params`, the same text for the same attributes, without formatting
    each attribute through `Markup.format` (string.Formatter): every field the pages
    render passes through it, a tenth of the case page's rendering (issue 12). Installed
    in place of WTForms' own by `install_html_params` (at start-up);
    tests/web/test_quick_rendering.py compares the two.
    """
    params = []
    for key, value in sorted(kwargs.items()):
        if value is True:
            params.append(str(escape(clean_key(key))))
        elif value is not False:
            text = str(escape(value)).replace('"', "&quot;")
            params.append(f'{escape(clean_key(key))}="{text}"')
    return Markup(" ".join(params))


WTFORMS_HTML_PARAMS = wtforms.widgets.core.html_params  # the original, for the test


def install_html_params():
    wtforms.widgets.html_params = wtforms.widgets.core.html_params = html_params
    for widget in (wtforms.widgets.core.Input, wtforms.widgets.core.Button):
        widget.html_params = staticmethod(html_params)


class QuickSelect(Select):
    """WTForms' select, the same HTML byte for byte, for a select of many people: WTForms
    writes each option through `html_params` (sorting and formatting its attributes), which
    was a fifth of the case page's rendering with its two selects of ~100 people (issue 12).
    """

    @classmethod
    def render_option(cls, choice, **kwargs):
        if kwargs or choice.render_kw:
            return super().render_option(choice, **kwargs)
        value = str(choice.value) if isinstance(choice.value, bool) else choice.value
        selected = " selected" if choice.selected else ""
        return Markup(f'<option{selected} value="{escape(value)}">'
                      f'{escape(choice.label or choice.value)}</option>')


# The application ------------------------------------------------------------------------


# The field of a page form ---------------------------------------------------------------
# Templates call it as `field` (templates/_macros.html imports it under that name).


def _join(messages):
    return escape(" ").join(escape(m) for m in messages)


def _choices(f, input_type, choice, choice_hints, errors):
    rows = []
    for value, label, checked, _render_kw in f.iter_choices():
        control = f"{f.id}-{value}"
        tail = (' checked' if checked else "") + (' aria-invalid="true"' if errors else "")
        if choice_hints:
            tail += f' aria-describedby="{escape(control)}-hint"'
        rows.append(
            f'  <div class="{escape(choice)}"><input type="{input_type}" id="{escape(control)}" '
            f'name="{escape(f.name)}" value="{escape(value)}"{tail}>\n'
            f'    <label for="{escape(control)}">{escape(label)}</label></div>\n')
        if choice_hints:
            rows.append(f'  <p class="hint" id="{escape(control)}-hint">'
                        f'{escape(choice_hints[value])}</p>\n')
    return "".join(rows)


def field(f, hint=None, autocomplete=None, type=None, choice="check", choice_hints=None,
          **kwargs):
    """A form field with its label, its hint and its own error tied to it with
    aria-describedby and marked aria-invalid (the GOV.UK error pattern): radio buttons and
    checkboxes as a fieldset with a legend. The hint is `hint` or the field's description;
    other keyword arguments become attributes of the control (min, max, rows, …).

    Written in Python rather than as a Jinja macro (the HTML is the macro's): the case page
    writes about 50 fields, and the macro's calls were a third of its rendering (issue 12).
    """
    hint = hint or f.description
    errors = f.errors
    described = " ".join(([f"{f.id}-hint"] if hint else [])
                         + ([f"{f.id}-error"] if errors else []))
    hint_html = f'<p class="hint" id="{escape(f.id)}-hint">{escape(hint)}</p>' if hint else ""
    error_html = (f'<p class="error-text" id="{escape(f.id)}-error">{_join(errors)}</p>'
                  if errors else "")
    error_class = " field--error" if errors else ""
    kind = f.type
    if kind in ("RadioField", "CheckboxesField", "SelectMultipleField"):
        if kind == "SelectMultipleField" and not (f.choices or errors):
            return Markup("")  # nothing to choose and nothing wrong: nothing at all
        input_type = "radio" if kind == "RadioField" else "checkbox"
        if kind == "SelectMultipleField":
            choice_hints = None
        aria = f' aria-describedby="{escape(described)}"' if described else ""
        return Markup(
            f'<fieldset class="field{error_class}" id="{escape(f.id)}"{aria}>\n'
            f"  <legend>{escape(f.label.text)}</legend>\n"
            f"  {hint_html}\n  {error_html}\n"
            f"{_choices(f, input_type, choice, choice_hints, errors)}</fieldset>")
    attrs = dict(kwargs)
    if described:
        attrs["aria-describedby"] = described
    if errors:
        attrs["aria-invalid"] = "true"
    if autocomplete:
        attrs["autocomplete"] = autocomplete
    if type:
        attrs["type"] = type
    if kind == "BooleanField":
        inner = (f'<div class="check">{f(**attrs)} {f.label()}</div>\n'
                 f"    {hint_html}\n    {error_html}")
    else:
        inner = f"{f.label()}\n    {hint_html}\n    {error_html}\n    {f(**attrs)}"
    return Markup(f'<div class="field{error_class}">\n    {inner}\n</div>')
