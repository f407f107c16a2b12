from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, SelectField, SelectMultipleField, StringField
from wtforms.validators import Email, InputRequired, Length, Optional

from coordination.accounts.models import ROLES
from coordination.fields import choices, text_length
from coordination.validation import db_int

ROLE_LABELS = {
    "admin": _l("Administrator"),
    "coordinator": _l("Coordinator"),
    "professional": _l("Professional"),
    "attendance_officer": _l("Attendance officer"),
    "parent": _l("Parent"),
    "youth": _l("Young person"),
    "analyst": _l("Policy analyst"),
}


class LoginForm(FlaskForm):
    email = EmailField(_l("Email address"), validators=[
        InputRequired(_l("Fill in your email address.")), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[
        InputRequired(_l("Fill in your password.")), Length(max=200)])


class UserEditForm(FlaskForm):
    """What an admin may change on an existing account (the email address stays)."""
    name = StringField(_l("Full name"), validators=[
        InputRequired(_l("Fill in a name.")),
        text_length(120)])
    role = SelectField(_l("Role"), choices=choices((r, ROLE_LABELS[r]) for r in ROLES),
                       validators=[InputRequired()])
    job_title = StringField(_l("Job title (for professionals)"), validators=[
        Optional(), text_length(120)])
    phone = StringField(_l("Phone number"), validators=[
        Optional(), text_length(32)])
    schools = SelectMultipleField(_l("Works for these schools"), coerce=db_int,
                                  validators=[Optional()])
    municipalities = StringField(
        _l("Municipalities: whose residents an attendance officer acts for, or an analyst "
           "sees figures of"),
        description=_l("Separate several municipalities with a comma."),
        validators=[Optional(), text_length(1000)])


class UserForm(UserEditForm):
    email = EmailField(_l("Email address"), validators=[
        InputRequired(_l("Fill in an email address.")),
        Email(_l("This is not a valid email address.")), Length(max=254)])
    password = PasswordField(_l("First password (optional)"), validators=[
        Optional(), Length(min=10, max=200, message=_l("Use 10 to 200 characters."))])
