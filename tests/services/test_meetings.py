"""Meetings end in decisions; a decision becomes an agreement in one step, once."""
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from coordination.agreements.models import Agreement
from coordination.errors import Forbidden, NotFound, ValidationError
from coordination.extensions import db
from coordination.meetings import services
from coordination.meetings.models import Meeting
from coordination.timeutil import today_local


def test_a_meeting_with_decisions_and_one_without(app, make):
    coordinator, mentor = make.user("coordinator"), make.user("professional")
    case = make.case(coordinator, members=[(mentor, "mentor")])
    services.record(coordinator, case.id, date(2026, 10, 1), "Sanne (regie), Mo (mentor)",
                    "Attendance", ["Mo calls every Monday", "  ", "School doctor consult"])
    services.record(coordinator, case.id, date(2026, 11, 1), "Sanne, Mo", "Talked again", [])
    held = services.for_case(coordinator, case)
    assert [len(m.decisions) for m in held] == [2, 0]
    decision = held[0].decisions[0]
    revision = services.to_agreement(coordinator, case.id, decision.id, mentor.id, None, "everyone")
    assert revision.text == "Mo calls every Monday"
    assert services.decision_agreements(case) == {decision.id: revision.agreement_id}
    with pytest.raises(ValidationError):
        services.to_agreement(coordinator, case.id, decision.id, mentor.id, None, "everyone")
    assert db.session.scalar(sa.select(sa.func.count(Agreement.id))) == 1


def test_bad_meetings_are_refused_and_nothing_is_stored(app, make):
    coordinator = make.user("coordinator")
    case = make.case(coordinator)
    with pytest.raises(ValidationError) as caught:
        services.record(coordinator, case.id, today_local() + timedelta(days=1), "", "x" * 3000, [])
    assert set(caught.value.fields) == {"held_on", "attendees", "discussed"}
    assert db.session.scalar(sa.select(sa.func.count(Meeting.id))) == 0


def test_decisions_of_another_case_and_family_members(app, make):
    coordinator, parent = make.user("coordinator"), make.user("parent")
    case = make.case(coordinator, members=[(parent, "parent")])
    other = make.case(coordinator)
    meeting = services.record(coordinator, other.id, date(2026, 10, 1), "a", "b", ["decide"])
    with pytest.raises(NotFound):
        services.to_agreement(coordinator, case.id, meeting.decisions[0].id, coordinator.id, None, "everyone")
    with pytest.raises(Forbidden):
        services.record(parent, case.id, date(2026, 10, 1), "a", "b", [])
    assert services.for_case(parent, case) == []
