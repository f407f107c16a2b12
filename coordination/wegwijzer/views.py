"""The Wegwijzer pages: a school's trajectories, one trajectory with its report and
forms, and the scoring page a representative reaches through their one-time link (the
link moves its token into the session at once, as the family invitation does)."""
from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from coordination.fields import choices
from coordination.rules import wegwijzer as rules
from coordination.rules import wegwijzer_plan as plan_rules
from coordination.timeutil import today_local
from coordination.web import professional_required, submit
from coordination.wegwijzer import charts, labels, plan, rounds, scoring, services
from coordination.wegwijzer.forms import (
    ChoiceForm,
    InterventionForm,
    MemberForm,
    PlanItemForm,
    PlanReviseForm,
    RepresentativeForm,
    RoundForm,
    ScoreForm,
    StartForm,
    WithdrawForm,
)

bp = Blueprint("wegwijzer", __name__, url_prefix="/wegwijzer")
PENDING_TOKEN = "wegwijzer_token"


def _index(form=None, status=200):
    form = form or StartForm(formdata=None)
    form.school_id.choices = choices([("", _("Choose a school"))] + [
        (s.id, s.name) for s in services.my_schools(current_user)])
    return render_template("wegwijzer/index.html", form=form,
                           trajectories=services.list_for(current_user)), status


@bp.route("")
@professional_required
def index():
    """The trajectories of my schools, and starting one."""
    return _index()


@bp.route("", methods=["POST"])
@professional_required
def start():
    form = StartForm()
    form.school_id.choices = []
    trajectory = submit(form, lambda: services.start(
        current_user, form.school_id.data, form.title.data),
        _("The trajectory has started. Invite the participants."))
    if trajectory:
        return redirect(url_for("wegwijzer.show", trajectory_id=trajectory.id))
    return _index(form, 422)


def _show(trajectory_id, forms=None, status=200):
    context = services.report(current_user, trajectory_id)
    forms = forms or {}
    trajectory = context["trajectory"]
    member = forms.get("member") or MemberForm(formdata=None)
    if context["staff"]:
        member.user_id.choices = choices([("", _("Choose a colleague"))] + [
            (u.id, u.name) for u in services.colleagues(trajectory)])
    chosen = forms.get("choice") or ChoiceForm(formdata=None, domains=context["chosen"])
    return render_template(
        "wegwijzer/show.html", labels=labels, groups=rules.GROUPS,
        chart=charts.range_chart(context["rows"]), member_form=member,
        representative_form=forms.get("representative") or RepresentativeForm(formdata=None),
        score_form=forms.get("score") or ScoreForm(formdata=None), choice_form=chosen,
        advised=rules.ADVISED_CHOICES, today=today_local(),
        plan_sections=plan.sections(trajectory, context["chosen"]),
        round_form=forms.get("round") or RoundForm(formdata=None),
        **rounds.overview(context), **context), status


@bp.route("/<int:trajectory_id>")
@login_required
def show(trajectory_id):
    """:raise 404: not staff of the school and not invited."""
    return _show(trajectory_id)


def _act(trajectory_id, key, form, action, success):
    if submit(form, action, success):
        return redirect(url_for("wegwijzer.show", trajectory_id=trajectory_id))
    return _show(trajectory_id, {key: form}, 422)


@bp.route("/<int:trajectory_id>/members", methods=["POST"])
@login_required
def invite_member(trajectory_id):
    """:raise 404: not visible. :raise 403: not staff of the school."""
    services.check_can_run(current_user, trajectory_id)
    form = MemberForm()
    return _act(trajectory_id, "member", form, lambda: services.invite_member(
        current_user, trajectory_id, form.user_id.data), _("Your colleague takes part."))


@bp.route("/<int:trajectory_id>/representatives", methods=["POST"])
@login_required
def invite_representative(trajectory_id):
    """:raise 404: not visible. :raise 403: not staff of the school."""
    services.check_can_run(current_user, trajectory_id)
    form = RepresentativeForm()
    return _act(trajectory_id, "representative", form, lambda: scoring.invite_representative(
        current_user, trajectory_id, form.group.data, form.name.data, form.email.data),
        _("The invitation is on its way by e-mail. The link works once."))


