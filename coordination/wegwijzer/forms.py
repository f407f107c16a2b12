"""Page forms of the Wegwijzer. The services own the rules and limits."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from coordination.fields import DateInRange, choices, text_length
from coordination.rules.wegwijzer import DOMAINS, HIGHEST, LOWEST, REPRESENTATIVE_GROUPS
from coordination.rules.wegwijzer_plan import NOT_RECOGNISED, RECOGNITION_LEVELS, STATUSES
from coordination.validation import optional_db_int
from coordination.wegwijzer import plan, scoring, services
from coordination.wegwijzer.labels import (
    DOMAIN_LABELS,
    GROUP_LABELS,
    RECOGNITION_LABELS,
    STATUS_LABELS,
)


class StartForm(FlaskForm):
    school_id = SelectField(_l("School"), coerce=optional_db_int, validate_choice=False,
                            validators=[InputRequired(_l("Choose one of your schools."))])
    title = StringField(_l("Name of the trajectory"), validators=[
        InputRequired(_l("Give the trajectory a name.")),
        text_length(services.MAX_TITLE)])


class MemberForm(FlaskForm):
    user_id = SelectField(_l("Colleague"), coerce=optional_db_int, validate_choice=False,
                          validators=[InputRequired(_l("Choose a colleague."))])


class RepresentativeForm(FlaskForm):
    group = RadioField(_l("Who is it?"), choices=choices(
        (g, GROUP_LABELS[g]) for g in REPRESENTATIVE_GROUPS),
        validators=[InputRequired(_l("Choose: a student or a parent representative."))])
    name = StringField(_l("Name"), validators=[
        InputRequired(_l("Give a name.")),
        text_length(scoring.MAX_NAME)])
    email = StringField(_l("E-mail address"), validators=[
        InputRequired(_l("Give a valid e-mail address.")),
        text_length(254)])


class ChoiceForm(FlaskForm):
    domains = SelectMultipleField(
        _l("Domains to work on"), choices=choices((d, DOMAIN_LABELS[d]) for d in DOMAINS),
        widget=ListWidget(prefix_label=False), option_widget=CheckboxInput(),
        validators=[Optional()])


class RoundForm(FlaskForm):
    """Start the next scoring round: a button (and the CSRF token)."""


class ScoreForm(FlaskForm):
    """One score from 1 to 10 and an optional sentence per domain (fields added below)."""

    def answers(self):
        """{domain: (score or None, note)} for the service."""
        return {d: (self[f"score_{d}"].data, self[f"note_{d}"].data) for d in DOMAINS}


def _score_value(value):
    return optional_db_int(value)


for _domain in DOMAINS:
    setattr(ScoreForm, f"score_{_domain}", RadioField(
        DOMAIN_LABELS[_domain], coerce=_score_value, validate_choice=False,
        choices=choices((n, str(n)) for n in range(LOWEST, HIGHEST + 1)),
        validators=[InputRequired(_l("Give a score from 1 to 10."))]))
    setattr(ScoreForm, f"note_{_domain}", StringField(
        _l("Why this score? (optional)"), validators=[
            Optional(), text_length(scoring.MAX_NOTE,
                                    _l("Keep it short: at most %(max)d characters."))]))


# The plan per chosen domain (plan.py) ---------------------------------------------------

class InterventionForm(FlaskForm):
    name = StringField(_l("Name of the intervention or recommendation"), validators=[
        InputRequired(_l("Write the name of the intervention.")),
        text_length(plan.MAX_NAME)])
    recognition = RadioField(
        _l("Recognition level in the NJi database"), default=NOT_RECOGNISED,
        choices=choices((r, RECOGNITION_LABELS[r]) for r in RECOGNITION_LEVELS),
        validators=[InputRequired(_l("Choose the recognition level."))])
    note = TextAreaField(
        _l("Note (optional)"),
        description=_l("Why it fits the school, or where to find it (a link)."),
        validators=[Optional(), text_length(plan.MAX_NOTE)])


class WithdrawForm(FlaskForm):
    reason = TextAreaField(_l("Why does the team no longer consider it? (optional)"),
                           validators=[Optional(), text_length(plan.MAX_REASON)])


class PlanItemForm(FlaskForm):
    """A new goal or action; the page sets the owner's choices and the text's label."""

    text = TextAreaField(_l("What will be done?"), validators=[
        InputRequired(_l("Write down what will be done.")),
        text_length(plan.MAX_TEXT)])
    owner_user_id = SelectField(_l("Who is responsible?"), coerce=optional_db_int,
                                validate_choice=False,
                                validators=[InputRequired(_l("Choose who is responsible."))])
    due_date = DateField(_l("Due date"), validators=[Optional(), DateInRange()])


class PlanReviseForm(PlanItemForm):
    """The goal or action as it is now, and why it changed (a new revision)."""

    status = SelectField(_l("Status"),
                         choices=choices((s, STATUS_LABELS[s]) for s in STATUSES),
                         validators=[InputRequired()])
    reason = TextAreaField(_l("Why does it change?"), validators=[
        InputRequired(_l("Write down why it changes.")),
        text_length(plan.MAX_REASON)])
