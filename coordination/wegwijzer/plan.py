"""The plan per chosen Wegwijzer domain (seed 003 §2 and step 5): the interventions and
recommendations the team considers, with their NJi recognition level, and goals with
actions that work like agreements: an owner (a staff member of the school), a due date,
a status, and every change a new revision with its reason (coordination/revisions.py).

Who: the plan is part of the trajectory page, so whoever sees the trajectory sees it
(wegwijzer.services.trajectory_for: the school's staff and the team members invited);
only the school's staff change it (403 for an invited colleague who is not, the same
NotFound as a missing trajectory for anyone else). Representatives reach only their
scoring form through their link, never the plan. New entries go to chosen domains only;
what was written for a domain that is no longer chosen stays, and can still be revised.
"""
from datetime import timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import lazyload

from coordination import access, revisions
from coordination.accounts.models import PROFESSIONAL_ROLES, User, user_schools
from coordination.audit import services as audit
from coordination.errors import Conflict, Forbidden, NotFound, ValidationError
from coordination.extensions import db
from coordination.rules import wegwijzer as domains_rules
from coordination.rules import wegwijzer_plan as rules
from coordination.timeutil import today_local
from coordination.validation import clean_text
from coordination.wegwijzer import services
from coordination.wegwijzer.models import Choice, Trajectory
from coordination.wegwijzer.plan_models import (
    Intervention,
    InterventionWithdrawal,
    PlanItem,
    PlanRevision,
)

MAX_NAME = 200
MAX_NOTE = 1000
MAX_TEXT = 1000
MAX_REASON = 1000
# Open actions due within this many days reach their owner's worklist (and overdue ones).
AHEAD_DAYS = 7


def _to_plan(actor, trajectory_id):
    trajectory = services.trajectory_for(actor, trajectory_id)
    if not services.is_staff(actor, trajectory):
        raise Forbidden(_l("Only the school's own staff make the plan."))
    return trajectory


def check_can_plan(actor, trajectory_id):
    """The trajectory, for a plan form. :raise 404: not visible. :raise 403: not staff
    of the school."""
    return _to_plan(actor, trajectory_id)


def _chosen(trajectory):
    return set(db.session.scalars(select(Choice.domain).where(
        Choice.trajectory_id == trajectory.id)))


def check_domain(actor, trajectory_id, domain):
    """The trajectory, for a new entry in a domain's plan.
    :raise 404: not visible, or the domain is not one the team chose.
    :raise 403: not staff of the school."""
    trajectory = _to_plan(actor, trajectory_id)
    if domain not in domains_rules.DOMAINS or domain not in _chosen(trajectory):
        raise NotFound()
    return trajectory


def staff(trajectory):
    """Who can own a goal or action: the active professionals linked to the school."""
    return db.session.scalars(select(User).join(
        user_schools, user_schools.c.user_id == User.id).where(
        user_schools.c.school_id == trajectory.school_id, User.active.is_(True),
        User.role.in_(PROFESSIONAL_ROLES)).order_by(User.name)).all()


# Interventions and recommendations ---------------------------------------------------

def add_intervention(actor, trajectory_id, domain, name, recognition, note=None):
    """Record an intervention or recommendation the team considers for a chosen domain.
    Commits. :raise ValidationError: on name, recognition, note."""
    trajectory = check_domain(actor, trajectory_id, domain)
    errors = {}
    name = clean_text(name, "name", errors, _l("Write the name of the intervention."),
                      MAX_NAME)
    if recognition not in rules.RECOGNITION_LEVELS:
        errors["recognition"] = [_l("Choose the recognition level.")]
    note = clean_text(note, "note", errors, limit=MAX_NOTE) or None
    if errors:
        raise ValidationError(fields=errors)
    row = Intervention(trajectory_id=trajectory.id, domain=domain, name=name,
                       recognition=recognition, note=note, author_id=actor.id)
    db.session.add(row)
    db.session.flush()
    audit.record(actor, "wegwijzer.intervention", trajectory_id=trajectory.id,
                 intervention_id=row.id, domain=domain)
    db.session.commit()
    return row


def intervention_for(actor, trajectory_id, intervention_id):
    """An intervention of the trajectory, for the staff's withdraw form.
    :raise 404: not visible or not of this trajectory. :raise 403: not staff."""
    trajectory = _to_plan(actor, trajectory_id)
    row = db.session.get(Intervention, intervention_id) if isinstance(
        intervention_id, int) else None
    if row is None or row.trajectory_id != trajectory.id:
        raise NotFound()
    return trajectory, row


