"""The tier forms on the case page and the away form: they convert and render; the tier
services check. Ids are the forms' own, as the case page holds several."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, SelectField, TextAreaField

from coordination.cases.forms import other_professional
from coordination.fields import DayField, choices
from coordination.tiers.labels import OUTCOME_LABELS, TIER_LABELS
from coordination.validation import MAX_TEXT, optional_db_int


def _text(label, id):
    return TextAreaField(label, id=id, render_kw={"maxlength": MAX_TEXT})


class TierForm(FlaskForm):
    tier = SelectField(_l("Tier"), id="tier-new", coerce=optional_db_int, validate_choice=False,
                       choices=choices(TIER_LABELS.items()))
    reason = _text(_l("Why?"), "tier-reason")


class ReviewForm(FlaskForm):
    outcome = RadioField(_l("Outcome"), id="outcome", default="continue", validate_choice=False,
                         choices=choices(OUTCOME_LABELS.items()))
    note = _text(_l("What did the review find?"), "review-note")
    next_review_on = DayField(_l("Next review (optional)"), id="review-next", description=_l(
        "Empty: the tier's usual interval in school days."))


class PauseForm(FlaskForm):
    first = DayField(_l("From"), id="pause-first")
    last = DayField(_l("Up to and including"), id="pause-last")
    reason = _text(_l("Waiting for what?"), "pause-reason")


class AwayForm(FlaskForm):
    first = DayField(_l("First day away"))
    last = DayField(_l("Last day away"))
    deputy_id = SelectField(_l("Deputy"), coerce=optional_db_int, validate_choice=False)
    professional_email = other_professional("deputy_email")
