"""Dropout follow-up against the database, driven day by day through tick(now)."""
from datetime import date, datetime, timedelta

import pytest
import sqlalchemy as sa

from coordination import jobs
from coordination.attendance.calendars import calendar_for
from coordination.cases.models import Case
from coordination.errors import Forbidden, ValidationError
from coordination.extensions import db
from coordination.followup import services as followup
from coordination.notifications.models import Notification
from coordination.rules.followup import plan
from coordination.students.models import Student
from coordination.timeutil import AMSTERDAM
from coordination.visits import services as visits

LEFT = date(2026, 11, 20)


@pytest.fixture
def leaver(make):
    officer = make.user("attendance_officer", municipalities=["Utrecht"])
    student = make.student(make.school(region="midden"), dob=date(2009, 4, 10),
                           municipality="Utrecht", address="Kerkstraat 1")
    return officer, student


def notes(kind):
    return db.session.scalars(sa.select(Notification).where(Notification.kind == kind)
                              .order_by(Notification.id)).all()


def test_leaving_school_opens_a_follow_up_case_with_its_plan(app, leaver):
    officer, student = leaver
    record = followup.deregister(officer, student.id, LEFT, "school_climate")
    case = db.session.get(Case, record.case_id)
    assert case.followup and case.coordinator_id == officer.id
    items = followup.reminders(officer, case.id)
    expected = plan(LEFT, student.date_of_birth, calendar_for(student.school))
    assert [(i.payload["step"], i.due_at.astimezone(AMSTERDAM).date()) for i in items] == [
        (r.kind, r.due) for r in expected]


def test_the_coordinator_stays_the_same_person(app, leaver, make):
    officer, student = leaver
    mentor = make.user("coordinator")
    case = make.case(mentor, student)
    record = followup.deregister(officer, student.id, LEFT, "moved")
    assert record.case_id == case.id and db.session.get(Case, case.id).coordinator_id == mentor.id


def test_no_follow_up_with_a_startkwalificatie(app, make):
    officer = make.user("attendance_officer", municipalities=["Utrecht"])
    student = make.student(dob=date(2007, 1, 1), has_startkwalificatie=True, municipality="Utrecht")
    assert followup.deregister(officer, student.id, LEFT, "labour_market").case_id is None


def test_a_simulated_year_gives_exactly_the_planned_reminders_and_none_after_enrolment(app, leaver, make):
    officer, student = leaver
    record = followup.deregister(officer, student.id, LEFT, "personal_problems")
    expected = plan(LEFT, student.date_of_birth, calendar_for(student.school))
    enrolled_on = date(2027, 8, 30)
    day = LEFT
    while day <= date(2027, 11, 30):
        if day == enrolled_on:
            followup.enrol(officer, student.id, make.school().id, day,
                           datetime.combine(day, datetime.min.time(), tzinfo=AMSTERDAM))
        jobs.tick(datetime.combine(day, datetime.min.time(), tzinfo=AMSTERDAM) + timedelta(hours=9))
        day += timedelta(days=1)
    got = [(n.values["step"], n.created_at) for n in notes("followup")]
    assert [s for s, _ in got] == [r.kind for r in expected if r.due < enrolled_on]
    pending = [i for i in followup.reminders(officer, record.case_id)
               if i.done_at is None and i.cancelled_at is None]
    assert pending == []


def test_three_unanswered_attempts_call_for_a_home_visit(app, leaver):
    officer, student = leaver
    case_id = followup.deregister(officer, student.id, LEFT, "other").case_id
    for n, channel in enumerate(["phone", "text_message", "letter"]):
        followup.log_attempt(officer, case_id, LEFT + timedelta(days=n + 1), channel, False)
    assert len(notes("unreachable")) == 1
    with pytest.raises(ValidationError):
        followup.log_attempt(officer, case_id, LEFT, "pigeon", False)


