"""The Wegwijzer for a school (seed 003): a trajectory started by a professional linked to
the school, participants invited (team members; student and parent representatives by a
one-time link: scoring.py), their scores on the eight domains, the report, and the domains
chosen.

Who sees a trajectory: the professionals linked to its school, and the team members
invited to it. Anyone else gets the same NotFound as for a trajectory that does not
exist. Representatives see only their own scoring form, through their link.
"""
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, or_, select
from sqlalchemy.exc import IntegrityError

from coordination import access
from coordination.accounts.models import User
from coordination.audit import services as audit
from coordination.errors import Forbidden, NotFound, ValidationError
from coordination.extensions import db
from coordination.rules import wegwijzer as rules
from coordination.schools.models import School
from coordination.validation import clean_text
from coordination.wegwijzer.models import Choice, Participant, Round, Score, Trajectory

MAX_TITLE = 200


def is_staff(actor, trajectory):
    """A professional linked to the trajectory's school runs it."""
    return access.school_in_reach(actor, trajectory.school_id)


def current_round(trajectory):
    """The trajectory's latest round: the one participants are invited to and score in."""
    return db.session.scalar(select(Round).where(Round.trajectory_id == trajectory.id)
                             .order_by(Round.number.desc()).limit(1))


def participant_of(actor, trajectory):
    """The actor's place in the current round, if invited to it."""
    return db.session.scalar(select(Participant).where(
        Participant.round_id == current_round(trajectory).id,
        Participant.user_id == actor.id))


def _invited_ever(actor, trajectory):
    return db.session.scalar(select(Participant.id).where(
        Participant.trajectory_id == trajectory.id, Participant.user_id == actor.id)
        .limit(1)) is not None


def trajectory_for(actor, trajectory_id):
    """The trajectory if the actor is staff of its school or invited to it (in any round).
    :raise NotFound: otherwise, also when it does not exist."""
    trajectory = db.session.get(Trajectory, trajectory_id) if isinstance(
        trajectory_id, int) else None
    if trajectory is None or not (is_staff(actor, trajectory)
                                  or _invited_ever(actor, trajectory)):
        raise NotFound()
    return trajectory


def to_run(actor, trajectory_id):
    trajectory = trajectory_for(actor, trajectory_id)
    if not is_staff(actor, trajectory):
        raise Forbidden(_l("Only the school's own staff run the Wegwijzer."))
    return trajectory


def report_access(actor, trajectory_id):
    """:raise 404: not staff of the school and not invited."""
    trajectory_for(actor, trajectory_id)


def check_can_run(actor, trajectory_id):
    """:raise 404: not visible. :raise 403: invited, but not staff of the school."""
    to_run(actor, trajectory_id)


def my_schools(actor):
    """The schools the actor may start a trajectory for."""
    if not actor.is_professional:
        return []
    return db.session.scalars(select(School).where(
        School.id.in_(access.linked_school_ids(actor))).order_by(School.name)).all()


def list_for(actor):
    """Trajectories of the actor's schools and those the actor was invited to."""
    invited = select(Participant.trajectory_id).where(Participant.user_id == actor.id)
    conditions = [Trajectory.id.in_(invited)]
    if actor.is_professional:
        conditions.append(Trajectory.school_id.in_(access.linked_school_ids(actor)))
    return db.session.scalars(select(Trajectory).where(or_(*conditions))
                              .order_by(Trajectory.started_at.desc())).all()


def start(actor, school_id, title):
    """A professional linked to the school starts a trajectory and takes part in it as a
    team member. Commits. :raise ValidationError: on school_id, title."""
    errors = {}
    if not access.school_in_reach(actor, school_id):
        errors["school_id"] = [_l("Choose one of your schools.")]
    message = _l("Give the trajectory a name (at most %(max)d characters).", max=MAX_TITLE)
    title = clean_text(title, "title", errors, message, MAX_TITLE, message)
    if errors:
        raise ValidationError(fields=errors)
    trajectory = Trajectory(school_id=school_id, title=title, started_by_id=actor.id)
    db.session.add(trajectory)
    db.session.flush()
    first = Round(trajectory_id=trajectory.id, number=1, started_by_id=actor.id,
                  started_at=trajectory.started_at)
    db.session.add(first)
    db.session.flush()
    db.session.add(Participant(trajectory_id=trajectory.id, round_id=first.id,
                               group=rules.TEAM, user_id=actor.id, invited_by_id=actor.id))
    audit.record(actor, "wegwijzer.start", trajectory_id=trajectory.id, school_id=school_id)
    db.session.commit()
    return trajectory


