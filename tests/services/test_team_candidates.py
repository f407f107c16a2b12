"""Who the case page's selects of people list (the professionals who work where the child
is, and the case's own people), and naming any other professional by e-mail address
(issue 12: the selects do not grow with the region)."""
import pytest
import sqlalchemy as sa

from coordination.cases import services, team
from coordination.cases.models import Case, CaseMember, CoordinatorHandover
from coordination.errors import Conflict, ValidationError
from coordination.extensions import db

NO_PROFESSIONAL = "Er is geen professional met dit e-mailadres."  # the tests run in Dutch
NOT_AN_ADDRESS = "Dit e-mailadres klopt niet."


def count(model):
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def listed(case):
    return {row.id for row in team.candidates(case)}


def test_candidates_are_who_works_where_the_child_is_and_the_case_s_own_people(app, make):
    school, elsewhere = make.school(), make.school()
    coordinator = make.user("coordinator")
    student = make.student(school, municipality="Utrecht")
    at_school = make.link(make.user("professional"), school)
    officer_here = make.user("attendance_officer", municipalities=["utrecht "])
    other_school = make.link(make.user("professional"), elsewhere)
    officer_elsewhere = make.user("attendance_officer", municipalities=["Zeist"])
    gone = make.link(make.user("professional", active=False), school)
    earlier_member, member = make.user("professional"), make.user("professional")
    analyst = make.link(make.user("analyst"), school)
    unrelated_parent, parent = make.user("parent"), make.user("parent")
    case = make.case(coordinator, student, members=[(earlier_member, "mentor"),
                                                    (member, "school_doctor"),
                                                    (parent, "parent")])
    team.remove_member(coordinator, case.id, case.members[0].id)

    people = listed(case)

    assert {coordinator.id, at_school.id, officer_here.id, earlier_member.id, member.id,
            parent.id} == people
    assert not people & {other_school.id, officer_elsewhere.id, gone.id, analyst.id,
                         unrelated_parent.id}


def test_a_student_without_a_municipality_lists_the_school_s_professionals(app, make):
    school = make.school()
    coordinator = make.user("coordinator")
    at_school = make.link(make.user("professional"), school)
    make.user("attendance_officer", municipalities=["Utrecht"])
    case = make.case(coordinator, make.student(school))
    assert listed(case) == {coordinator.id, at_school.id}


def test_the_previous_coordinator_stays_in_the_list_after_a_hand_over(app, make):
    first, second = make.user("coordinator"), make.user("coordinator")
    case = make.case(first)
    services.hand_over(first, case.id, None, "Moving away", email=second.email)
    db.session.expire_all()
    assert {first.id, second.id} <= listed(db.session.get(Case, case.id))


def test_hand_over_to_a_professional_named_by_address(app, make):
    coordinator, far = make.user("coordinator"), make.user("coordinator")
    case = make.case(coordinator)
    assert far.id not in listed(case)  # not linked to the child's school or municipality
    services.hand_over(coordinator, case.id, None, "Goes to the other school",
                       email=f"  {far.email.upper()} ")
    db.session.expire_all()
    assert db.session.get(Case, case.id).coordinator_id == far.id


@pytest.mark.parametrize("who", ["unknown", "parent", "youth", "inactive", "analyst", "admin",
                                 "not an address"])
def test_an_address_that_is_no_active_professional_is_refused_alike(app, make, who):
    coordinator = make.user("coordinator")
    case = make.case(coordinator)
    emails = {"unknown": "nobody@test.regie.nl", "not an address": "nobody at all"}
    email = emails.get(who) or make.user(
        "professional" if who == "inactive" else who, active=who != "inactive").email
    for act in (lambda: services.hand_over(coordinator, case.id, None, "Why", email=email),
                lambda: team.add_member(coordinator, case.id, None, "mentor", email=email)):
        with pytest.raises(ValidationError) as caught:
            act()
        [message] = caught.value.fields[services.EMAIL_FIELD]
        assert str(message).startswith(NOT_AN_ADDRESS if who == "not an address"
                                       else NO_PROFESSIONAL)
    assert count(CoordinatorHandover) == 1 and count(CaseMember) == 0


def test_adding_a_professional_named_by_address(app, make):
    coordinator, far = make.user("coordinator"), make.user("attendance_officer")
    case = make.case(coordinator)
    member = team.add_member(coordinator, case.id, None, "attendance_officer", email=far.email)
    assert (member.user_id, member.role) == (far.id, "attendance_officer")


def test_an_address_of_someone_on_the_team_already_is_refused(app, make):
    coordinator, mentor = make.user("coordinator"), make.user("professional")
    case = make.case(coordinator, members=[(mentor, "mentor")])
    with pytest.raises(Conflict):
        team.add_member(coordinator, case.id, None, "mentor", email=mentor.email)
    with pytest.raises(ValidationError) as caught:
        services.hand_over(coordinator, case.id, None, "Why", email=coordinator.email)
    assert list(caught.value.fields) == [services.EMAIL_FIELD]
    assert count(CaseMember) == 1 and count(CoordinatorHandover) == 1


def test_a_person_from_the_list_and_an_address_together_are_refused(app, make):
    coordinator, mentor, far = (make.user("coordinator"), make.user("professional"),
                                make.user("professional"))
    case = make.case(coordinator)
    with pytest.raises(ValidationError) as caught:
        team.add_member(coordinator, case.id, mentor.id, "mentor", email=far.email)
    assert list(caught.value.fields) == [services.EMAIL_FIELD]
    with pytest.raises(ValidationError) as caught:
        services.hand_over(coordinator, case.id, None, "Why", email="  ")
    assert list(caught.value.fields) == ["user_id"]  # no one chosen, no address
    assert count(CaseMember) == 0


def test_the_new_case_form_lists_who_works_where_the_child_is_and_the_actor(app, make):
    school, elsewhere = make.school(), make.school()
    student = make.student(school, municipality="Utrecht")
    actor = make.link(make.user("coordinator"), school)
    at_school = make.link(make.user("professional"), school)
    officer_here = make.user("attendance_officer", municipalities=["Utrecht"])
    other_school = make.link(make.user("professional"), elsewhere)
    gone = make.link(make.user("professional", active=False), school)
    analyst = make.link(make.user("analyst"), school)
    helper = make.user("professional")  # opens cases here, linked elsewhere
    offered = {row.id for row in team.coordinator_candidates(student, helper)}
    assert offered == {actor.id, at_school.id, officer_here.id, helper.id}
    assert not offered & {other_school.id, gone.id, analyst.id}


def test_a_case_opened_with_a_coordinator_named_by_address(app, make):
    school = make.school()
    student = make.student(school)
    actor, far = make.link(make.user("coordinator"), school), make.user("coordinator")
    case = services.open_case(actor, student.id, actor.id, email=f" {far.email} ")
    assert case.coordinator_id == far.id  # the address names the coordinator, not the list
    assert {m.user_id for m in case.members} == {actor.id}  # who opened it stays on it


@pytest.mark.parametrize("who", ["unknown", "parent", "inactive"])
def test_a_new_case_with_an_address_of_no_professional_is_refused(app, make, who):
    school = make.school()
    student = make.student(school)
    actor = make.link(make.user("coordinator"), school)
    email = ("nobody@test.regie.nl" if who == "unknown" else make.user(
        "professional" if who == "inactive" else who, active=who != "inactive").email)
    with pytest.raises(ValidationError) as caught:
        services.open_case(actor, student.id, actor.id, email=email)
    [message] = caught.value.fields[services.EMAIL_FIELD]
    assert str(message).startswith(NO_PROFESSIONAL)
    assert count(Case) == 0
