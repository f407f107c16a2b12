from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, DateField, Form, IntegerField, SelectField, StringField
from wtforms.validators import InputRequired, NumberRange, Optional, Regexp

from coordination.fields import DateInRange, DayField, IdField, choices, text_length
from coordination.students.models import LEVELS, VSO_PROFILES
from coordination.validation import db_int, optional_db_int


class StudentForm(FlaskForm):
    student_number = StringField(_l("Student number"), validators=[
        InputRequired(_l("Fill in the student number.")), text_length(32)])
    given_name = StringField(_l("First name"), validators=[
        InputRequired(_l("Fill in the first name.")), text_length(80)])
    family_name = StringField(_l("Last name"), validators=[
        InputRequired(_l("Fill in the last name.")), text_length(120)])
    # The browser's date field: the hint, the error and the picker speak of the same date.
    date_of_birth = DayField(_l("Date of birth"), description=_l(
        "Day, month and year, for example 25 March 2011."), validators=[
        InputRequired(_l("Fill in the date of birth.")), DateInRange("birth")])
    school_id = SelectField(_l("School"), coerce=db_int, validators=[
        InputRequired(_l("Choose a school."))], validate_choice=False)
    level = SelectField(_l("Level"), choices=choices((lv, lv) for lv in LEVELS), validators=[
        InputRequired(_l("Choose a level."))])
    has_startkwalificatie = BooleanField(
        _l("Has a startkwalificatie (havo, vwo or mbo-2 diploma or higher)"))
    vso_profile = SelectField(_l("VSO exit profile (vso only)"), choices=choices(
        [("", _l("Not applicable"))] + [(p, p) for p in VSO_PROFILES]), validators=[Optional()])
    address = StringField(_l("Street and house number"), validators=[
        Optional(), text_length(200)])
    postcode = StringField(_l("Postcode"), validators=[Optional(), Regexp(
        r"^\s*[1-9][0-9]{3}\s?[A-Za-z]{2}\s*$", message=_l("A postcode looks like 1234 AB."))])
    city = StringField(_l("Town"), validators=[Optional(), text_length(80)])
    municipality = StringField(
        _l("Municipality of residence"),
        description=_l("Where the student lives; the attendance officers of that "
                       "municipality act for the student."),
        validators=[Optional(), text_length(80)])


class StudentApiForm(StudentForm):
    """The API names the school by id, without a list of choices."""

    school_id = IdField(validators=[InputRequired(_l("Give the school_id."))])
    date_of_birth = DateField(validators=[
        InputRequired(_l("Fill in the date of birth as YYYY-MM-DD.")), DateInRange("birth")])


class RosterUploadForm(FlaskForm):
    file = FileField(_l("Student roster (CSV)"), validators=[
        FileRequired(_l("Choose the file to upload."))])


class StudentFilters(Form):
    """The search and filters of the student list (query string), and the page."""

    q = StringField(_l("Search by name or student number"), filters=[
        lambda v: (v or "")[:100]])
    school = SelectField(_l("School"), coerce=optional_db_int, validate_choice=False,
                         validators=[Optional()])
    page = IntegerField(validators=[Optional(), NumberRange(min=1, max=100_000)])

    def args(self):
        """The search and filters set, to keep in the pages' links."""
        return {name: value for name, value in (
            ("q", self.q.data), ("school", self.school.data)) if value}
