"""Cases against the database: one open case per student, one coordinator, audit."""
from datetime import date

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from coordination import access
from coordination.audit.models import AuditEvent
from coordination.cases import services, team
from coordination.cases.models import Case, CaseMember, CoordinatorHandover
from coordination.errors import Conflict, Forbidden, NotFound, ValidationError
from coordination.extensions import db


def audit_actions(**where):
    stmt = sa.select(AuditEvent.action).filter_by(**where).order_by(AuditEvent.id)
    return list(db.session.scalars(stmt))


def test_opening_a_case_names_the_coordinator_and_records_the_start(app, make):
    opener, coordinator = make.user("professional"), make.user("coordinator")
    student = make.student()
    make.link(opener, student.school)
    case = services.open_case(opener, student.id, coordinator.id)
    assert case.coordinator_id == coordinator.id and case.status == "open" and case.tier == 1
    [first] = case.handovers
    assert (first.from_user_id, first.to_user_id, first.by_user_id) == (None, coordinator.id, opener.id)
    # The opener stays on the case, so they can still see what they opened.
    assert access.case_for(opener, case.id) == case
    assert audit_actions(case_id=case.id) == ["case.open"]


def test_a_second_open_case_for_the_same_student_is_a_conflict(app, make):
    coordinator = make.user("coordinator")
    student = make.student()
    make.link(coordinator, student.school)
    services.open_case(coordinator, student.id, coordinator.id)
    with pytest.raises(Conflict) as caught:
        services.open_case(coordinator, student.id, coordinator.id)
    assert caught.value.code == "case_already_open"
    assert db.session.scalar(sa.select(sa.func.count(Case.id))) == 1


def test_the_database_itself_refuses_a_second_open_case(app, make):
    coordinator = make.user("coordinator")
    student = make.student()
    make.case(coordinator, student)
    db.session.add(Case(student_id=student.id, coordinator_id=coordinator.id,
                        opened_by_id=coordinator.id))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()


def test_a_closed_case_does_not_block_a_new_one(app, make):
    coordinator = make.user("coordinator")
    student = make.student()
    old = make.case(coordinator, student)
    old.status = "closed"
    db.session.commit()
    assert services.open_case(coordinator, student.id, coordinator.id).id != old.id


def test_a_case_cannot_exist_without_a_coordinator(app, make):
    student = make.student()
    opener = make.user("coordinator")
    db.session.add(Case(student_id=student.id, coordinator_id=None, opened_by_id=opener.id))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()


@pytest.mark.parametrize("role", ["parent", "youth", "admin"])
def test_only_a_professional_can_coordinate(app, make, role):
    student = make.student()
    opener = make.link(make.user("coordinator"), student.school)
    with pytest.raises(ValidationError) as caught:
        services.open_case(opener, student.id, make.user(role).id)
    assert "coordinator_id" in caught.value.fields
    assert db.session.scalar(sa.select(sa.func.count(Case.id))) == 0


@pytest.mark.parametrize("role", ["parent", "youth", "admin"])
def test_only_a_professional_can_open_a_case(app, make, role):
    with pytest.raises(Forbidden):
        services.open_case(make.user(role), make.student().id, make.user("coordinator").id)


def test_hand_over_keeps_the_history_and_the_previous_coordinator_on_the_team(app, make):
    first, second = make.user("coordinator"), make.user("attendance_officer")
    case = make.case(first)
    services.hand_over(first, case.id, second.id, "Moved to the other side of town")
    db.session.expire_all()
    case = db.session.get(Case, case.id)
    assert case.coordinator_id == second.id
    history = [(h.from_user_id, h.to_user_id, h.reason) for h in case.handovers]
    assert history == [(None, first.id, "case opened"),
                       (first.id, second.id, "Moved to the other side of town")]
    assert access.case_role(first, case) == "previous_coordinator"
    assert "case.handover" in audit_actions(case_id=case.id)


def test_only_the_coordinator_hands_over(app, make):
    coordinator, mentor, other = make.user("coordinator"), make.user("professional"), make.user("coordinator")
    case = make.case(coordinator, members=[(mentor, "mentor")])
    with pytest.raises(Forbidden):
        services.hand_over(mentor, case.id, other.id, "I want it")
    with pytest.raises(NotFound):
        services.hand_over(other, case.id, other.id, "I want it")
    db.session.expire_all()
    assert db.session.get(Case, case.id).coordinator_id == coordinator.id


@pytest.mark.parametrize("to_role, reason, field", [
    ("parent", "reason", "user_id"), ("coordinator", "   ", "reason")])
def test_hand_over_validation_changes_nothing(app, make, to_role, reason, field):
    coordinator = make.user("coordinator")
    case = make.case(coordinator)
    with pytest.raises(ValidationError) as caught:
        services.hand_over(coordinator, case.id, make.user(to_role).id, reason)
    assert field in caught.value.fields
    assert db.session.scalar(sa.select(sa.func.count(CoordinatorHandover.id))) == 1


