"""The follow-up forms (leaving school, enrolling again, contact attempts, the kind of
leaver, the start check, stopping): they convert and render; followup.services checks and
limits. Ids are the forms' own, as the case page holds several forms."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, SelectField, TextAreaField

from coordination.fields import CheckboxesField, DayField, choices
from coordination.followup.labels import (
    CAUSE_LABELS,
    CHANNEL_LABELS,
    LEAVER_KIND_LABELS,
    REASON_LABELS,
    STOP_REASON_LABELS,
)
from coordination.followup.models import REASONS
from coordination.followup.records import ATTEMPT_TEXT_MAX, NOTE_MAX
from coordination.validation import optional_db_int

YES_NO = {"1": True, "0": False}


def _note(id, label=_l("Note (optional)"), limit=NOTE_MAX):
    return TextAreaField(label, id=id, render_kw={"maxlength": limit})


class DeregisterForm(FlaskForm):
    left_on = DayField(_l("Day the student left"), id="left-on")
    reason = SelectField(_l("Main reason"), id="left-reason", validate_choice=False,
                         choices=choices([("", _l("Choose a reason"))] + [
                             (r, REASON_LABELS[r]) for r in REASONS]))


class EnrolForm(FlaskForm):
    # The choices (the schools) are set by the view.
    school_id = SelectField(_l("School"), id="enrol-school", coerce=optional_db_int,
                            validate_choice=False)
    enrolled_on = DayField(_l("Day of enrolment"), id="enrolled-on")


class AttemptForm(FlaskForm):
    channel = RadioField(_l("How did you try to make contact?"), id="attempt",
                         validate_choice=False, choices=choices(CHANNEL_LABELS.items()))
    on = DayField(_l("Date"), id="attempt-on")
    reached = RadioField(_l("Did you reach the young person or a parent?"),
                         id="attempt-reached", validate_choice=False,
                         choices=choices([("1", _l("Yes, reached")),
                                          ("0", _l("No, not reached"))]))
    said = _note("attempt-said", _l("What was said? (optional)"), ATTEMPT_TEXT_MAX)
    agreed = _note("attempt-agreed", _l("What was agreed? (optional)"), ATTEMPT_TEXT_MAX)


class StopForm(FlaskForm):
    reason = RadioField(_l("Why does the follow-up stop?"), id="stop", validate_choice=False,
                        choices=choices(STOP_REASON_LABELS.items()))
    note = _note("stop-note")


class LeaverProfileForm(FlaskForm):
    kind = RadioField(_l("What kind of leaver?"), id="leaver-kind", validate_choice=False,
                      choices=choices(LEAVER_KIND_LABELS.items()))
    causes = CheckboxesField(_l("Causes (choose all that apply)"), id="cause",
                             validate_choice=False, choices=choices(CAUSE_LABELS.items()))
    note = _note("profile-note")


class StartCheckForm(FlaskForm):
    started = RadioField(_l("Did the young person really start at the new school?"),
                         id="started", validate_choice=False,
                         choices=choices([("1", _l("Yes, started")),
                                          ("0", _l("No, did not start"))]))
    on = DayField(_l("Date (the first school day, or the day you checked)"), id="start-on")
    note = _note("start-note")

    def answer(self):
        """True, False, or None when no answer was chosen."""
        return YES_NO.get(self.started.data)


def attempt_form(today):
    """The empty contact-attempt form: today, the first channel, not reached."""
    return AttemptForm(formdata=None, on=today, channel=next(iter(CHANNEL_LABELS)),
                       reached="0")


def profile_form(profiles):
    """The empty leaver-profile form, starting from the current profile (the newest)."""
    current = profiles[0] if profiles else None
    return LeaverProfileForm(formdata=None, kind=current.kind if current else None,
                             causes=list(current.causes) if current else [])
