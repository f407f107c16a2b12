"""Home visits: logged from a phone in the field, with a pre-visit card before and the
coordinator told after. Attempts ("nobody home", "refused") count as outcomes."""
import re

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from coordination import access, limits
from coordination.agreements import services as agreements
from coordination.audit import services as audit
from coordination.errors import Forbidden, ValidationError
from coordination.extensions import db
from coordination.followup.models import ContactAttempt
from coordination.notifications import services as notifications
from coordination.rules.audiences import audience_problem, can_see
from coordination.scheduler import services as scheduler
from coordination.tiers.services import local_moment
from coordination.timeutil import AMSTERDAM
from coordination.validation import clean_text
from coordination.visits.models import OUTCOMES, CaseRisk, HomeVisit

MAX_SUMMARY = limits.LONG_TEXT  # the summary and the confidential note of a visit
MAX_ADDRESS = 200
MAX_RISK = 300
CLOCK = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$")


def case_to_visit(actor, case_id):
    case = access.case_for(actor, case_id)
    if not actor.is_professional:
        raise Forbidden()
    return case


def _check(case, visited_on, visited_at, outcome, summary, visibility, today,
           next_visit_on=None, address=None, confidential_note=None):
    errors = {}
    clean_text(address, "address", errors, limit=MAX_ADDRESS)
    clean_text(confidential_note, "confidential_note", errors, limit=MAX_SUMMARY)
    if visited_on is None or visited_on > today:
        errors["visited_on"] = [_l("Fill in the day of the visit (not in the future).")]
    if visited_at and not CLOCK.match(visited_at):
        errors["visited_at"] = [_l("Write the time as HH:MM.")]
    if outcome not in OUTCOMES:
        errors["outcome"] = [_l("Choose who was met, or that nobody was home or the door "
                                "stayed closed.")]
    if not summary or len(summary) > MAX_SUMMARY:
        errors["summary"] = [_l("Write a short summary (at most %(max)d characters).",
                                max=MAX_SUMMARY)]
    problem = audience_problem(visibility, case.student.date_of_birth, today)
    if problem == "unknown":
        errors["visibility"] = [_l("Choose who may see the summary.")]
    elif problem:
        errors["visibility"] = [_l(
            "Only from 16 can a young person keep this from their parents: choose team or "
            "everyone.")]
    if next_visit_on is not None and next_visit_on < today:
        errors["next_visit_on"] = [_l("The next visit cannot be in the past.")]
    if errors:
        raise ValidationError(fields=errors)


def log_visit(actor, case_id, visited_on, outcome, summary, today, confidential_note=None,
              visibility="team", visited_at=None, address=None, next_visit_on=None,
              agreed=None):
    """Log a home visit (and its contact attempt, with what was `agreed`); the coordinator
    is told. Commits."""
    case = case_to_visit(actor, case_id)
    summary = (summary or "").strip()
    _check(case, visited_on, visited_at, outcome, summary, visibility, today, next_visit_on,
           address, confidential_note)
    address = (address or "").strip() or case.student.address
    visit = HomeVisit(case_id=case.id, visited_on=visited_on, visited_at=visited_at or None,
                      address=address, outcome=outcome, summary=summary, visibility=visibility,
                      confidential_note=(confidential_note or "").strip() or None,
                      next_visit_on=next_visit_on, by_id=actor.id)
    db.session.add(visit)
    db.session.add(ContactAttempt(case_id=case.id, on=visited_on, channel="home_visit",
                                  reached=outcome.startswith("met"), said=summary,
                                  agreed=(agreed or "").strip() or None, by_id=actor.id))
    db.session.flush()
    if next_visit_on is not None:
        scheduler.plan(f"visit:{case.id}:{visit.id}", "next_visit", local_moment(next_visit_on),
                       case_id=case.id, user_id=actor.id, payload={"step": "visit"})
    if case.coordinator_id != actor.id:
        notifications.notify([case.coordinator_id], "home_visit", visited_on, case_id=case.id)
    audit.record(actor, "case.home_visit", case=case, outcome=outcome)
    db.session.commit()
    return visit


def log_visit_with_agreement(actor, case_id, today, agreement=None, **visit):
    """Log a visit and, when `agreement` is given (create()'s text, owner_user_id,
    due_date, visibility), add what was agreed to the agreements log in the same step.
    Both are checked before either is stored. Commits."""
    case = case_to_visit(actor, case_id)
    if not agreement:
        return log_visit(actor, case.id, today=today, **visit)
    problems = {}
    try:
        _check(case, visit.get("visited_on"), visit.get("visited_at"), visit.get("outcome"),
               (visit.get("summary") or "").strip(), visit.get("visibility", "team"), today,
               visit.get("next_visit_on"), visit.get("address"), visit.get("confidential_note"))
    except ValidationError as exc:
        problems.update(exc.fields)
    try:
        agreements.check_new(actor, case.id, **agreement)
    except ValidationError as exc:
        problems.update({f"agreement_{name}": errors for name, errors in exc.fields.items()})
    if problems:
        raise ValidationError(fields=problems)
    row = log_visit(actor, case.id, today=today, agreed=agreement["text"], **visit)
    agreements.create(actor, case.id, **agreement)
    return row


def visits_for(actor, case):
    """Visits of the case; family members see only summaries shared with them."""
    rows = db.session.scalars(select(HomeVisit).where(HomeVisit.case_id == case.id)
                              .order_by(HomeVisit.visited_on.desc(), HomeVisit.id.desc())).all()
    kind = agreements.viewer_kind(actor, case)
    return [v for v in rows if can_see(v.visibility, kind)]


def add_risk(actor, case_id, text):
    case = case_to_visit(actor, case_id)
    text = (text or "").strip()
    if not text or len(text) > MAX_RISK:
        raise ValidationError(fields={"text": [_l("Describe the risk in at most 300 characters.")]})
    db.session.add(CaseRisk(case_id=case.id, text=text, by_id=actor.id))
    audit.record(actor, "case.risk", case=case)
    db.session.commit()


def risks_for(case):
    """The risks flagged on the case, newest first (for professionals' pages)."""
    return db.session.scalars(select(CaseRisk).where(CaseRisk.case_id == case.id)
                              .order_by(CaseRisk.id.desc())).all()


def pre_visit_card(actor, case_id, today):
    """What an officer needs before knocking: coordinator, current agreements, last
    contact, risks flagged by the team."""
    case = case_to_visit(actor, case_id)
    last_contact = db.session.scalar(select(ContactAttempt).where(
        ContactAttempt.case_id == case.id).order_by(ContactAttempt.on.desc(),
                                                    ContactAttempt.id.desc()).limit(1))
    risks = risks_for(case)
    current = [a for a in agreements.current_for(actor, case) if a.status == "open"]
    audit.record(actor, "case.pre_visit_card", case=case)
    db.session.commit()
    return {"case": case, "agreements": current, "last_contact": last_contact, "risks": risks,
            "today": today}


def on_next_visit(item, now):
    """The day of a planned next visit: remind the officer who planned it."""
    notifications.notify([item.user_id], "next_visit", now.astimezone(AMSTERDAM).date(),
                         case_id=item.case_id)
