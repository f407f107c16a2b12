"""Tiers, reviews, pauses and deputies; the escalation timer's handlers.

The clocks are pure rules (coordination/rules/timers.py); this module keeps the case's
current tier and dates, the history rows, and the scheduler's due items in step.
"""
from datetime import date, datetime, time, timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from coordination.accounts.models import User
from coordination.agreements.models import Agreement
from coordination.attendance.calendars import calendar_for
from coordination.audit import services as audit
from coordination.cases.models import CLOSED, OPEN, Case
from coordination.cases.services import case_to_manage, chosen_person
from coordination.errors import ValidationError
from coordination.extensions import db
from coordination.notifications import services as notifications
from coordination.rules import timers
from coordination.scheduler import services as scheduler
from coordination.tiers.models import OUTCOMES, AwayPeriod, CasePause, Review, TierChange
from coordination.timeutil import AMSTERDAM, utcnow
from coordination.validation import clean_text

REMIND_AT = time(7, 0)  # reminders and deadlines fall at 07:00 in the Netherlands


def local_moment(day, at=REMIND_AT):
    return datetime.combine(day, at, tzinfo=AMSTERDAM)


def _intervals():
    return {2: current_app.config["REVIEW_SCHOOL_DAYS_TIER2"],
            3: current_app.config["REVIEW_SCHOOL_DAYS_TIER3"]}


def pauses_of(case):
    return [timers.Pause(p.first, p.last) for p in db.session.scalars(
        select(CasePause).where(CasePause.case_id == case.id))]


def _restart_clock(case, today):
    """Start the review clock of the case's tier on `today` and plan its deadline."""
    calendar, pauses = calendar_for(case.student.school), pauses_of(case)
    case.review_from = today
    case.next_review_on = timers.review_due(today, case.tier, calendar, pauses, _intervals())
    _plan_deadline(case)


def _plan_deadline(case):
    if case.next_review_on is not None:
        due = case.next_review_on
        scheduler.plan(f"review:{case.id}:{due.isoformat()}", "review_deadline",
                       local_moment(due + timedelta(days=1)), case_id=case.id,
                       payload={"due": due.isoformat()})


def schedule_review(case, since, due):
    """Set the case's review clock (running since `since`, next review on `due`) and plan
    its deadline, as a tier decision would (the demo region uses this). The caller commits."""
    case.review_from, case.next_review_on = since, due
    _plan_deadline(case)


def _change_tier(case, to_tier, reason, today, by=None):
    db.session.add(TierChange(case_id=case.id, from_tier=case.tier, to_tier=to_tier,
                              reason=reason, by_id=by.id if by else None,
                              automatic=by is None, on=today))
    if to_tier == 2 and case.tier < 2:
        calendar = calendar_for(case.student.school)
        case.goal_due_on = timers.goal_due(today, calendar, pauses_of(case))
    case.tier = to_tier
    case.intensive_overdue = False
    _restart_clock(case, today)


def set_tier(actor, case_id, tier, reason, today):
    """A decision by the coordinator to put the case in a tier. Commits."""
    case = case_to_manage(actor, case_id)
    errors = {}
    if tier not in (1, 2, 3):
        errors["tier"] = [_l("Choose tier 1, 2 or 3.")]
    reason = clean_text(reason, "reason", errors, _l("Write down why the tier changes."))
    if errors:
        raise ValidationError(fields=errors)
    _change_tier(case, tier, reason, today, by=actor)
    audit.record(actor, "case.tier", case=case, tier=tier)
    db.session.commit()
    return case


def record_review(actor, case_id, outcome, note, next_review_on, today):
    """A review of the case: continue, escalate, de-escalate or close. Commits."""
    case = case_to_manage(actor, case_id)
    errors = {}
    if outcome not in OUTCOMES:
        errors["outcome"] = [_l("Choose continue, escalate, de-escalate or close.")]
    note = clean_text(note, "note", errors, _l("Write down what the review found."))
    if next_review_on is not None and next_review_on <= today:
        errors["next_review_on"] = [_l("The next review lies in the future.")]
    if errors:
        raise ValidationError(fields=errors)
    review = Review(case_id=case.id, outcome=outcome, note=note, reviewed_on=today,
                    next_review_on=next_review_on, by_id=actor.id)
    db.session.add(review)
    _apply_outcome(case, outcome, today, actor)
    if case.status == OPEN and next_review_on is not None:
        case.next_review_on = next_review_on
        _plan_deadline(case)
    audit.record(actor, "case.review", case=case, outcome=outcome)
    db.session.commit()
    return review


def _apply_outcome(case, outcome, today, actor):
    if outcome == "close":
        case.status, case.closed_at, case.next_review_on = CLOSED, utcnow(), None
    elif outcome == "escalate":
        _change_tier(case, timers.escalate(case.tier)[0], "review: escalate", today, by=actor)
    elif outcome == "deescalate" and case.tier > 1:
        _change_tier(case, case.tier - 1, "review: de-escalate", today, by=actor)
    else:
        case.intensive_overdue = False
        _restart_clock(case, today)