@pytest.mark.parametrize("user_role, case_role, ok", [
    ("parent", "parent", True), ("parent", "mentor", False), ("youth", "youth", True),
    ("youth", "parent", False), ("professional", "school_doctor", True),
    ("professional", "parent", False), ("admin", "mentor", False),
])
def test_member_roles_must_fit_the_account(app, make, user_role, case_role, ok):
    coordinator = make.user("coordinator")
    case = make.case(coordinator)
    person = make.user(user_role)
    if ok:
        member = team.add_member(coordinator, case.id, person.id, case_role)
        assert member.role == case_role
        assert access.case_for(person, case.id).id == case.id
    else:
        with pytest.raises(ValidationError):
            team.add_member(coordinator, case.id, person.id, case_role)
        with pytest.raises(NotFound):
            access.case_for(person, case.id)


def test_adding_someone_twice_is_a_conflict_and_removal_keeps_the_row(app, make):
    coordinator, mentor = make.user("coordinator"), make.user("professional")
    case = make.case(coordinator)
    member = team.add_member(coordinator, case.id, mentor.id, "mentor")
    with pytest.raises(Conflict):
        team.add_member(coordinator, case.id, mentor.id, "mentor")
    team.remove_member(coordinator, case.id, member.id)
    with pytest.raises(NotFound):
        access.case_for(mentor, case.id)
    assert db.session.scalar(sa.select(sa.func.count(CaseMember.id))) == 1
    assert audit_actions(case_id=case.id)[-2:] == ["member.add", "member.remove"]


def test_reading_and_listing_cases_is_audited_with_role_and_case(app, make):
    coordinator = make.user("coordinator")
    case = make.case(coordinator)
    services.read_case(coordinator, case.id)
    services.list_cases(coordinator)
    events = db.session.scalars(sa.select(AuditEvent).order_by(AuditEvent.id)).all()
    assert [(e.action, e.actor_id, e.actor_role) for e in events] == [
        ("case.read", coordinator.id, "coordinator"), ("case.list", coordinator.id, "coordinator")]
    assert events[0].case_id == case.id and events[0].student_id == case.student_id


def test_an_admin_does_not_read_cases(app, make):
    case = make.case(make.user("coordinator"))
    with pytest.raises(NotFound):
        services.read_case(make.user("admin"), case.id)
    assert services.list_cases(make.user("admin")).items == []


def test_audit_events_cannot_be_changed_or_deleted(app, make):
    coordinator = make.user("coordinator")
    services.read_case(coordinator, make.case(coordinator).id)
    event = db.session.scalar(sa.select(AuditEvent))
    event.action = "case.nothing"
    with pytest.raises(Exception, match="cannot be changed"):
        db.session.commit()
    db.session.rollback()
    # Below the ORM, the database triggers refuse too.
    for statement in ("UPDATE audit_events SET action = 'x'", "DELETE FROM audit_events"):
        with pytest.raises(sa.exc.DatabaseError):
            with db.engine.begin() as conn:
                conn.execute(sa.text(statement))
    assert audit_actions() == ["case.read"]


def test_students_are_visible_to_their_school_and_their_team(app, make):
    school, other_school = make.school(), make.school()
    at_school = make.user("professional")
    at_school.schools = [school]
    elsewhere = make.user("professional")
    elsewhere.schools = [other_school]
    db.session.commit()
    student = make.student(school, dob=date(2012, 1, 1))
    assert access.student_for(at_school, student.id) == student
    with pytest.raises(NotFound):
        access.student_for(elsewhere, student.id)
    with pytest.raises(NotFound):
        access.student_for(make.user("parent"), student.id)
    coordinator = make.user("coordinator")
    make.case(coordinator, student)
    assert access.student_for(coordinator, student.id) == student


def test_attendance_officers_reach_the_residents_of_their_municipality(app, make):
    officer = make.user("attendance_officer", municipalities=["Amersfoort"])
    resident = make.student(municipality=" amersfoort")
    elsewhere = make.student(municipality="Utrecht")
    assert access.student_for(officer, resident.id) == resident
    with pytest.raises(NotFound):
        access.student_for(officer, elsewhere.id)
    # A professional reaches no one by residence, only by school.
    with pytest.raises(NotFound):
        access.student_for(make.user("professional"), resident.id)


def test_admins_reach_no_student(app, make):
    school = make.school()
    admin = make.user("admin", schools=[school])
    with pytest.raises(NotFound):
        access.student_for(admin, make.student(school).id)


def test_opening_a_case_outside_reach_is_like_a_missing_student(app, make):
    """Side door 1 (issue 9): no case, and the same answer as for a student that does not
    exist, also when the student already has an open case."""
    own, other = make.school(), make.school()
    opener = make.user("professional", schools=[own])
    student = make.student(other)
    make.case(make.user("coordinator"), student)
    answers = []
    for student_id in (student.id, 999999):
        with pytest.raises(ValidationError) as caught:
            services.open_case(opener, student_id, opener.id)
        answers.append({k: [str(m) for m in v] for k, v in caught.value.fields.items()})
    assert answers[0] == answers[1] and list(answers[0]) == ["student_id"]
    assert db.session.scalar(sa.select(sa.func.count(Case.id))) == 1