@bp.route("/<int:trajectory_id>/scores", methods=["POST"])
@login_required
def score(trajectory_id):
    """:raise 404: not visible. :raise 403: not invited."""
    services.report_access(current_user, trajectory_id)
    form = ScoreForm()
    return _act(trajectory_id, "score", form, lambda: scoring.score_as_member(
        current_user, trajectory_id, form.answers()), _("Thank you. Your scores are in."))


@bp.route("/<int:trajectory_id>/choices", methods=["POST"])
@login_required
def choose(trajectory_id):
    """:raise 404: not visible. :raise 403: not staff of the school."""
    services.check_can_run(current_user, trajectory_id)
    form = ChoiceForm()
    return _act(trajectory_id, "choice", form, lambda: services.choose(
        current_user, trajectory_id, form.domains.data), _("The domains are chosen."))


@bp.route("/<int:trajectory_id>/rounds", methods=["POST"])
@login_required
def start_round(trajectory_id):
    """:raise 404: not visible. :raise 403: not staff of the school."""
    services.check_can_run(current_user, trajectory_id)
    form = RoundForm()
    started = submit(form, lambda: rounds.start_round(current_user, trajectory_id),
                     lambda result: _("Round %(n)s has started. The team members take part "
                                      "again; invite the student and parent representatives "
                                      "anew.", n=result[0].number))
    if not started:
        return _show(trajectory_id, {"round": form}, 422)
    if started[1]:  # too soon
        flash(_("The previous round started less than a year ago: the changes may still be "
                "small."), "info")
    return redirect(url_for("wegwijzer.show", trajectory_id=trajectory_id))


@bp.route("/<int:trajectory_id>/comparison")
@login_required
def comparison(trajectory_id):
    """Both rounds side by side. :raise 404: not staff of the school and not invited."""
    context = rounds.comparison(current_user, trajectory_id)
    return render_template("wegwijzer/comparison.html", labels=labels, groups=rules.GROUPS,
                           chart=charts.change_chart(context["rows"]) if context["rows"]
                           else None, **context)


def _link_gone():
    session.pop(PENDING_TOKEN, None)
    return render_template("wegwijzer/link_gone.html"), 404


@bp.route("/link/<token>")
def link(token):
    """Public, guarded by the one-time token; moves it into the session at once."""
    if scoring.representative_for(token) is None:
        return _link_gone()
    session[PENDING_TOKEN] = token
    return redirect(url_for("wegwijzer.score_with_link"))


@bp.route("/score", methods=["GET", "POST"])
def score_with_link():
    """A representative's scores, through the link held in the session.
    :raise 404: no usable link."""
    token = session.get(PENDING_TOKEN)
    participant = scoring.representative_for(token)
    if participant is None:
        return _link_gone()
    form = ScoreForm()
    if submit(form, lambda: scoring.score_with_link(token, form.answers()), None):
        session.pop(PENDING_TOKEN, None)
        return render_template("wegwijzer/thanks.html")
    return render_template("wegwijzer/score.html", participant=participant, form=form,
                           labels=labels), 422 if form.is_submitted() else 200


# The plan per chosen domain (plan.py): each form on a page of its own (GET: empty, POST
# with a problem: as sent, 422), back to the domain's section of the trajectory page.

def _plan_page(form, trajectory, title, button, anchor, **context):
    status = 422 if request.method == "POST" else 200
    back = url_for("wegwijzer.show", trajectory_id=trajectory.id, _anchor=anchor)
    return render_template("wegwijzer/plan_form.html", form=form, trajectory=trajectory,
                           title=title, button=button, back=back, labels=labels,
                           **context), status


def _to_section(trajectory_id, domain):
    return redirect(url_for("wegwijzer.show", trajectory_id=trajectory_id,
                            _anchor=f"plan-{domain}"))


def _owners(form, trajectory):
    form.owner_user_id.choices = choices([("", _("Choose a staff member"))] + [
        (u.id, u.name) for u in plan.staff(trajectory)])


