"""The quicker rendering of issue 12 writes what WTForms and Flask-Babel write."""
import pytest
from markupsafe import Markup
from wtforms.fields.choices import Choice

from coordination.fields import WTFORMS_HTML_PARAMS, QuickSelect, html_params

ATTRIBUTES = [
    {},
    {"name": "text1", "id": "f", "class_": "text"},
    {"checked": True, "readonly": False, "name": "text1", "abc": "hello"},
    {"data_attr": "user.name", "aria_describedby": "x-hint x-error", "for_": "y"},
    {"value": 'a "quoted" <b>&amp;</b>', "title": Markup('say "hi" <i>now</i>')},
    {"value": 0, "max": 10.5, "min": None, "required": True, "disabled": False},
    {"value": "Zoë & Ça", "placeholder": "’t Hofje"},
]


@pytest.mark.parametrize("attributes", ATTRIBUTES)
def test_html_params_writes_what_wtforms_writes(attributes):
    assert html_params(**attributes) == WTFORMS_HTML_PARAMS(**attributes)
    assert isinstance(html_params(**attributes), Markup)


@pytest.mark.parametrize("choice", [
    Choice(1, "Anna de Vries", False, {}), Choice("", "Choose a person", False, {}),
    Choice(7, 'Bo "B" <Jansen> & co', True, {}), Choice(True, None, False, {}),
    Choice("x", Markup("<em>x</em>"), False, None), Choice(3, "Kim", False, {"disabled": True}),
])
def test_a_quick_select_option_is_the_wtforms_option(choice):
    from wtforms.widgets import Select

    assert QuickSelect.render_option(choice) == Select.render_option(choice)


def test_the_app_renders_its_fields_with_the_quicker_html_params(app):
    import wtforms.widgets.core

    assert wtforms.widgets.core.html_params is html_params
    assert wtforms.widgets.core.Input.html_params is html_params


def test_templates_translate_in_the_language_in_force_when_each_render_starts(app):
    from flask import render_template_string
    from flask_babel import force_locale

    page = ('{{ _("Save note") }} | {{ ngettext("%(num)d thing that helps", '
            '"%(num)d things that help", 2) }} | {{ inner() }} | {{ _("Save note") }}')

    def inner():  # a render inside a render (as a mail queued while a page renders)
        with force_locale("nl"):
            return render_template_string('{{ _("Save note") }}')

    with app.test_request_context():
        with force_locale("en"):
            english = render_template_string(page, inner=inner)
        with force_locale("nl"):
            dutch = render_template_string('{{ _("Save note") }}')
        assert english == "Save note | 2 things that help | Notitie opslaan | Save note"
        assert dutch == "Notitie opslaan"


def test_lazy_strings_translate_in_the_language_in_force_also_while_a_page_renders(app):
    from flask import render_template_string
    from flask_babel import force_locale
    from flask_babel import lazy_gettext as _l

    label = _l("Save note")

    def mail_subject():  # a lazy string made a text in another language during a render
        with force_locale("en"):
            return str(label)

    with app.test_request_context():
        with force_locale("nl"):
            page = render_template_string("{{ label }} | {{ subject() }} | {{ label }}",
                                          label=label, subject=mail_subject)
        with force_locale("en"):
            english = render_template_string("{{ label }}", label=label)
        assert page == "Notitie opslaan | Save note | Notitie opslaan"
        assert english == "Save note" and str(label) == "Notitie opslaan"


