"""Tier, review, pause and kind of absence on the case page; marking oneself away."""
from flask import Blueprint, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from coordination.accounts import services as accounts
from coordination.tiers import services
from coordination.timeutil import today_local
from coordination.validation import choices
from coordination.web import form_date, form_int, perform, professional_required

bp = Blueprint("tiers", __name__)


def _back(case_id):
    return redirect(url_for("cases.show", case_id=case_id, _anchor="tier-title"))


@bp.route("/cases/<int:case_id>/tier", methods=["POST"])
@login_required
def set_tier(case_id):
    """:raise 404: not visible. :raise 403: not the coordinator."""
    form = request.form
    perform(lambda: services.set_tier(current_user, case_id, form_int(form.get("tier")),
                                      form.get("reason"), today_local()),
            _("The tier is changed."))
    return _back(case_id)


@bp.route("/cases/<int:case_id>/reviews", methods=["POST"])
@login_required
def review(case_id):
    """:raise 404: not visible. :raise 403: not the coordinator."""
    form = request.form
    perform(lambda: services.record_review(
        current_user, case_id, form.get("outcome"), form.get("note"),
        form_date(form.get("next_review_on")), today_local()), _("The review is recorded."))
    return _back(case_id)


@bp.route("/cases/<int:case_id>/pauses", methods=["POST"])
@login_required
def pause(case_id):
    """:raise 404: not visible. :raise 403: not the coordinator."""
    form = request.form
    perform(lambda: services.pause(current_user, case_id, form_date(form.get("first")),
                                   form_date(form.get("last")), form.get("reason"),
                                   today_local()),
            _("The clock is paused for that period."))
    return _back(case_id)


@bp.route("/cases/<int:case_id>/absence-kind", methods=["POST"])
@login_required
def absence_kind(case_id):
    """:raise 404: not visible. :raise 403: not the coordinator."""
    perform(lambda: services.set_absence_kind(current_user, case_id,
                                              request.form.get("absence_kind")),
            _("The kind of absence is recorded."))
    return _back(case_id)


@bp.route("/away", methods=["GET", "POST"])
@professional_required
def away():
    """Mark oneself away, with a deputy who receives everything meanwhile."""
    if request.method == "POST":
        form = request.form
        if perform(lambda: services.mark_away(current_user, form_date(form.get("first")),
                                              form_date(form.get("last")),
                                              form_int(form.get("deputy_id"))),
                   _("Your deputy receives everything for you in that period.")):
            return redirect(url_for("tiers.away"))
    people = choices((u.id, u.name) for u in accounts.professionals() if u.id != current_user.id)
    return render_template("tiers/away.html", people=people,
                           periods=services.away_periods(current_user))
