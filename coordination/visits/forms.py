"""The home-visit forms: they convert and render; visits.services checks and limits."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, SelectField, StringField, TextAreaField

from coordination.agreements.forms import VISIBILITY_LABELS
from coordination.agreements.forms import owner_choices as agreement_owner_choices
from coordination.agreements.labels import OWNER_KIND_LABELS
from coordination.agreements.services import USER_OWNER
from coordination.cases.forms import team_choices
from coordination.fields import DayField, choices
from coordination.followup.labels import CHANNEL_LABELS
from coordination.validation import MAX_TEXT, optional_db_int
from coordination.visits.labels import OUTCOME_LABELS
from coordination.visits.services import MAX_ADDRESS, MAX_RISK, MAX_SUMMARY


def full_address(student):
    """Street, postcode and town as one line ("" when the school registered none)."""
    place = " ".join(p for p in (student.postcode, student.city) if p)
    return ", ".join(p for p in (student.address, place) if p)


def owner_choices(case):
    """Who may own an agreement made at the door: the coordinator and the team, then those
    without an account ("Moeder belt de mentor": the parents, or a named person)."""
    return agreement_owner_choices(team_choices(case))


class VisitForm(FlaskForm):
    """A home visit and, when its text is filled in, an agreement made at the door. The ids
    are the form's own: the case page holds it next to the agreement form."""

    # The service names the agreement's fields as agreements.create does, with a prefix.
    error_fields = {"agreement_owner_user_id": "agreement_owner",
                    "agreement_owner_kind": "agreement_owner",
                    "agreement_due_date": "agreement_due"}

    outcome = RadioField(_l("Who did you meet?"), id="visit-outcome", validate_choice=False,
                         choices=choices(OUTCOME_LABELS.items()))
    visited_on = DayField(_l("Date"), id="visit-date")
    visited_at = StringField(_l("Time (optional)"), id="visit-time",
                             render_kw={"type": "time"})
    address = StringField(_l("Address visited"), id="visit-address", description=_l(
        "From the student record. Change it if you visited somewhere else."),
        render_kw={"maxlength": MAX_ADDRESS, "autocomplete": "off"})
    summary = TextAreaField(_l("What happened? (summary)"), id="visit-summary", description=_l(
        "Write it so that the people you share it with can read it."),
        render_kw={"maxlength": MAX_SUMMARY})
    visibility = SelectField(_l("Who may see the summary?"), id="visit-visibility",
                             default="team", validate_choice=False,
                             choices=choices(VISIBILITY_LABELS.items()))
    confidential_note = TextAreaField(_l("Confidential note (optional)"), id="visit-note",
                                      description=_l("Only professionals on the case see this. "
                                                     "Never the young person or the parents."),
                                      render_kw={"maxlength": MAX_SUMMARY})
    agreement_text = TextAreaField(_l("An agreement made at the door"),
                                   id="visit-agreement-text", description=_l(
                                       "Filled in: it goes into the agreements log at once."),
                                   render_kw={"maxlength": MAX_TEXT})
    # A team member's id, or one of OWNER_KIND_LABELS for someone without an account.
    agreement_owner = SelectField(_l("Who is responsible?"), id="visit-agreement-owner",
                                  validate_choice=False)
    agreement_owner_name = StringField(_l("Name of the person responsible"),
                                       id="visit-agreement-owner-name",
                                       description=_l("Only when someone else is responsible."))
    agreement_due = DayField(_l("Agreement due date"), id="visit-agreement-due")
    agreement_visibility = SelectField(_l("Who may see the agreement?"),
                                       id="visit-agreement-visibility", default="everyone",
                                       validate_choice=False,
                                       choices=choices(VISIBILITY_LABELS.items()))
    next_visit_on = DayField(_l("Date of the next visit"), id="visit-next",
                             description=_l("You get a reminder on that day."))

    def agreement(self):
        """The agreement made at the door (agreements.create's fields), or None when its
        text is left empty."""
        if not (self.agreement_text.data or "").strip():
            return None
        value = self.agreement_owner.data or ""
        owner_user_id, owner_kind = ((None, value) if value in OWNER_KIND_LABELS
                                     else (optional_db_int(value), USER_OWNER))
        return {"text": self.agreement_text.data, "owner_user_id": owner_user_id,
                "owner_kind": owner_kind, "owner_name": self.agreement_owner_name.data,
                "due_date": self.agreement_due.data,
                "visibility": self.agreement_visibility.data or "everyone"}

    def visit(self):
        """The visit's fields, as visits.services.log_visit takes them."""
        return {"visited_on": self.visited_on.data, "outcome": self.outcome.data,
                "summary": self.summary.data, "confidential_note": self.confidential_note.data,
                "visibility": self.visibility.data or "team",
                "visited_at": self.visited_at.data or None, "address": self.address.data,
                "next_visit_on": self.next_visit_on.data}


class RiskForm(FlaskForm):
    text = StringField(_l("What should a visitor know?"), id="risk-text", description=_l(
        "For example: visit in pairs, or: a big dog in the house."),
        render_kw={"maxlength": MAX_RISK})


def visit_form(case, actor, today, sent=False):
    """The visit form as `sent`, or empty with `today`, the student's address and the
    `actor` as owner of an agreement made at the door."""
    form = VisitForm() if sent else VisitForm(
        formdata=None, visited_on=today, address=full_address(case.student),
        agreement_owner=actor.id)
    form.agreement_owner.choices = choices(owner_choices(case))
    return form


def form_context(case, form):
    """What the visit form needs around it."""
    return {"visit_form": form, "student_address": full_address(case.student),
            "channel_labels": CHANNEL_LABELS, "visit_outcome_labels": OUTCOME_LABELS,
            "visibility_labels": VISIBILITY_LABELS}