def withdraw_intervention(actor, trajectory_id, intervention_id, reason=None):
    """The team no longer considers it: a withdrawal of its own, the intervention stays on
    record. Commits. :raise Conflict: already withdrawn. :raise ValidationError: reason."""
    trajectory, row = intervention_for(actor, trajectory_id, intervention_id)
    errors = {}
    reason = clean_text(reason, "reason", errors, limit=MAX_REASON) or None
    if errors:
        raise ValidationError(fields=errors)
    if row.withdrawal is not None:
        raise Conflict(_l("This intervention was already withdrawn."), code="withdrawn")
    db.session.add(InterventionWithdrawal(intervention_id=row.id, reason=reason,
                                          by_id=actor.id))
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        raise Conflict(_l("This intervention was already withdrawn."),
                       code="withdrawn") from None
    audit.record(actor, "wegwijzer.intervention_withdraw", trajectory_id=trajectory.id,
                 intervention_id=row.id)
    db.session.commit()


# Goals and actions ---------------------------------------------------------------------

def _checked_state(trajectory, kind, state):
    """`state` cleaned; :raise ValidationError: on text, owner_user_id, due_date, status."""
    errors = {}
    state["text"] = clean_text(state.get("text"), "text", errors,
                               _l("Write down the goal.") if kind == rules.GOAL
                               else _l("Write down what will be done."), MAX_TEXT)
    owner_id = state.get("owner_user_id")
    if not isinstance(owner_id, int) or owner_id not in {u.id for u in staff(trajectory)}:
        errors["owner_user_id"] = [_l("Choose a staff member of the school.")]
    if rules.needs_due_date(kind) and state.get("due_date") is None:
        errors["due_date"] = [_l("Give the date by which it is done.")]
    if state.get("status") not in rules.STATUSES:
        errors["status"] = [_l("Choose a known status.")]
    if errors:
        raise ValidationError(fields=errors)
    return state


def _create(actor, trajectory, domain, kind, goal_id, text, owner_user_id, due_date):
    state = _checked_state(trajectory, kind, {
        "text": text, "owner_user_id": owner_user_id, "due_date": due_date,
        "status": rules.OPEN})
    if due_date is not None and due_date < today_local():
        raise ValidationError(fields={"due_date": [_l("The due date cannot be in the past.")]})
    item = PlanItem(trajectory_id=trajectory.id, domain=domain, kind=kind, goal_id=goal_id,
                    created_by_id=actor.id)
    db.session.add(item)
    db.session.flush()
    revision = PlanRevision(item_id=item.id, number=1, author_id=actor.id, **state)
    db.session.add(revision)
    audit.record(actor, f"wegwijzer.{kind}", trajectory_id=trajectory.id, item_id=item.id,
                 domain=domain)
    db.session.commit()
    return revision


def add_goal(actor, trajectory_id, domain, text, owner_user_id, due_date=None):
    """A goal for a chosen domain (revision 1, open). Commits.
    :raise ValidationError: on text, owner_user_id, due_date."""
    trajectory = check_domain(actor, trajectory_id, domain)
    return _create(actor, trajectory, domain, rules.GOAL, None, text, owner_user_id,
                   due_date)


def _item(trajectory, item_id, kind=None):
    item = db.session.get(PlanItem, item_id) if isinstance(item_id, int) else None
    if item is None or item.trajectory_id != trajectory.id or kind not in (None, item.kind):
        raise NotFound()
    return item


def goal_for(actor, trajectory_id, goal_id):
    """A goal of the trajectory and its current revision, for a new action towards it.
    :raise 404: not visible, not of this trajectory, or its domain is no longer chosen.
    :raise 403: not staff."""
    trajectory = _to_plan(actor, trajectory_id)
    goal = _item(trajectory, goal_id, rules.GOAL)
    if goal.domain not in _chosen(trajectory):
        raise NotFound()
    return trajectory, goal, _current(goal.id)


def add_action(actor, trajectory_id, goal_id, text, owner_user_id, due_date):
    """An action towards a goal (revision 1, open): it reaches its owner's worklist when
    due. Commits. :raise ValidationError: on text, owner_user_id, due_date."""
    trajectory, goal, _goal = goal_for(actor, trajectory_id, goal_id)
    return _create(actor, trajectory, goal.domain, rules.ACTION, goal.id, text,
                   owner_user_id, due_date)


def _current(item_id):
    return db.session.scalar(revisions.newest(PlanRevision.item_id, among=[item_id]))


