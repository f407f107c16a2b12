"""Recording meetings with their decisions, turning a decision into an agreement, and
planning meetings to come."""
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from coordination import access
from coordination.agreements import services as agreements
from coordination.agreements.models import Agreement
from coordination.audit import services as audit
from coordination.errors import Forbidden, NotFound, ValidationError
from coordination.extensions import db
from coordination.meetings.models import Decision, Meeting, PlannedMeeting
from coordination.rules.audiences import MEETING_RECORD_AUDIENCE, can_see
from coordination.timeutil import today_local, utcnow
from coordination.validation import MAX_TEXT, clean_text

MAX_PLACE = 200


def record(actor, case_id, held_on, attendees, discussed, decisions):
    """A meeting and its decisions (a list of texts, possibly empty). Commits."""
    case = access.case_for(actor, case_id)
    if not actor.is_professional:
        raise Forbidden()
    errors = {}
    if held_on is None:
        errors["held_on"] = [_l("Fill in the date of the meeting.")]
    elif held_on > today_local():
        errors["held_on"] = [_l("Record a meeting after it took place.")]
    attendees = clean_text(attendees, "attendees", errors, _l("Write down who attended."))
    discussed = clean_text(discussed, "discussed", errors,
                           _l("Write down briefly what was discussed."))
    decisions = [d.strip() for d in decisions if d and d.strip()]
    if any(len(d) > MAX_TEXT for d in decisions):
        errors["decisions"] = [_l("Use at most %(max)d characters.", max=MAX_TEXT)]
    if errors:
        raise ValidationError(fields=errors)
    meeting = Meeting(case_id=case.id, held_on=held_on, attendees=attendees,
                      discussed=discussed, author_id=actor.id)
    db.session.add(meeting)
    db.session.flush()
    db.session.add_all([Decision(meeting_id=meeting.id, text=d) for d in decisions])
    audit.record(actor, "meeting.record", case=case, meeting_id=meeting.id,
                 decisions=len(decisions))
    db.session.commit()
    return meeting


def for_case(actor, case):
    """Meetings on the case, oldest first (decisions loaded in one more query); none for
    parents and youth."""
    if not can_see(MEETING_RECORD_AUDIENCE, agreements.viewer_kind(actor, case)):
        return []
    return db.session.scalars(select(Meeting).where(Meeting.case_id == case.id)
                              .order_by(Meeting.held_on, Meeting.id)).all()


def decision_agreements(case):
    """Which decisions already became an agreement: {decision_id: agreement_id}."""
    rows = db.session.execute(select(Agreement.decision_id, Agreement.id).where(
        Agreement.case_id == case.id, Agreement.decision_id.is_not(None)))
    return dict(rows.all())


def decision_on(case, decision_id):
    """A decision of a meeting on `case`. :raise NotFound: none such on this case."""
    decision = db.session.get(Decision, decision_id)
    meeting = db.session.get(Meeting, decision.meeting_id) if decision else None
    if meeting is None or meeting.case_id != case.id:
        raise NotFound()
    return decision


def to_agreement(actor, case_id, decision_id, owner_user_id, due_date, visibility):
    """Turn a decision into an agreement in one step (once). Commits."""
    case = access.case_for(actor, case_id)
    decision = decision_on(case, decision_id)
    if decision.id in decision_agreements(case):
        raise ValidationError(fields={"decision": [_l("This decision is already an agreement.")]})
    return agreements.create(actor, case.id, decision.text, owner_user_id, due_date,
                             visibility, decision_id=decision.id)


def plan(actor, case_id, starts_at, place):
    """Plan a meeting (a local date and time in the Netherlands). Commits."""
    case = access.case_for(actor, case_id)
    if not actor.is_professional:
        raise Forbidden()
    errors = {}
    if starts_at is None:
        errors["starts_at"] = [_l("Fill in the date and time of the meeting.")]
    elif starts_at < utcnow():
        errors["starts_at"] = [_l("A planned meeting lies in the future.")]
    place = clean_text(place, "place", errors, _l("Write down where the meeting is."),
                       limit=MAX_PLACE)
    if errors:
        raise ValidationError(fields=errors)
    planned = PlannedMeeting(case_id=case.id, starts_at=starts_at, place=place,
                             author_id=actor.id)
    db.session.add(planned)
    audit.record(actor, "meeting.plan", case=case)
    db.session.commit()
    return planned


def upcoming(case, now=None):
    """Planned meetings that have not started yet, soonest first (everyone on the case)."""
    return db.session.scalars(select(PlannedMeeting).where(
        PlannedMeeting.case_id == case.id, PlannedMeeting.starts_at >= (now or utcnow()))
        .order_by(PlannedMeeting.starts_at)).all()
