"""Tier, review and pause on the case page; marking oneself away. Each case form also has a
page of its own (GET), where it comes back as sent when something is wrong. The kinds of
absence are chosen on the factors page (coordination/factors/views.py), one way."""
from flask import Blueprint, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from coordination.accounts import services as accounts
from coordination.cases.services import case_to_manage
from coordination.fields import choices
from coordination.tiers import services
from coordination.tiers.forms import AwayForm, PauseForm, ReviewForm, TierForm
from coordination.timeutil import today_local
from coordination.web import case_for_form, form_page, professional_required, submit

bp = Blueprint("tiers", __name__)
ANCHOR = "tier-title"


def _back(case_id):
    return redirect(url_for("cases.show", case_id=case_id, _anchor=ANCHOR))


@bp.route("/cases/<int:case_id>/tier", methods=["GET", "POST"])
@login_required
def set_tier(case_id):
    """:raise 404: not visible. :raise 403: not the coordinator."""
    case = case_for_form(case_to_manage, case_id)
    form = TierForm(tier=case.tier)
    if submit(form, lambda: services.set_tier(current_user, case.id, form.tier.data,
                                              form.reason.data, today_local()),
              _("The tier is changed.")):
        return _back(case.id)
    return form_page(form, case, _("Change the tier"), _("Change tier"), ANCHOR)


@bp.route("/cases/<int:case_id>/reviews", methods=["GET", "POST"])
@login_required
def review(case_id):
    """:raise 404: not visible. :raise 403: not the coordinator."""
    case = case_for_form(case_to_manage, case_id)
    form = ReviewForm()
    if submit(form, lambda: services.record_review(
            current_user, case.id, form.outcome.data, form.note.data, form.next_review_on.data,
            today_local()), _("The review is recorded.")):
        return _back(case.id)
    return form_page(form, case, _("Record a review"), _("Save review"), ANCHOR)


@bp.route("/cases/<int:case_id>/pauses", methods=["GET", "POST"])
@login_required
def pause(case_id):
    """:raise 404: not visible. :raise 403: not the coordinator."""
    case = case_for_form(case_to_manage, case_id)
    form = PauseForm()
    if submit(form, lambda: services.pause(current_user, case.id, form.first.data,
                                           form.last.data, form.reason.data, today_local()),
              _("The clock is paused for that period.")):
        return _back(case.id)
    return form_page(form, case, _("Pause the clock (waiting for an external party)"),
                     _("Pause"), ANCHOR)


@bp.route("/away", methods=["GET", "POST"])
@professional_required
def away():
    """Mark oneself away, with a deputy who receives everything meanwhile."""
    form = AwayForm()
    form.deputy_id.choices = choices([("", _("Choose a person"))]
                                     + accounts.colleagues(current_user))
    if submit(form, lambda: services.mark_away(current_user, form.first.data, form.last.data,
                                               form.deputy_id.data,
                                               form.professional_email.data),
              _("Your deputy receives everything for you in that period.")):
        return redirect(url_for("tiers.away"))
    status = 422 if form.is_submitted() else 200
    return render_template("tiers/away.html", form=form,
                           periods=services.away_periods(current_user)), status
