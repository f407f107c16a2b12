from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, Form, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired, NumberRange, Optional

from coordination import limits
from coordination.cases.models import CASE_ROLES, TIERS
from coordination.fields import IdField, QuickSelect, choices, text_length
from coordination.validation import db_int, optional_db_int

CASE_ROLE_LABELS = {
    "mentor": _l("Mentor"),
    "care_coordinator": _l("Care coordinator"),
    "attendance_officer": _l("Attendance officer"),
    "school_doctor": _l("School doctor or nurse"),
    "youth_care_worker": _l("Youth-care worker"),
    "previous_coordinator": _l("Previous coordinator"),
    "other_professional": _l("Other professional"),
    "parent": _l("Parent or carer"),
    "youth": _l("Young person"),
    "coordinator": _l("Coordinator"),
}


def team_choices(case):
    """The team as (user id, label): who may own an agreement, coordinator first."""
    return [(case.coordinator_id, case.coordinator.name)] + [
        (m.user_id, f"{m.user.name} ({CASE_ROLE_LABELS.get(m.role, m.role)})")
        for m in case.members]


OTHER_PROFESSIONAL = _l("Or the e-mail address of another professional")


def other_professional(control_id):
    """The address typed beside a list of people, for a professional not in the list (the
    list holds who works where the child is); the service says whether it is one."""
    return EmailField(OTHER_PROFESSIONAL, id=control_id,
                      validators=[Optional(), text_length(limits.EMAIL)])


class OpenCaseForm(FlaskForm):
    student_id = IdField(validators=[InputRequired(_l("Give the student_id."))])
    coordinator_id = SelectField(_l("Coordinator"), coerce=db_int, validate_choice=False,
                                 widget=QuickSelect(),
                                 validators=[InputRequired(_l("Choose a coordinator."))])
    professional_email = other_professional("open_coordinator_email")


class HandoverForm(FlaskForm):
    # Own ids: the case page holds several forms with a `user_id` field. The person is
    # chosen from the list or named by address (the service checks that one is given).
    user_id = SelectField(_l("New coordinator"), coerce=optional_db_int, validate_choice=False,
                          id="new_coordinator", widget=QuickSelect(), validators=[Optional()])
    professional_email = other_professional("new_coordinator_email")
    reason = TextAreaField(_l("Why is the case handed over?"), validators=[
        InputRequired(_l("Write down why the case is handed over.")),
        text_length(limits.REASON)])


class MemberForm(FlaskForm):
    user_id = SelectField(_l("Person"), coerce=optional_db_int, validate_choice=False,
                          id="member_user_id", widget=QuickSelect(), validators=[Optional()])
    professional_email = other_professional("member_email")
    role = SelectField(_l("Role on this case"),
                       choices=choices((r, CASE_ROLE_LABELS[r]) for r in CASE_ROLES),
                       validators=[InputRequired(_l("Choose a role."))])


FAMILY_CASE_ROLES = ("parent", "youth")


class FamilyInviteForm(FlaskForm):
    """A parent or the young person is invited by e-mail address, never picked from a list
    of the region's family accounts (issue 9)."""

    email = EmailField(_l("Email address"), id="invite_email", validators=[
        InputRequired(_l("Fill in an email address.")),
        text_length(254)])
    name = StringField(_l("Name"), id="invite_name", validators=[
        InputRequired(_l("Write the person's name.")),
        text_length(120)])
    role = SelectField(_l("Role on this case"), id="invite_role",
                       choices=choices((r, CASE_ROLE_LABELS[r]) for r in FAMILY_CASE_ROLES),
                       validators=[InputRequired(_l("Choose a role."))])


class OpenCaseApiForm(OpenCaseForm):
    coordinator_id = IdField(validators=[InputRequired(_l("Give the coordinator_id."))])
    professional_email = None  # the API names people by id only (API.md)


class HandoverApiForm(HandoverForm):
    user_id = IdField(validators=[InputRequired(_l("Give the user_id."))])
    professional_email = None  # the API names people by id only (API.md)


class MemberApiForm(MemberForm):
    user_id = IdField(validators=[InputRequired(_l("Give the user_id."))])
    professional_email = None  # the API names people by id only (API.md)


class CaseFilters(Form):
    """The filters of the case list (query string): school and tier, and the page."""

    school = SelectField(_l("School"), coerce=optional_db_int, validate_choice=False,
                         validators=[Optional()])
    tier = SelectField(_l("Tier"), coerce=optional_db_int, validators=[Optional()],
                       choices=choices([("", _l("All tiers"))] + [(str(t), str(t)) for t in TIERS]))
    page = IntegerField(validators=[Optional(), NumberRange(min=1, max=100_000)])

    def args(self):
        """The filters set, to keep in the pages' links."""
        return {name: value for name, value in (
            ("school", self.school.data), ("tier", self.tier.data)) if value}
