"""Rounds and stages of a Wegwijzer trajectory.

The manual's stepwise plan (seed 003 §1, rules.wegwijzer.STAGES) is the trajectory's
stages. The current stage is derived from what happened in the current round (who was
invited, who scored, whether domains were chosen, whether a plan exists) rather than set
by hand: Regie records those facts anyway, so a marker derived from them cannot go stale
or contradict them, and it needs no log of its own.

After about a year the school scores again: the care coordinator or school leader starts a
new round (allowed once the previous one has scores; sooner than a year only warns), the
team members of the previous round take part again, representatives are invited anew, and
the comparison page puts both rounds side by side per domain and group.
"""
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from coordination import access, revisions
from coordination.accounts.models import User
from coordination.audit import services as audit
from coordination.errors import Conflict
from coordination.extensions import db
from coordination.rules import wegwijzer as rules
from coordination.rules.agreements import OPEN
from coordination.timeutil import as_utc, utcnow
from coordination.wegwijzer.models import Choice, Participant, Round
from coordination.wegwijzer.plan_models import PlanItem, PlanRevision
from coordination.wegwijzer.services import (
    current_round,
    is_staff,
    round_scores,
    to_run,
    trajectory_for,
)


def _scored_in(round_):
    return db.session.scalar(select(func.count(Participant.id)).where(
        Participant.round_id == round_.id, Participant.scored_at.is_not(None)))


def _days_since(moment):
    return (utcnow() - as_utc(moment)).days


def _chosen_in(round_):
    return db.session.scalar(select(func.count(Choice.id)).where(
        Choice.trajectory_id == round_.trajectory_id,
        Choice.chosen_at >= round_.started_at)) > 0


def rounds_of(trajectory):
    return db.session.scalars(select(Round).where(Round.trajectory_id == trajectory.id)
                              .order_by(Round.number)).all()


def _plan_facts(round_):
    """(plan made, plan done) in `round_`: goals or actions added since it started, and
    none of them still open (their newest revision, plan.py)."""
    items = select(PlanItem.id).where(PlanItem.trajectory_id == round_.trajectory_id,
                                      PlanItem.created_at >= round_.started_at)
    statuses = db.session.scalars(
        revisions.newest(PlanRevision.item_id, among=items).with_only_columns(
            PlanRevision.status)).all()
    return bool(statuses), bool(statuses) and OPEN not in statuses


def overview(context):
    """What the trajectory page shows about stages and rounds. `context`: the answer of
    services.report (its current round, participants, staff flag)."""
    trajectory, this_round = context["trajectory"], context["round"]
    participants = context["participants"]
    plan_made, plan_done = _plan_facts(this_round)
    age = _days_since(this_round.started_at)
    stage = rules.current_stage(
        invited=len(participants), scored=sum(1 for p in participants if p.scored_at),
        chosen=_chosen_in(this_round), plan_made=plan_made, plan_done=plan_done,
        round_number=this_round.number, round_age_days=age)
    scored = sum(1 for p in participants if p.scored_at)
    return {"steps": rules.stage_steps(stage), "rounds": rounds_of(trajectory),
            "may_start_round": context["staff"] and rules.may_start_round(scored),
            "round_too_soon": rules.round_too_soon(age), "round_age_days": age}


def start_round(actor, trajectory_id):
    """Start the next scoring round. The previous round's team members who still work at
    the school take part again (the one starting it always); representatives are invited
    anew, and the previous round's unused links stop working. Commits; returns the round
    and whether it came sooner than a year after the previous one (a warning, not a
    refusal).
    :raise 404: not visible. :raise 403: not staff of the school.
    :raise Conflict: the previous round has no scores yet."""
    trajectory = to_run(actor, trajectory_id)
    previous = current_round(trajectory)
    if not rules.may_start_round(_scored_in(previous)):
        raise Conflict(_l("Start a new round once the current round has scores."),
                       code="no_scores")
    too_soon = rules.round_too_soon(_days_since(previous.started_at))
    new = Round(trajectory_id=trajectory.id, number=previous.number + 1,
                started_by_id=actor.id)
    db.session.add(new)
    db.session.flush()
    members = db.session.scalars(select(User).join(
        Participant, Participant.user_id == User.id).where(
        Participant.round_id == previous.id, User.active.is_(True))).all()
    again = [actor] + [u for u in members if u.id != actor.id
                       and access.school_in_reach(u, trajectory.school_id)]
    for user in again:
        db.session.add(Participant(trajectory_id=trajectory.id, round_id=new.id,
                                   group=rules.TEAM, user_id=user.id, invited_by_id=actor.id))
    audit.record(actor, "wegwijzer.round", trajectory_id=trajectory.id, number=new.number)
    db.session.commit()
    return new, too_soon


def comparison(actor, trajectory_id):
    """The current round beside the previous one, per domain and group, with the "< 5"
    rule per round and group. `rows` is None while there is only one round.
    :raise 404: not staff of the school and not invited."""
    trajectory = trajectory_for(actor, trajectory_id)
    rounds = rounds_of(trajectory)
    rows = previous = current = None
    if len(rounds) > 1:
        previous, current = rounds[-2], rounds[-1]
        rows = rules.compare(round_scores(previous), round_scores(current))
    audit.record(actor, "wegwijzer.read", trajectory_id=trajectory.id, view="comparison")
    db.session.commit()
    return {"trajectory": trajectory, "rows": rows, "previous": previous,
            "current": current, "staff": is_staff(actor, trajectory)}