@bp.route("/<int:trajectory_id>/domains/<domain>/interventions/new", methods=["GET", "POST"])
@login_required
def add_intervention(trajectory_id, domain):
    """:raise 404: not visible, or the domain is not chosen. :raise 403: not staff."""
    trajectory = plan.check_domain(current_user, trajectory_id, domain)
    form = InterventionForm()
    if submit(form, lambda: plan.add_intervention(
            current_user, trajectory_id, domain, form.name.data, form.recognition.data,
            form.note.data), _("The intervention is added to the plan.")):
        return _to_section(trajectory_id, domain)
    return _plan_page(form, trajectory, _("Add an intervention or recommendation"),
                      _("Add"), f"plan-{domain}", domain=domain,
                      choice_hints=labels.RECOGNITION_HINTS)


@bp.route("/<int:trajectory_id>/interventions/<int:intervention_id>/withdraw",
          methods=["GET", "POST"])
@login_required
def withdraw_intervention(trajectory_id, intervention_id):
    """:raise 404: not visible or not of this trajectory. :raise 403: not staff."""
    trajectory, row = plan.intervention_for(current_user, trajectory_id, intervention_id)
    form = WithdrawForm()
    if submit(form, lambda: plan.withdraw_intervention(
            current_user, trajectory_id, intervention_id, form.reason.data),
            _("The intervention is withdrawn. It stays on record.")):
        return _to_section(trajectory_id, row.domain)
    return _plan_page(form, trajectory, _("Withdraw: %(name)s", name=row.name),
                      _("Withdraw"), f"plan-{row.domain}", domain=row.domain)


@bp.route("/<int:trajectory_id>/domains/<domain>/goals/new", methods=["GET", "POST"])
@login_required
def add_goal(trajectory_id, domain):
    """:raise 404: not visible, or the domain is not chosen. :raise 403: not staff."""
    trajectory = plan.check_domain(current_user, trajectory_id, domain)
    form = PlanItemForm()
    form.text.label.text = _("What is the goal?")
    _owners(form, trajectory)
    if submit(form, lambda: plan.add_goal(
            current_user, trajectory_id, domain, form.text.data, form.owner_user_id.data,
            form.due_date.data), _("The goal is added to the plan.")):
        return _to_section(trajectory_id, domain)
    return _plan_page(form, trajectory, _("Add a goal"), _("Add the goal"), f"plan-{domain}",
                      domain=domain)


@bp.route("/<int:trajectory_id>/goals/<int:goal_id>/actions/new", methods=["GET", "POST"])
@login_required
def add_action(trajectory_id, goal_id):
    """:raise 404: not visible, not a goal of this trajectory, or its domain is no longer
    chosen. :raise 403: not staff."""
    trajectory, goal, current = plan.goal_for(current_user, trajectory_id, goal_id)
    form = PlanItemForm()
    _owners(form, trajectory)
    if submit(form, lambda: plan.add_action(
            current_user, trajectory_id, goal_id, form.text.data, form.owner_user_id.data,
            form.due_date.data), _("The action is added to the plan.")):
        return _to_section(trajectory_id, goal.domain)
    return _plan_page(form, trajectory, _("Add an action"), _("Add the action"),
                      f"plan-{goal.domain}", domain=goal.domain, goal=current)


@bp.route("/<int:trajectory_id>/plan/<int:item_id>", methods=["GET", "POST"])
@login_required
def revise_plan_item(trajectory_id, item_id):
    """A goal or action with its history, and the form to change it (a new revision).
    :raise 404: not visible or not of this trajectory. :raise 403: not staff."""
    trajectory, item, history = plan.item_for(current_user, trajectory_id, item_id)
    current = history[-1]
    form = PlanReviseForm(data=current.state())
    if item.kind == plan_rules.GOAL:
        form.text.label.text = _("What is the goal?")
    _owners(form, trajectory)
    if submit(form, lambda: plan.revise(
            current_user, trajectory_id, item_id, form.text.data, form.owner_user_id.data,
            form.due_date.data, form.status.data, form.reason.data),
            _("The change is saved; the history keeps the earlier version.")):
        return _to_section(trajectory_id, item.domain)
    title = _("Change the goal") if item.kind == plan_rules.GOAL else _("Change the action")
    return _plan_page(form, trajectory, title, _("Save the change"), f"plan-{item.domain}",
                      domain=item.domain, history=history)