def item_for(actor, trajectory_id, item_id):
    """(trajectory, item, its revisions oldest first), for the staff's change form.
    :raise 404: not visible or not of this trajectory. :raise 403: not staff."""
    trajectory = _to_plan(actor, trajectory_id)
    item = _item(trajectory, item_id)
    history = db.session.scalars(select(PlanRevision).where(
        PlanRevision.item_id == item.id).order_by(PlanRevision.number)).all()
    return trajectory, item, history


def revise(actor, trajectory_id, item_id, text, owner_user_id, due_date, status, reason):
    """The goal or action as it is now (all fields), with why it changed: a new revision.
    Commits. :raise ValidationError: on a field, on reason, or nothing changed.
    :raise Conflict: someone else changed it at the same moment."""
    trajectory = _to_plan(actor, trajectory_id)
    item = _item(trajectory, item_id)
    current = _current(item.id)
    errors = {}
    reason = clean_text(reason, "reason", errors, _l("Write down why it changes."),
                        MAX_REASON)
    try:
        state = _checked_state(trajectory, item.kind, {
            "text": text, "owner_user_id": owner_user_id, "due_date": due_date,
            "status": status})
    except ValidationError as exc:
        raise ValidationError(fields={**errors, **exc.fields}) from None
    if errors:
        raise ValidationError(fields=errors)
    changed = rules.changed_fields(current.state(), state)
    if not changed:
        raise ValidationError(fields={"status": [_l("Nothing was changed.")]})
    revision = revisions.append(
        PlanRevision.item_id, current,
        _l("Someone else changed this just now. Reload and try again."),
        author_id=actor.id, reason=reason, **state)
    audit.record(actor, "wegwijzer.plan_revise", trajectory_id=trajectory.id,
                 item_id=item.id, fields=sorted(changed))
    db.session.commit()
    return revision


# Reading ---------------------------------------------------------------------------------

def sections(trajectory, chosen):
    """The plan on the trajectory page (the caller checked that the actor sees it, and
    audited the read): per domain chosen, or once chosen and holding entries, in the
    manual's order: {"domain", "chosen", "interventions", "goals": [{"current",
    "history", "actions": [{"current", "history"}]}]}. Three queries."""
    interventions = db.session.scalars(select(Intervention).where(
        Intervention.trajectory_id == trajectory.id).order_by(Intervention.at,
                                                              Intervention.id)).all()
    items = {i.id: i for i in db.session.scalars(select(PlanItem).where(
        PlanItem.trajectory_id == trajectory.id).order_by(PlanItem.id))}
    histories = {}
    if items:
        for revision in db.session.scalars(select(PlanRevision).join(
                PlanItem, PlanItem.id == PlanRevision.item_id).where(
                PlanItem.trajectory_id == trajectory.id).order_by(PlanRevision.number)):
            histories.setdefault(revision.item_id, []).append(revision)

    def entry(item):
        history = histories.get(item.id, [])
        return {"item": item, "current": history[-1] if history else None,
                "history": history}

    with_plan = {i.domain for i in interventions} | {i.domain for i in items.values()}
    result = []
    for domain, still in rules.plan_domains(domains_rules.DOMAINS, set(chosen), with_plan):
        goals = []
        for goal in (i for i in items.values() if i.domain == domain and i.kind == rules.GOAL):
            goals.append({**entry(goal), "actions": [
                entry(a) for a in items.values() if a.goal_id == goal.id]})
        result.append({"domain": domain, "chosen": still, "goals": goals,
                       "interventions": [i for i in interventions if i.domain == domain]})
    return result


def due_for(actor, on):
    """The open actions the actor owns that are overdue or due within AHEAD_DAYS of `on`,
    on trajectories of schools the actor is linked to: [(revision, trajectory_id,
    domain)] by due date. One query, bounded by the revisions the actor owns (the index
    on the owner); the revisions' people are not joined (the worklist shows neither):
    each relation more made PostgreSQL plan the query for 4 ms (bench/RESULTS.md §11c)."""
    stmt = (revisions.newest(PlanRevision.item_id)
            .options(lazyload(PlanRevision.owner), lazyload(PlanRevision.author))
            .join(PlanItem, PlanItem.id == PlanRevision.item_id)
            .join(Trajectory, Trajectory.id == PlanItem.trajectory_id)
            .add_columns(PlanItem.trajectory_id, PlanItem.domain)
            .where(PlanItem.kind == rules.ACTION, PlanRevision.owner_user_id == actor.id,
                   PlanRevision.status == rules.OPEN,
                   PlanRevision.due_date <= on + timedelta(days=AHEAD_DAYS),
                   Trajectory.school_id.in_(access.linked_school_ids(actor)))
            .order_by(PlanRevision.due_date, PlanRevision.item_id))
    return db.session.execute(stmt).all()
