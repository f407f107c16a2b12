"""The meeting forms on the case page: they convert and render; the services check."""
from datetime import datetime

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField, TextAreaField

from coordination.agreements.forms import VISIBILITY_LABELS
from coordination.meetings.services import MAX_PLACE
from coordination.timeutil import AMSTERDAM
from coordination.validation import MAX_TEXT, ClockField, DayField, choices, optional_db_int


class MeetingForm(FlaskForm):
    held_on = DayField(_l("Date"))
    attendees = TextAreaField(_l("Who attended (name and role)"),
                              render_kw={"maxlength": MAX_TEXT})
    discussed = TextAreaField(_l("What was discussed, in short"),
                              render_kw={"maxlength": MAX_TEXT})
    decisions = TextAreaField(_l("Decisions, one per line"),
                              description=_l("Each decision can become an agreement in one step."))

    def decision_lines(self):
        return (self.decisions.data or "").splitlines()


class PlanForm(FlaskForm):
    error_fields = {"starts_at": "date"}

    date = DayField(_l("Date"), id="plan-date")
    time = ClockField(_l("Time"), id="plan-time", render_kw={"type": "time"})
    place = StringField(_l("Where"), id="plan-place", render_kw={"maxlength": MAX_PLACE})

    def starts_at(self):
        """The date and time in the Netherlands, or None when either is missing."""
        if self.date.data is None or self.time.data is None:
            return None
        return datetime.combine(self.date.data, self.time.data, tzinfo=AMSTERDAM)


def case_forms():
    """The forms to record and to plan a meeting, empty, for the case page."""
    return {"record": MeetingForm(formdata=None), "plan": PlanForm(formdata=None)}


class DecisionAgreementForm(FlaskForm):
    """Who, when and for whom, when a decision becomes an agreement."""

    owner_user_id = SelectField(_l("Who is responsible?"), coerce=optional_db_int,
                                validate_choice=False)
    due_date = DayField(_l("Due date"))
    visibility = SelectField(_l("Who may see it?"), default="everyone", validate_choice=False,
                             choices=choices(VISIBILITY_LABELS.items()))
