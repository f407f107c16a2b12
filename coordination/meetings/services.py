"""Recording meetings with their decisions and turning a decision into an agreement;
planning meetings to come is in planning.py.

A meeting can start from the case's picture: its agenda lists factors of the case to
discuss (picked when planning or recording it, or added to a planned meeting later), and
a decision can point at the one factor it addresses. Only factors of the same case that
are still true and that the actor may see can be picked; a viewer sees an agenda item
only when they may see the factor itself (its audience, coordination/factors/)."""
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from coordination import access
from coordination.agreements import services as agreements
from coordination.agreements.models import Agreement
from coordination.audit import services as audit
from coordination.errors import Forbidden, NotFound, ValidationError
from coordination.extensions import db
from coordination.factors import services as factors
from coordination.meetings.models import (
    AgendaItem,
    Decision,
    DecisionFactor,
    Meeting,
    PlannedMeeting,
)
from coordination.rules.audiences import MEETING_RECORD_AUDIENCE, can_see
from coordination.timeutil import today_local, utcnow
from coordination.validation import MAX_TEXT, clean_text


def agenda_choices(actor, case, seen=None):
    """The factors that may go on an agenda or be addressed by a decision: those of the
    case that are still true and that the actor may see, newest first. `seen`:
    factors.for_case, when the caller has it."""
    return [f for f in (factors.for_case(actor, case) if seen is None else seen) if f.current]


def checked_factors(actor, case, factor_ids, field, errors):
    """The factors behind `factor_ids` (each once, in the order sent); a problem goes
    into `errors` on `field` when one is not of this case, no longer true, or not for the
    actor's eyes (the same message for each: it tells nothing about other cases)."""
    ids = list(dict.fromkeys(factor_ids or []))
    if not ids:
        return []
    pickable = {f.id: f for f in agenda_choices(actor, case)}
    if any(i not in pickable for i in ids):
        errors[field] = [_l("Choose factors of this case that are still true.")]
        return []
    return [pickable[i] for i in ids]


def record(actor, case_id, held_on, attendees, discussed, decisions, factor_ids=()):
    """A meeting, its decisions (a list of texts, possibly empty) and the factors it
    discussed (ids, possibly none). Commits.

    :raise ValidationError: on held_on, attendees, discussed, decisions, factor_ids.
    """
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
    picked = checked_factors(actor, case, factor_ids, "factor_ids", errors)
    if errors:
        raise ValidationError(fields=errors)
    meeting = Meeting(case_id=case.id, held_on=held_on, attendees=attendees,
                      discussed=discussed, author_id=actor.id)
    db.session.add(meeting)
    db.session.flush()
    db.session.add_all([Decision(meeting_id=meeting.id, text=d) for d in decisions])
    db.session.add_all([AgendaItem(meeting_id=meeting.id, factor_id=f.id, by_id=actor.id)
                        for f in picked])
    audit.record(actor, "meeting.record", case=case, meeting_id=meeting.id,
                 decisions=len(decisions), factors=[f.id for f in picked])
    db.session.commit()
    return meeting


def for_case(actor, case):
    """Meetings on the case, oldest first (decisions loaded in one more query); none for
    parents and youth."""
    if not can_see(MEETING_RECORD_AUDIENCE, agreements.viewer_kind(actor, case)):
        return []
    return db.session.scalars(select(Meeting).where(Meeting.case_id == case.id)
                              .order_by(Meeting.held_on, Meeting.id)).all()


def decision_agreements(case, marks=None):
    """Which decisions already became an agreement: {decision_id: agreement_id}
    (`marks`: agreements.case_marks of the case, when the caller has them)."""
    if marks is not None:
        return {m.decision_id: m.id for m in marks if m.decision_id is not None}
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


def upcoming(case, now=None):
    """Planned meetings that have not started yet, soonest first (everyone on the case)."""
    return db.session.scalars(select(PlannedMeeting).where(
        PlannedMeeting.case_id == case.id, PlannedMeeting.starts_at >= (now or utcnow()))
        .order_by(PlannedMeeting.starts_at)).all()


