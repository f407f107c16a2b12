from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SelectField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional

from coordination.rules.agreements import STATUSES, VISIBILITIES
from coordination.validation import DateInRange, IdField, choices, optional_db_int

VISIBILITY_LABELS = {
    "team": _l("Professionals only"),
    "team_youth": _l("Professionals and the young person"),
    "everyone": _l("Everyone: professionals, the young person and the parents"),
}
STATUS_LABELS = {"open": _l("open"), "done": _l("done"), "not_met": _l("not met"),
                 "cancelled": _l("cancelled")}


class AgreementApiForm(FlaskForm):
    text = TextAreaField(validators=[InputRequired(_l("Write down what will happen."))])
    owner_user_id = IdField(validators=[InputRequired(_l("Give the owner_user_id."))])
    due_date = DateField(validators=[Optional(), DateInRange()])
    visibility = SelectField(choices=choices((v, v) for v in VISIBILITIES), default="everyone",
                             validators=[Optional()])


class AgreementPatchForm(FlaskForm):
    text = TextAreaField(validators=[Optional()])
    owner_user_id = IdField(validators=[Optional()])
    due_date = DateField(validators=[Optional(), DateInRange()])
    status = SelectField(choices=choices([("", "")] + [(s, s) for s in STATUSES]),
                         validators=[Optional()])
    visibility = SelectField(choices=choices([("", "")] + [(v, v) for v in VISIBILITIES]),
                             validators=[Optional()])
    reason = TextAreaField(validators=[InputRequired(_l("Write down why the agreement changes."))])


class AgreementForm(FlaskForm):
    """The page form for a new agreement."""

    text = TextAreaField(_l("What will happen?"), validators=[
        InputRequired(_l("Write down what will happen.")),
        Length(max=2000, message=_l("Use at most %(max)d characters."))])
    owner_user_id = SelectField(_l("Who is responsible?"), coerce=optional_db_int,
                                validate_choice=False, id="agreement_owner",
                                validators=[InputRequired(_l("Choose who is responsible."))])
    due_date = DateField(_l("Due date"), validators=[Optional(), DateInRange()])
    visibility = SelectField(_l("Who may see it?"), default="everyone",
                             choices=choices((v, VISIBILITY_LABELS[v]) for v in VISIBILITIES),
                             validators=[InputRequired()])


class ReviseForm(FlaskForm):
    """The page form for changing the status of an agreement (a new revision)."""

    status = SelectField(_l("New status"),
                         choices=choices((s, STATUS_LABELS[s]) for s in STATUSES),
                         validators=[InputRequired()])
    reason = TextAreaField(_l("Why?"), validators=[
        InputRequired(_l("Write down why the agreement changes.")),
        Length(max=1000, message=_l("Use at most %(max)d characters."))])
