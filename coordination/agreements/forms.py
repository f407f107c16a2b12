from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired, Optional

from coordination import limits
from coordination.agreements.labels import OWNER_KIND_LABELS
from coordination.agreements.services import OWNER_KINDS, USER_OWNER
from coordination.fields import DateInRange, IdField, choices, text_length
from coordination.rules.agreements import STATUSES, VISIBILITIES
from coordination.validation import optional_db_int

VISIBILITY_LABELS = {
    "team": _l("Professionals only"),
    "team_youth": _l("Professionals and the young person"),
    "everyone": _l("Everyone: professionals, the young person and the parents"),
}
STATUS_LABELS = {"open": _l("open"), "done": _l("done"), "not_met": _l("not met"),
                 "cancelled": _l("cancelled")}


class AgreementApiForm(FlaskForm):
    """API.md: `{text, owner_user_id, due_date, visibility}`, and optionally `owner_kind`
    (family, parents, youth, person: no owner_user_id then) with `owner_name` for a person."""

    text = TextAreaField(validators=[InputRequired(_l("Write down what will happen."))])
    owner_user_id = IdField(validators=[Optional()])
    owner_kind = SelectField(choices=choices((k, k) for k in OWNER_KINDS), default=USER_OWNER,
                             validators=[Optional()])
    owner_name = StringField(validators=[Optional()])
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
        text_length(limits.TEXT)])
    # A team member's id, or one of OWNER_KIND_LABELS for someone without an account.
    owner_user_id = SelectField(_l("Who is responsible?"), validate_choice=False,
                                id="agreement_owner",
                                validators=[InputRequired(_l("Choose who is responsible."))])
    owner_name = StringField(_l("Name of the person responsible"), id="agreement_owner_name",
                             validators=[Optional()])
    due_date = DateField(_l("Due date"), validators=[Optional(), DateInRange()])
    visibility = SelectField(_l("Who may see it?"), default="everyone",
                             choices=choices((v, VISIBILITY_LABELS[v]) for v in VISIBILITIES),
                             validators=[InputRequired()])


    def owner(self):
        """(owner_user_id, owner_kind) from the one select."""
        value = self.owner_user_id.data or ""
        if value in OWNER_KIND_LABELS:
            return None, value
        return optional_db_int(value), USER_OWNER


def owner_choices(members):
    """The select's options: the team members as (id, label), then those without an account."""
    return [*members, *OWNER_KIND_LABELS.items()]


class ReviseForm(FlaskForm):
    """The page form for changing the status of an agreement (a new revision)."""

    status = SelectField(_l("New status"),
                         choices=choices((s, STATUS_LABELS[s]) for s in STATUSES),
                         validators=[InputRequired()])
    reason = TextAreaField(_l("Why?"), validators=[
        InputRequired(_l("Write down why the agreement changes.")),
        text_length(limits.REASON)])
