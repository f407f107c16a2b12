"""Page forms of the register: they convert types; the services own the rules and their
messages (a required date left empty is the service's message, in words that say why)."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, StringField, TextAreaField
from wtforms.validators import InputRequired, Optional

from coordination.fields import DateInRange, IdField


def _date(label):
    return DateField(label, validators=[Optional(), DateInRange()])


class SuspensionForm(FlaskForm):
    first_day = _date(_l("First day"))
    last_day = _date(_l("Last day"))
    reason = TextAreaField(_l("Reason"), validators=[Optional()])
    told_in_writing_on = _date(_l("Reason given in writing to the student and the parents on"))
    inspectorate_informed_on = _date(_l("Inspectorate informed on"))
    # The case page the form was sent from (to return there); empty: the student page.
    back_case = IdField(validators=[Optional()])

    def values(self):
        return {name: getattr(self, name).data for name in (
            "first_day", "last_day", "reason", "told_in_writing_on",
            "inspectorate_informed_on")}


class SuspensionReviseForm(SuspensionForm):
    suspension_id = IdField(validators=[InputRequired(_l("Choose the suspension to change."))])
    withdrawn = BooleanField(_l("Recorded in error: withdraw it"))
    note = TextAreaField(_l("Why does it change? (optional; required to withdraw)"),
                         validators=[Optional()])

    def values(self):
        return {**super().values(), "withdrawn": self.withdrawn.data}


class ExpulsionForm(FlaskForm):
    decided_on = _date(_l("Decided by the school board on"))
    reason = TextAreaField(_l("Reason"), validators=[Optional()])
    hearing_on = _date(_l("Student, parents and teacher heard on"))
    attendance_officer_informed_on = _date(_l("Attendance officer informed on"))
    inspectorate_informed_on = _date(_l("Inspectorate informed on"))
    new_school_name = StringField(_l("Other school that will admit the student"),
                                  validators=[Optional()])
    new_school_found_on = _date(_l("That school agreed on"))
    effective_on = _date(_l("Expulsion takes effect on"))
    back_case = IdField(validators=[Optional()])

    def values(self):
        return {name: getattr(self, name).data for name in (
            "decided_on", "reason", "hearing_on", "attendance_officer_informed_on",
            "inspectorate_informed_on", "new_school_name", "new_school_found_on",
            "effective_on")}


class ExpulsionReviseForm(ExpulsionForm):
    expulsion_id = IdField(validators=[InputRequired(_l("Choose the expulsion to change."))])
    withdrawn = BooleanField(_l("Recorded in error: withdraw it"))
    note = TextAreaField(_l("Why does it change? (optional; required to withdraw)"),
                         validators=[Optional()])

    def values(self):
        return {**super().values(), "withdrawn": self.withdrawn.data}