def pause(actor, case_id, first, last, reason, today):
    """The case waits for an external party: the review clock stops meanwhile. Commits."""
    case = case_to_manage(actor, case_id)
    errors = _period_errors(first, last, _l("Fill in the first day of the pause."),
                            _l("Fill in the last day of the pause."))
    reason = clean_text(reason, "reason", errors, _l("Write down what the case waits for."))
    if errors:
        raise ValidationError(fields=errors)
    db.session.add(CasePause(case_id=case.id, first=first, last=last, reason=reason,
                             by_id=actor.id))
    db.session.flush()
    if case.next_review_on is not None and case.review_from is not None:
        case.next_review_on = timers.review_due(case.review_from, case.tier,
                                                calendar_for(case.student.school),
                                                pauses_of(case), _intervals())
        _plan_deadline(case)
    audit.record(actor, "case.pause", case=case)
    db.session.commit()
    return case


def _period_errors(first, last, no_first, no_last):
    """What is missing or wrong in a period from `first` to `last` (inclusive): each
    missing day says so; only two days given can be in the wrong order."""
    errors = {}
    if first is None:
        errors["first"] = [no_first]
    if last is None:
        errors["last"] = [no_last]
    elif first is not None and last < first:
        errors["last"] = [_l("The last day is not before the first.")]
    return errors


def mark_away(actor, first, last, deputy_id, email=None):
    """The coordinator is away from `first` to `last`; the deputy, chosen from the list or
    named by `email` (the page's field beside it), receives meanwhile. Commits."""
    errors = _period_errors(first, last, _l("Fill in the first day you are away."),
                            _l("Fill in the last day you are away."))
    another = _l("Choose another professional.")
    try:
        deputy_id, field = chosen_person(deputy_id, email, another, "deputy_id")
    except ValidationError as problem:
        errors.update(problem.fields)
    else:
        deputy = db.session.get(User, deputy_id)
        if (deputy is None or not deputy.is_professional or not deputy.active
                or deputy.id == actor.id):
            errors[field] = [another]
    if errors:
        raise ValidationError(fields=errors)
    period = AwayPeriod(user_id=actor.id, deputy_id=deputy.id, first=first, last=last)
    db.session.add(period)
    db.session.commit()
    return period


def team_to_tell(case):
    """The coordinator and every professional member (deputies are added on notifying)."""
    ids = [case.coordinator_id] + [m.user_id for m in case.members
                                   if m.user.is_professional and m.user_id != case.coordinator_id]
    return ids


def has_tier_goal(case, marks=None):
    """Whether an agreement of `case` is its tier goal (`marks`: agreements.case_marks of
    the case, when the caller has them)."""
    if marks is not None:
        return any(mark.tier_goal for mark in marks)
    return db.session.scalar(select(Agreement.id).where(
        Agreement.case_id == case.id, Agreement.tier_goal.is_(True)).limit(1)) is not None


def on_review_deadline(item, now):
    """A review date passed without a review: up one tier (tier 3: flagged), tell the team."""
    case = db.session.get(Case, item.case_id)
    due = item.payload["due"]
    if case is None or case.status != OPEN or case.next_review_on is None or (
            case.next_review_on.isoformat() != due):
        return  # reviewed, re-planned or closed meanwhile: nothing to do
    today = now.astimezone(AMSTERDAM).date()
    new_tier, flagged = timers.escalate(case.tier)
    _change_tier(case, new_tier, f"no review before {due}", today)
    case.intensive_overdue = flagged
    notifications.notify(team_to_tell(case), "escalated", today, case_id=case.id,
                         tier=new_tier, due=due, intensive=flagged)


def on_goal_reminder(item, now):
    case = db.session.get(Case, item.case_id)
    if case is None or case.status != OPEN or case.tier != 2 or has_tier_goal(case):
        return
    notifications.notify([case.coordinator_id], "goal_missing",
                         date.fromisoformat(item.payload["day"]), case_id=case.id)


def plan_goal_reminders(now):
    """A daily reminder for every tier-2 case past its goal date without a goal agreed with
    the parents; missed days (scheduler down) are planned too and run once each."""
    today = now.astimezone(AMSTERDAM).date()
    # reach: the scheduler plans for every open case; no reader
    cases = db.session.scalars(select(Case).where(
        Case.status == OPEN, Case.tier == 2, Case.goal_due_on.is_not(None),
        Case.goal_due_on < today)).all()
    for case in cases:
        if has_tier_goal(case):
            continue
        first = max(case.goal_due_on + timedelta(days=1), today - timedelta(days=60))
        day = first
        while day <= today:
            scheduler.plan(f"goal:{case.id}:{day.isoformat()}", "goal_reminder",
                           local_moment(day), case_id=case.id, payload={"day": day.isoformat()})
            day += timedelta(days=1)
    db.session.commit()


def history(case):
    """Tier changes and reviews of the case, newest first (two queries)."""
    changes = db.session.scalars(select(TierChange).where(TierChange.case_id == case.id)
                                 .order_by(TierChange.id.desc())).all()
    reviews = db.session.scalars(select(Review).where(Review.case_id == case.id)
                                 .order_by(Review.id.desc())).all()
    return changes, reviews


def acting_deputy(case, on):
    """The deputy acting for the case's coordinator on `on`, or None."""
    period = db.session.scalar(select(AwayPeriod).where(
        AwayPeriod.user_id == case.coordinator_id, AwayPeriod.first <= on,
        AwayPeriod.last >= on).order_by(AwayPeriod.id.desc()).limit(1))
    return period.deputy if period else None


def away_periods(user):
    return db.session.scalars(select(AwayPeriod).where(AwayPeriod.user_id == user.id)
                              .order_by(AwayPeriod.first.desc())).all()
