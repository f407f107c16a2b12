from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField
from wtforms.validators import InputRequired, Regexp

from coordination.fields import choices, text_length
from coordination.schools.models import REGIONS

REGION_LABELS = {"noord": _l("North"), "midden": _l("Middle"), "zuid": _l("South")}


class SchoolForm(FlaskForm):
    name = StringField(_l("School name"), validators=[
        InputRequired(_l("Fill in the name of the school.")),
        text_length(160)])
    brin = StringField(_l("BRIN code"), validators=[
        InputRequired(_l("Fill in the BRIN code.")),
        Regexp(r"^\s*[0-9]{2}[A-Za-z]{2}\s*$",
               message=_l("A BRIN code is 2 digits and 2 letters, for example 12AB."))])
    region = SelectField(_l("Holiday region"),
                         choices=choices((r, REGION_LABELS[r]) for r in REGIONS),
                         validators=[InputRequired(_l("Choose a holiday region."))])