# The `field` macro as it was (templates/_macros.html before issue 12's rendering work): the
# Python `field` writes the same HTML, but for the whitespace between tags.
FIELD_MACRO = r"""
{% macro field(f, hint=None, autocomplete=None, type=None, choice='check', choice_hints=None) -%}
{% set hint = hint or f.description %}
{% set described = [] %}
{% if hint %}{% set _ = described.append(f.id ~ '-hint') %}{% endif %}
{% if f.errors %}{% set _ = described.append(f.id ~ '-error') %}{% endif %}
{% set attrs = dict(kwargs) %}
{% if described %}{% set _ = attrs.update({'aria-describedby': described|join(' ')}) %}{% endif %}
{% if f.errors %}{% set _ = attrs.update({'aria-invalid': 'true'}) %}{% endif %}
{% if autocomplete %}{% set _ = attrs.update({'autocomplete': autocomplete}) %}{% endif %}
{% if type %}{% set _ = attrs.update({'type': type}) %}{% endif %}
{% if f.type in ('RadioField', 'CheckboxesField') %}
{% set input_type = 'radio' if f.type == 'RadioField' else 'checkbox' %}
<fieldset class="field{% if f.errors %} field--error{% endif %}" id="{{ f.id }}"{% if described %} aria-describedby="{{ described|join(' ') }}"{% endif %}>
  <legend>{{ f.label.text }}</legend>
  {% if hint %}<p class="hint" id="{{ f.id }}-hint">{{ hint }}</p>{% endif %}
  {% if f.errors %}<p class="error-text" id="{{ f.id }}-error">{{ f.errors|join(' ') }}</p>{% endif %}
  {% for value, label, checked, _render_kw in f.iter_choices() %}
  <div class="{{ choice }}"><input type="{{ input_type }}" id="{{ f.id }}-{{ value }}" name="{{ f.name }}" value="{{ value }}"{% if checked %} checked{% endif %}{% if f.errors %} aria-invalid="true"{% endif %}{% if choice_hints %} aria-describedby="{{ f.id }}-{{ value }}-hint"{% endif %}>
    <label for="{{ f.id }}-{{ value }}">{{ label }}</label></div>
  {% if choice_hints %}<p class="hint" id="{{ f.id }}-{{ value }}-hint">{{ choice_hints[value] }}</p>{% endif %}
  {% endfor %}
</fieldset>
{% elif f.type == 'SelectMultipleField' %}
{# Checkboxes; nothing at all when there is nothing to choose (and nothing wrong). #}
{% if f.choices or f.errors %}
<fieldset class="field{% if f.errors %} field--error{% endif %}" id="{{ f.id }}"{% if described %} aria-describedby="{{ described|join(' ') }}"{% endif %}>
  <legend>{{ f.label.text }}</legend>
  {% if hint %}<p class="hint" id="{{ f.id }}-hint">{{ hint }}</p>{% endif %}
  {% if f.errors %}<p class="error-text" id="{{ f.id }}-error">{{ f.errors|join(' ') }}</p>{% endif %}
  {% for value, label, checked, _render_kw in f.iter_choices() %}
  <div class="{{ choice }}"><input type="checkbox" id="{{ f.id }}-{{ value }}" name="{{ f.name }}" value="{{ value }}"{% if checked %} checked{% endif %}{% if f.errors %} aria-invalid="true"{% endif %}>
    <label for="{{ f.id }}-{{ value }}">{{ label }}</label></div>
  {% endfor %}
</fieldset>
{% endif %}
{% else %}
<div class="field{% if f.errors %} field--error{% endif %}">
  {% if f.type == 'BooleanField' %}
    <div class="check">{{ f(**attrs) }} {{ f.label() }}</div>
    {% if hint %}<p class="hint" id="{{ f.id }}-hint">{{ hint }}</p>{% endif %}
    {% if f.errors %}<p class="error-text" id="{{ f.id }}-error">{{ f.errors|join(' ') }}</p>{% endif %}
  {% else %}
    {{ f.label() }}
    {% if hint %}<p class="hint" id="{{ f.id }}-hint">{{ hint }}</p>{% endif %}
    {% if f.errors %}<p class="error-text" id="{{ f.id }}-error">{{ f.errors|join(' ') }}</p>{% endif %}
    {{ f(**attrs) }}
  {% endif %}
</div>
{% endif %}
{%- endmacro %}
"""


def _same_html(text):
    import re

    return re.sub(r"\s+", " ", re.sub(r">\s+<", "><", str(text))).strip()


def _field_forms():
    from wtforms import (
        BooleanField,
        Form,
        RadioField,
        SelectField,
        SelectMultipleField,
        StringField,
        TextAreaField,
    )

    from coordination.fields import CheckboxesField, DayField, choices

    class Every(Form):
        text = StringField("Name <b>", description="A hint & more", id="the-name")
        note = TextAreaField("Note")
        when = DayField("When")
        agree = BooleanField("I agree", description="Tick it")
        kind = RadioField("Kind", choices=choices([("a", "A & a"), ("b", 'B "b"')]))
        causes = CheckboxesField("Causes", choices=choices([("x", "X"), ("y", "Y")]))
        pick = SelectMultipleField("Pick", choices=choices([("1", "One")]))
        none = SelectMultipleField("None", choices=[])
        role = SelectField("Role", choices=choices([("", "Choose"), ("m", "Mentor")]))

    return Every


@pytest.mark.parametrize("with_errors", [False, True])
@pytest.mark.parametrize("name, arguments", [
    ("text", {}), ("text", {"hint": "Other hint", "autocomplete": "off", "maxlength": 5}),
    ("note", {"rows": 3}), ("when", {"max": "2026-11-27", "type": "date"}), ("agree", {}),
    ("kind", {"choice": "choice", "choice_hints": {"a": "For a", "b": "For <b>"}}),
    ("kind", {}), ("causes", {}), ("pick", {}), ("none", {}), ("role", {"hint": "Pick one"}),
])
def test_the_field_function_writes_what_the_field_macro_wrote(app, name, arguments,
                                                              with_errors):
    from flask import render_template_string
    from werkzeug.datastructures import MultiDict

    form = _field_forms()(MultiDict({"text": 'Zoë "Z" <z>', "kind": "b", "causes": "y",
                                     "agree": "y"}))
    if with_errors:
        form[name].errors = ["Wrong & wrong.", Markup("<em>Really</em>")]
    macro = FIELD_MACRO + "{{ field(f, **arguments) }}"
    with app.test_request_context():
        old = render_template_string(macro, f=form[name], arguments=arguments)
        new = render_template_string(
            '{% from "_macros.html" import field %}{{ field(f, **arguments) }}',
            f=form[name], arguments=arguments)
    assert "<label" in old or "<legend>" in old or not old.strip()
    assert _same_html(new) == _same_html(old)