def test_home_visits_count_as_attempts_and_tell_the_coordinator(app, leaver, make):
    officer, student = leaver
    coordinator, parent = make.user("coordinator"), make.user("parent")
    case = make.case(coordinator, student, members=[(officer, "attendance_officer"),
                                                    (parent, "parent")])
    for outcome in ("nobody_home", "refused"):
        visits.log_visit(officer, case.id, date(2026, 11, 23), outcome, "Niemand deed open",
                         date(2026, 11, 23))
    visit = visits.log_visit(officer, case.id, date(2026, 11, 23), "met_parent",
                             "Moeder gesproken", date(2026, 11, 23), confidential_note="Zorgen thuis",
                             next_visit_on=date(2026, 12, 7))
    assert visit.address == "Kerkstraat 1"
    assert len(notes("home_visit")) == 3
    card = visits.pre_visit_card(officer, case.id, date(2026, 11, 24))
    assert card["last_contact"].reached
    with pytest.raises(ValidationError):
        visits.log_visit(officer, case.id, date(2099, 1, 1), "met_youth", "x", date(2026, 11, 23))
    with pytest.raises(Forbidden):
        visits.log_visit(parent, case.id, date(2026, 11, 23), "met_youth", "x",
                         date(2026, 11, 23))
    shared = [v.summary for v in visits.visits_for(parent, case)]
    assert shared == []  # summaries default to the team; confidential notes never reach family


def test_a_recorded_decision_to_stop_ends_the_reminders(app, leaver):
    officer, student = leaver
    case_id = followup.deregister(officer, student.id, LEFT, "labour_market").case_id
    followup.stop(officer, case_id, "decision", "Goal shifted to work", LEFT,
                  datetime(2026, 11, 21, tzinfo=AMSTERDAM))
    assert all(i.cancelled_at for i in followup.reminders(officer, case_id))


def test_a_list_of_young_people_not_enrolled_opens_follow_up_cases_all_or_nothing(app, make):
    import io

    from coordination.followup.importer import import_list
    school = make.school(region="midden", brin="31XY")
    officer = make.user("attendance_officer", schools=[school])
    first = make.student(school, student_number="501", dob=date(2009, 5, 5))
    second = make.student(school, given_name="Noor", family_name="Bakker", dob=date(2008, 2, 2))
    make.case(make.user("coordinator"), second)
    bad = "student_number,school_brin,given_name,family_name,date_of_birth\n501,31XY,,,\n999,31XY,,,\n"
    result = import_list(officer, io.StringIO(bad), LEFT)
    assert [e["row"] for e in result.errors] == [3] and result.opened == 0
    assert db.session.scalar(sa.select(sa.func.count(Case.id))) == 1
    good = ("student_number,school_brin,given_name,family_name,date_of_birth\n"
            "501,31XY,,,\n,,noor,bakker,2008-02-02\n")
    result = import_list(officer, io.StringIO(good), LEFT)
    assert (result.opened, result.already, result.errors) == (1, 1, [])
    case = db.session.scalar(sa.select(Case).where(Case.student_id == first.id))
    assert case.followup and case.coordinator_id == officer.id


def test_a_list_never_links_to_a_student_outside_reach(app, make):
    """Side door 3 (issue 9): the same name and date of birth at another school makes a new
    record; the student there gets no case and no deregistration, and the answer is the
    same as for someone nobody knows."""
    import io

    from coordination.followup.importer import import_list
    from coordination.followup.models import Deregistration
    own, other = make.school(region="midden", brin="11AA"), make.school(brin="22BB")
    officer = make.user("attendance_officer", schools=[own], municipalities=["Zeist"])
    theirs = make.student(other, student_number="7", given_name="Sem", family_name="Mol",
                          dob=date(2009, 5, 5))
    make.case(make.user("coordinator"), theirs)
    header = "student_number,school_brin,given_name,family_name,date_of_birth\n"
    results = [import_list(officer, io.StringIO(header + row), LEFT) for row in (
        "7,22BB,Sem,Mol,2009-05-05\n", "8,22BB,Tim,Mol,2009-05-05\n")]
    assert [(r.opened, r.already, r.errors) for r in results] == [(1, 0, []), (1, 0, [])]
    assert db.session.scalar(sa.select(sa.func.count(Deregistration.id)).where(
        Deregistration.student_id == theirs.id)) == 0
    new = db.session.scalars(sa.select(Student).where(Student.id != theirs.id)).all()
    assert {s.given_name for s in new} == {"Sem", "Tim"}
    assert all(s.municipality == "Zeist" and s.school_id == other.id for s in new)
    assert "7" not in {s.student_number for s in new}  # taken there: a generated number
    missing = import_list(officer, io.StringIO(header + "9,99ZZ,,,\n"), LEFT)
    assert [e["row"] for e in missing.errors] == [2]


