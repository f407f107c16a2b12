"""Forms of the attendance pages: uploading the registration, recording a DUO report, and
the school calendar (admin)."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import DateField, Form, HiddenField, IntegerField, SelectField, StringField
from wtforms.validators import InputRequired, NumberRange, Optional, ValidationError

from coordination.attendance.labels import SIGNAL_LABELS
from coordination.fields import DateInRange, IdField, choices, text_length
from coordination.rules.signals import REPORT_CODES
from coordination.timeutil import today_local
from coordination.validation import optional_db_int


class UploadForm(FlaskForm):
    file = FileField(_l("Attendance file (CSV)"), validators=[
        FileRequired(_l("Choose the file to upload."))])
    school_id = SelectField(_l("School (optional)"), coerce=optional_db_int, validate_choice=False,
                            validators=[Optional()])


def not_in_the_future(form, field):
    if field.data and field.data > today_local():
        raise ValidationError(_l("The date of the report cannot be in the future."))


class ReportForm(FlaskForm):
    student_id = IdField(validators=[InputRequired()])
    code = HiddenField(validators=[InputRequired()])
    start = DateField(validators=[InputRequired(), DateInRange()])
    end = DateField(validators=[InputRequired(), DateInRange()])
    reported_on = DateField(_l("Reported on"), validators=[
        InputRequired(_l("Fill in the date of the report as YYYY-MM-DD.")), DateInRange(),
        not_in_the_future])
    reference = StringField(_l("Reference of the verzuimloket"), validators=[
        InputRequired(_l("Fill in the reference of the verzuimloket.")),
        text_length(64)])


class ClosureForm(FlaskForm):
    region = SelectField(_l("Holiday region"), validate_choice=False)
    school_id = SelectField(_l("School"), coerce=optional_db_int, validate_choice=False,
                            validators=[Optional()])
    first = DateField(_l("First day"), validators=[
        InputRequired(_l("Fill in the first day as YYYY-MM-DD.")), DateInRange()])
    last = DateField(_l("Last day"), validators=[
        InputRequired(_l("Fill in the last day as YYYY-MM-DD.")), DateInRange()])
    name = StringField(_l("Name"), validators=[
        InputRequired(_l("Fill in a name, for example Studiedag.")),
        text_length(120)])

    # The service checks the same; here too, so every problem shows at once.
    def validate_region(self, field):
        if bool(field.data) == bool(self.school_id.data):
            raise ValidationError(_l("Choose a holiday region or a school: one of the two."))

    def validate_last(self, field):
        if field.data and self.first.data and field.data < self.first.data:
            raise ValidationError(_l("The last day cannot be before the first day."))


class CalendarFileForm(FlaskForm):
    """A school's own days off as an iCalendar file (the calendar page, admin). Its fields
    carry the prefix `ics-`, as the page also holds the ClosureForm."""

    school_id = SelectField(_l("School"), coerce=optional_db_int, validate_choice=False,
                            validators=[InputRequired(_l("Choose the school."))])
    file = FileField(_l("Calendar file (.ics)"), validators=[
        FileRequired(_l("Choose the file to upload."))])


DEADLINES = (("", _l("Any deadline")), ("overdue", _l("Overdue")),
             ("week", _l("Due within a week")))


class DueFilters(Form):
    """The filters of the reports-due list (query string): school, report, deadline."""

    school = SelectField(_l("School"), coerce=optional_db_int, validate_choice=False,
                         validators=[Optional()])
    code = SelectField(_l("Report"), validators=[Optional()])
    deadline = SelectField(_l("Deadline"), choices=choices(DEADLINES), validators=[Optional()])
    page = IntegerField(validators=[Optional(), NumberRange(min=1, max=100_000)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.code.choices = choices([("", _l("All reports"))] + [
            (code, SIGNAL_LABELS[code]) for code in REPORT_CODES])

    def args(self):
        """The filters set, to keep in the pages' links."""
        return {name: value for name, value in (
            ("school", self.school.data), ("code", self.code.data),
            ("deadline", self.deadline.data)) if value}