def link_decision(actor, case_id, decision_id, factor_id):
    """Say which factor of the case a decision addresses (once per decision). Commits.

    :raise 404: case or decision not visible. :raise 403: not a professional.
    :raise ValidationError: on factor_id (none chosen, not a factor of this case that is
        still true and visible to the actor, or the decision already points at one).
    """
    case = access.case_for(actor, case_id)
    if not actor.is_professional:
        raise Forbidden()
    decision = decision_on(case, decision_id)
    errors = {}
    if factor_id is None:
        errors["factor_id"] = [_l("Choose the factor this decision addresses.")]
    picked = checked_factors(actor, case, [factor_id] if factor_id is not None else [],
                             "factor_id", errors)
    if not errors and db.session.scalar(select(DecisionFactor.id).where(
            DecisionFactor.decision_id == decision.id)) is not None:
        errors["factor_id"] = [_l("This decision already points at a factor.")]
    if errors:
        raise ValidationError(fields=errors)
    link = DecisionFactor(decision_id=decision.id, factor_id=picked[0].id, by_id=actor.id)
    db.session.add(link)
    audit.record(actor, "meeting.decision_factor", case=case, decision_id=decision.id,
                 factor_id=picked[0].id)
    db.session.commit()
    return link


def _grouped(actor, case, items, key):
    sees = factors.seen_by(actor, case)
    result = {}
    for item in items:
        if sees(item.factor):
            result.setdefault(getattr(item, key), []).append(item.factor)
    return result


def agendas(actor, case, planned):
    """{planned meeting id: [factors on its agenda]} for planned meetings of `case`, with
    only the factors the actor may see (one query)."""
    if not planned:
        return {}
    items = db.session.scalars(select(AgendaItem).where(
        AgendaItem.planned_meeting_id.in_([p.id for p in planned]))
        .order_by(AgendaItem.id)).all()
    return _grouped(actor, case, items, "planned_meeting_id")


def discussed(actor, case, meetings):
    """{meeting id: [factors discussed]} for recorded meetings of `case`, with only the
    factors the actor may see (one query)."""
    if not meetings:
        return {}
    items = db.session.scalars(select(AgendaItem).where(
        AgendaItem.meeting_id.in_([m.id for m in meetings])).order_by(AgendaItem.id)).all()
    return _grouped(actor, case, items, "meeting_id")


def addressed(actor, case, meetings):
    """{decision id: factor} for the decisions of recorded meetings of `case` that point
    at a factor the actor may see (one query)."""
    ids = [d.id for m in meetings for d in m.decisions]
    if not ids:
        return {}
    sees = factors.seen_by(actor, case)
    links = db.session.scalars(select(DecisionFactor).where(
        DecisionFactor.decision_id.in_(ids))).all()
    return {link.decision_id: link.factor for link in links if sees(link.factor)}


def factor_links(actor, case):
    """Where the case's factors came up, for the picture: {factor id: [(what, when,
    text)]}, `what` one of 'agenda' (a planned meeting, `when` its start), 'discussed'
    (a recorded meeting, `when` its date) and 'decision' (`text` the decision, `when` its
    meeting's date). Recorded meetings and decisions only for who may see them
    (MEETING_RECORD_AUDIENCE); only factors the actor may see. Three queries."""
    sees = factors.seen_by(actor, case)
    links = {}

    def put(factor, entry):
        if sees(factor):
            links.setdefault(factor.id, []).append(entry)
    planned_rows = db.session.execute(
        select(AgendaItem, PlannedMeeting.starts_at)
        .join(PlannedMeeting, PlannedMeeting.id == AgendaItem.planned_meeting_id)
        .where(PlannedMeeting.case_id == case.id)
        .order_by(PlannedMeeting.starts_at, AgendaItem.id)).all()
    for item, starts_at in planned_rows:
        put(item.factor, ("agenda", starts_at, None))
    if not can_see(MEETING_RECORD_AUDIENCE, agreements.viewer_kind(actor, case)):
        return links
    held_rows = db.session.execute(
        select(AgendaItem, Meeting.held_on)
        .join(Meeting, Meeting.id == AgendaItem.meeting_id)
        .where(Meeting.case_id == case.id)
        .order_by(Meeting.held_on, AgendaItem.id)).all()
    for item, held_on in held_rows:
        put(item.factor, ("discussed", held_on, None))
    decision_rows = db.session.execute(
        select(DecisionFactor, Decision.text, Meeting.held_on)
        .join(Decision, Decision.id == DecisionFactor.decision_id)
        .join(Meeting, Meeting.id == Decision.meeting_id)
        .where(Meeting.case_id == case.id)
        .order_by(Meeting.held_on, Decision.id)).all()
    for link, text, held_on in decision_rows:
        put(link.factor, ("decision", held_on, text))
    return links
