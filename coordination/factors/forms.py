"""Page forms for factors, life events and strengths, and for the kinds of absence. The
services own the rules and limits; these convert and render."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    HiddenField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from coordination.agreements.forms import VISIBILITY_LABELS
from coordination.factors import services
from coordination.factors.kinds import CHOOSABLE
from coordination.factors.labels import AREA_LABELS, DOMAIN_LABELS, FAMILY_KIND_LABELS
from coordination.fields import DateInRange, choices, text_length
from coordination.rules.audiences import VISIBILITIES
from coordination.tiers.labels import KIND_LABELS as ABSENCE_KIND_LABELS

# The family chooses among the same audiences, said plainly (B1).
FAMILY_VISIBILITY_LABELS = {
    "team": _l("Only the professionals"),
    "team_youth": _l("The professionals and the young person, not the parents"),
    "everyone": _l("Everyone in the team, also my parents or my child"),
}


class FactorForm(FlaskForm):
    """A risk or protective factor, a life event or a strength, by the team. The page has
    one form per kind; `kind` comes with it."""

    kind = HiddenField(validators=[InputRequired()])
    text = StringField(_l("In a few words"), validators=[
        InputRequired(_l("Describe it in a few words.")),
        text_length(services.MAX_TEXT)])
    area = SelectField(_l("Area"), choices=choices(
        [("", _l("(none)"))] + list(AREA_LABELS.items())), validators=[Optional()])
    domain = SelectField(_l("Wegwijzer domain (optional)"), choices=choices(
        [("", _l("(none)"))] + list(DOMAIN_LABELS.items())), validators=[Optional()])
    happened_on = DateField(_l("When did it happen?"), validators=[Optional(), DateInRange()])
    visibility = SelectField(_l("Who may see it?"), default="team", choices=choices(
        (v, VISIBILITY_LABELS[v]) for v in VISIBILITIES), validators=[InputRequired()])

    def prefixed(self, kind):
        """Field ids unique per kind on a page with four of these forms."""
        for field in self:
            field.id = field.label.field_id = f"{kind}-{field.name}"
        self.kind.data = kind
        self.text.render_kw = {"list": f"{kind}-suggestions"}
        return self


class OwnFactorForm(FlaskForm):
    """What the young person or a parent adds in their own words."""

    family_kind = RadioField(_l("What do you want to tell?"), choices=choices(
        FAMILY_KIND_LABELS.items()), validators=[
        InputRequired(_l("Choose: what helps, or what makes school hard."))])
    text = TextAreaField(_l("In your own words"), validators=[
        InputRequired(_l("Write a few words.")),
        text_length(services.MAX_TEXT, _l("Keep it short: at most %(max)d characters."))])
    visibility = SelectField(_l("Who may read this?"), default="everyone", choices=choices(
        (v, FAMILY_VISIBILITY_LABELS[v]) for v in VISIBILITIES), validators=[InputRequired()])


class EndForm(FlaskForm):
    reason = TextAreaField(_l("Why is it no longer true? (optional)"), validators=[
        Optional(), text_length(services.MAX_REASON)])


class AbsenceKindsForm(FlaskForm):
    kinds = SelectMultipleField(
        _l("Which kinds fit? More than one may."),
        choices=choices((k, ABSENCE_KIND_LABELS[k]) for k in CHOOSABLE),
        widget=ListWidget(prefix_label=False), option_widget=CheckboxInput(),
        validators=[Optional()])
    primary = SelectField(_l("Which fits best?"), choices=choices(
        [("", _l("(only one ticked, or none)"))] + [(k, ABSENCE_KIND_LABELS[k])
                                                     for k in CHOOSABLE]),
        validators=[Optional()])