def colleagues(trajectory):
    """Professionals linked to the school who are not taking part in the current round."""
    from coordination.accounts.models import user_schools

    taking_part = select(Participant.user_id).where(
        Participant.round_id == current_round(trajectory).id, Participant.user_id.is_not(None))
    return db.session.scalars(select(User).join(
        user_schools, user_schools.c.user_id == User.id).where(
        user_schools.c.school_id == trajectory.school_id, User.active.is_(True),
        User.id.not_in(taking_part)).order_by(User.name)).all()


def invite_member(actor, trajectory_id, user_id):
    """Invite a colleague linked to the school as a team member of the current round.
    Commits.
    :raise ValidationError: on user_id (not linked to the school, or already taking part)."""
    trajectory = to_run(actor, trajectory_id)
    user = db.session.get(User, user_id) if isinstance(user_id, int) else None
    if user is None or not access.school_in_reach(user, trajectory.school_id):
        raise ValidationError(fields={"user_id": [
            _l("Choose a colleague who works at this school.")]})
    db.session.add(Participant(trajectory_id=trajectory.id,
                               round_id=current_round(trajectory).id, group=rules.TEAM,
                               user_id=user.id, invited_by_id=actor.id))
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        raise ValidationError(fields={"user_id": [_l("This person already takes part.")]}) \
            from None
    audit.record(actor, "wegwijzer.invite", trajectory_id=trajectory.id, group=rules.TEAM)
    db.session.commit()


def report(actor, trajectory_id):
    """The trajectory page for its current round: participants, the report per domain, the
    domains where the groups differ most, the chosen domains, and the actor's own part."""
    trajectory = trajectory_for(actor, trajectory_id)
    this_round = current_round(trajectory)
    scores = round_scores(this_round)
    rows = rules.report(scores)
    chosen = db.session.scalars(select(Choice.domain).where(
        Choice.trajectory_id == trajectory.id)).all()
    audit.record(actor, "wegwijzer.read", trajectory_id=trajectory.id)
    db.session.commit()
    me = participant_of(actor, trajectory)
    participants = db.session.scalars(select(Participant).where(
        Participant.round_id == this_round.id).order_by(Participant.id)).all()
    scored = {g: sum(1 for p in participants if p.group == g and p.scored_at)
              for g in rules.GROUPS}
    invited = {g: sum(1 for p in participants if p.group == g) for g in rules.GROUPS}
    return {"trajectory": trajectory, "rows": rows, "different": rules.most_different(rows),
            "chosen": [d for d in rules.DOMAINS if d in chosen], "me": me,
            "staff": is_staff(actor, trajectory), "scored": scored, "invited": invited,
            "round": this_round, "participants": participants}


def round_scores(round_):
    """(group, domain, score) of everyone who scored in the round."""
    return db.session.execute(select(Participant.group, Score.domain, Score.score).join(
        Score, Score.participant_id == Participant.id).where(
        Participant.round_id == round_.id)).all()


def choose(actor, trajectory_id, domains):
    """The school's staff choose the domains to work on (about three). Replaces the earlier
    choice. Commits. :raise ValidationError: on domains."""
    trajectory = to_run(actor, trajectory_id)
    domains = list(dict.fromkeys(domains or []))
    problem = rules.choice_problem(domains)
    if problem:
        message = {"none": _l("Choose at least one domain."),
                   "unknown": _l("Choose from the eight domains."),
                   "too_many": _l("Choose at most %(max)d domains: about three works best.",
                                  max=rules.MAX_CHOICES)}[problem]
        raise ValidationError(fields={"domains": [message]})
    db.session.execute(delete(Choice).where(Choice.trajectory_id == trajectory.id))
    for domain in domains:
        db.session.add(Choice(trajectory_id=trajectory.id, domain=domain,
                              chosen_by_id=actor.id))
    audit.record(actor, "wegwijzer.choose", trajectory_id=trajectory.id, domains=domains)
    db.session.commit()
