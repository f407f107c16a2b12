"""Planning meetings to come (geplande overleggen) and their agendas: the factors of the
case to discuss, picked when planning or added later (an agenda only grows)."""
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from coordination import access
from coordination.audit import services as audit
from coordination.errors import Forbidden, NotFound, ValidationError
from coordination.extensions import db
from coordination.meetings import services
from coordination.meetings.models import AgendaItem, PlannedMeeting
from coordination.timeutil import utcnow
from coordination.validation import clean_text

MAX_PLACE = 200


def plan(actor, case_id, starts_at, place, factor_ids=()):
    """Plan a meeting (a local date and time in the Netherlands), with the factors to
    discuss on its agenda (ids, possibly none). Commits.

    :raise ValidationError: on starts_at, place, factor_ids.
    """
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
    picked = services.checked_factors(actor, case, factor_ids, "factor_ids", errors)
    if errors:
        raise ValidationError(fields=errors)
    planned = PlannedMeeting(case_id=case.id, starts_at=starts_at, place=place,
                             author_id=actor.id)
    db.session.add(planned)
    db.session.flush()
    db.session.add_all([AgendaItem(planned_meeting_id=planned.id, factor_id=f.id,
                                   by_id=actor.id) for f in picked])
    audit.record(actor, "meeting.plan", case=case, factors=[f.id for f in picked])
    db.session.commit()
    return planned


def planned_on(case, planned_id, now=None):
    """A planned meeting of `case` that has not started yet.

    :raise NotFound: none such on this case (or it has started: its agenda is closed).
    """
    planned = db.session.get(PlannedMeeting, planned_id)
    if planned is None or planned.case_id != case.id or planned.starts_at < (now or utcnow()):
        raise NotFound()
    return planned


def add_to_agenda(actor, case_id, planned_id, factor_ids):
    """Put more factors on the agenda of a planned meeting (an agenda only grows; what
    is on it already stays). Commits.

    :raise 404: case or planned meeting not visible, or the meeting has started.
    :raise 403: not a professional. :raise ValidationError: on factor_ids.
    """
    case = access.case_for(actor, case_id)
    if not actor.is_professional:
        raise Forbidden()
    planned = planned_on(case, planned_id)
    errors = {}
    picked = services.checked_factors(actor, case, factor_ids, "factor_ids", errors)
    if errors:
        raise ValidationError(fields=errors)
    present = set(db.session.scalars(select(AgendaItem.factor_id).where(
        AgendaItem.planned_meeting_id == planned.id)))
    new = [f for f in picked if f.id not in present]
    if not new:
        raise ValidationError(fields={"factor_ids": [
            _l("Choose at least one factor that is not on the agenda yet.")]})
    db.session.add_all([AgendaItem(planned_meeting_id=planned.id, factor_id=f.id,
                                   by_id=actor.id) for f in new])
    audit.record(actor, "meeting.agenda", case=case, planned_meeting_id=planned.id,
                 factors=[f.id for f in new])
    db.session.commit()
    return new
