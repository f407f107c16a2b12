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
