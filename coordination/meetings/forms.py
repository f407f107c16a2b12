"""The meeting forms on the case page: they convert and render; the services check."""
from datetime import datetime

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.widgets import CheckboxInput, ListWidget

from coordination.agreements.forms import VISIBILITY_LABELS
from coordination.factors.labels import KIND_LABELS as FACTOR_KIND_LABELS
from coordination.fields import ClockField, DayField, choices
from coordination.meetings.planning import MAX_PLACE
from coordination.timeutil import AMSTERDAM
from coordination.validation import MAX_TEXT, optional_db_int


def _factor_field(label, id, description=None):
    """Factors of the case, as checkboxes; the choices are the case's (`factor_choices`)."""
    return SelectMultipleField(label, id=id, coerce=optional_db_int, validate_choice=False,
                               description=description, choices=[],
                               widget=ListWidget(prefix_label=False),
                               option_widget=CheckboxInput())


def factor_choices(factors):
    """(id, "kind: text") of factors, for the agenda's checkboxes and the decision's
    select."""
    return [(f.id, f"{FACTOR_KIND_LABELS[f.kind]}: {f.text}") for f in factors]


class MeetingForm(FlaskForm):
    held_on = DayField(_l("Date"))
    attendees = TextAreaField(_l("Who attended (name and role)"),
                              render_kw={"maxlength": MAX_TEXT})
    discussed = TextAreaField(_l("What was discussed, in short"),
                              render_kw={"maxlength": MAX_TEXT})
    decisions = TextAreaField(_l("Decisions, one per line"),
                              description=_l("Each decision can become an agreement in one step."))
    factor_ids = _factor_field(_l("Factors discussed (optional)"), "record-factors")

    def decision_lines(self):
        return (self.decisions.data or "").splitlines()


class PlanForm(FlaskForm):
    error_fields = {"starts_at": "date"}

    date = DayField(_l("Date"), id="plan-date")
    time = ClockField(_l("Time"), id="plan-time", render_kw={"type": "time"})
    place = StringField(_l("Where"), id="plan-place", render_kw={"maxlength": MAX_PLACE})
    factor_ids = _factor_field(_l("Factors to discuss (optional)"), "plan-factors", _l(
        "The family sees a factor on the agenda only when they may see the factor itself."))

    def starts_at(self):
        """The date and time in the Netherlands, or None when either is missing."""
        if self.date.data is None or self.time.data is None:
            return None
        return datetime.combine(self.date.data, self.time.data, tzinfo=AMSTERDAM)


class DecisionAgreementForm(FlaskForm):
    """Who, when and for whom, when a decision becomes an agreement."""

    owner_user_id = SelectField(_l("Who is responsible?"), coerce=optional_db_int,
                                validate_choice=False)
    due_date = DayField(_l("Due date"))
    visibility = SelectField(_l("Who may see it?"), default="everyone", validate_choice=False,
                             choices=choices(VISIBILITY_LABELS.items()))


class AgendaForm(FlaskForm):
    factor_ids = _factor_field(_l("Factors to discuss"), "agenda-factors")


class DecisionFactorForm(FlaskForm):
    factor_id = SelectField(_l("Which factor does this decision address?"),
                            id="decision-factor", coerce=optional_db_int,
                            validate_choice=False)
