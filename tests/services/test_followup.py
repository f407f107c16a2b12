"""Dropout follow-up against the database, driven day by day through tick(now)."""
from datetime import date, datetime, timedelta

import pytest
import sqlalchemy as sa

from coordination import jobs
from coordination.cases.models import Case, CaseMember
from coordination.errors import Forbidden, ValidationError
from coordination.extensions import db
from coordination.followup import ending as followup_ending
from coordination.followup import lists as followup_lists
from coordination.followup import services as followup
from coordination.followup.models import FollowUpStop, LeaverProfile
from coordination.notifications.models import Notification
from coordination.rules.followup import plan
from coordination.students.models import Student
from coordination.timeutil import AMSTERDAM
from coordination.visits import services as visits

LEFT = date(2026, 11, 20)


def at(day, hour=9):
    return datetime.combine(day, datetime.min.time(), tzinfo=AMSTERDAM) + timedelta(hours=hour)


@pytest.fixture
def leaver(make):
    officer = make.user("attendance_officer", municipalities=["Utrecht"])
    student = make.student(make.school(region="midden"), dob=date(2007, 4, 10),  # 19
                           municipality="Utrecht", address="Kerkstraat 1")
    return officer, student


def notes(kind):
    return db.session.scalars(sa.select(Notification).where(Notification.kind == kind)
                              .order_by(Notification.id)).all()


def steps(officer, case_id, state):
    items = followup.reminders(officer, case_id)
    pick = {"pending": lambda i: i.done_at is None and i.cancelled_at is None,
            "sent": lambda i: i.done_at is not None,
            "cancelled": lambda i: i.cancelled_at is not None}[state]
    return [i.payload["step"] for i in items if i.kind == "followup" and pick(i)]


def test_leaving_school_opens_a_follow_up_case_with_its_plan(app, leaver):
    officer, student = leaver
    record = followup.deregister(officer, student.id, LEFT, "school_climate")
    case = db.session.get(Case, record.case_id)
    assert case.followup and case.coordinator_id == officer.id and not record.absolute_verzuim
    items = followup.reminders(officer, case.id)
    expected = plan(LEFT, student.date_of_birth)
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


def test_a_simulated_year_gives_exactly_the_planned_reminders_and_the_start_check(app, leaver, make):
    """Enrolled in August after the zomeractie: the reminders stop, but the September start
    check still comes (did they really start?)."""
    officer, student = leaver
    record = followup.deregister(officer, student.id, LEFT, "personal_problems")
    expected = plan(LEFT, student.date_of_birth)
    enrolled_on = date(2027, 8, 30)
    day = LEFT
    while day <= date(2027, 11, 30):
        if day == enrolled_on:
            followup.enrol(officer, student.id, make.school().id, day, at(day, 0))
        jobs.tick(at(day))
        day += timedelta(days=1)
    got = [n.values["step"] for n in notes("followup")]
    assert got == [r.kind for r in expected if r.due < enrolled_on] + ["start_check"]
    assert steps(officer, record.case_id, "pending") == []


def test_help_stops_by_itself_at_the_24th_birthday_with_a_closing_record(app, make):
    officer = make.user("attendance_officer", municipalities=["Utrecht"])
    student = make.student(make.school(), dob=date(2003, 1, 15), municipality="Utrecht")  # 23
    case_id = followup.deregister(officer, student.id, LEFT, "labour_market").case_id
    assert [c.id for _area, rows, _n in followup_lists.summer_list(officer).items
            for c, _ in rows] == [case_id]
    jobs.tick(at(date(2027, 1, 14)))
    assert db.session.get(Case, case_id).followup
    for _ in range(2):  # a second run the same day changes nothing
        jobs.tick(at(date(2027, 1, 15)))
    case = db.session.get(Case, case_id)
    assert not case.followup and case.status == "open"
    stops = db.session.scalars(sa.select(FollowUpStop).where(FollowUpStop.case_id == case_id)).all()
    assert [(s.reason, s.on, s.by_id) for s in stops] == [("end_age", date(2027, 1, 15), None)]
    assert steps(officer, case_id, "pending") == []
    assert followup_lists.summer_list(officer).items == []
    assert [n.values["age"] for n in notes("followup_end_age")] == [24]


def test_the_end_age_sweep_works_in_bounded_chunks_and_ends_each_once(app, make, monkeypatch):
    monkeypatch.setattr(followup_ending, "END_AGE_CHUNK", 2)
    coordinator = make.user("coordinator")
    old = [make.case(coordinator, make.student(dob=date(2002, 1, 1)), followup=True).id
           for _ in range(5)]
    young = make.case(coordinator, make.student(dob=date(2007, 1, 1)), followup=True).id
    jobs.tick(at(date(2026, 11, 26)))
    jobs.tick(at(date(2026, 11, 26), 10))
    ended = db.session.scalars(sa.select(FollowUpStop.case_id).order_by(FollowUpStop.case_id))
    assert list(ended) == old
    assert db.session.get(Case, young).followup
    assert len(notes("followup_end_age")) == 5


def test_a_region_that_extends_the_follow_up_to_28_keeps_a_24_year_old(app, make):
    app.config["FOLLOWUP_END_AGE"] = 28
    officer = make.user("attendance_officer", municipalities=["Utrecht"])
    student = make.student(make.school(), dob=date(2002, 1, 15), municipality="Utrecht")  # 24
    case_id = followup.deregister(officer, student.id, LEFT, "labour_market").case_id
    assert case_id is not None
    assert steps(officer, case_id, "pending")[-1] == "yearly"   # June 2029, before 28
    jobs.tick(at(date(2027, 1, 15)))
    assert db.session.get(Case, case_id).followup


def test_the_end_age_setting_is_24_to_28():
    from config import _followup_end_age
    _followup_end_age({"FOLLOWUP_END_AGE": 24})
    _followup_end_age({"FOLLOWUP_END_AGE": 28})
    for wrong in (23, 29, "24"):
        with pytest.raises(RuntimeError, match="FOLLOWUP_END_AGE"):
            _followup_end_age({"FOLLOWUP_END_AGE": wrong})


def test_an_enrolment_in_the_future_ends_the_follow_up_on_its_day(app, leaver, make):
    officer, student = leaver
    case_id = followup.deregister(officer, student.id, LEFT, "study_choice").case_id
    followup.enrol(officer, student.id, make.school().id, date(2027, 1, 11), at(date(2026, 11, 26)))
    assert db.session.get(Case, case_id).followup
    assert steps(officer, case_id, "cancelled") == []
    jobs.tick(at(date(2026, 11, 27)))
    jobs.tick(at(date(2027, 1, 11)))
    assert steps(officer, case_id, "sent") == ["contact", "letter", "attempt"]
    assert not db.session.get(Case, case_id).followup
    assert steps(officer, case_id, "pending") == []


def test_an_enrolment_before_the_last_leaving_day_is_refused(app, leaver, make):
    officer, student = leaver
    followup.deregister(officer, student.id, LEFT, "study_choice")
    with pytest.raises(ValidationError) as refused:
        followup.enrol(officer, student.id, make.school().id, LEFT - timedelta(days=1),
                       at(date(2026, 11, 26)))
    assert set(refused.value.fields) == {"enrolled_on"}
    followup.enrol(officer, student.id, make.school().id, LEFT, at(date(2026, 11, 26)))


def test_leaving_twice_keeps_one_plan(app, leaver):
    officer, student = leaver
    first = followup.deregister(officer, student.id, LEFT, "study_choice")
    once = steps(officer, first.case_id, "pending")
    again = followup.deregister(officer, student.id, LEFT + timedelta(days=3), "study_choice")
    assert again.case_id == first.case_id
    assert steps(officer, first.case_id, "pending") == once


def test_leaving_again_after_re_enrolment_starts_a_new_plan(app, leaver, make):
    officer, student = leaver
    case_id = followup.deregister(officer, student.id, date(2026, 9, 1), "study_choice").case_id
    followup.enrol(officer, student.id, make.school().id, date(2026, 10, 1), at(date(2026, 10, 1)))
    followup.deregister(officer, student.id, LEFT, "school_climate")
    pending = [i for i in followup.reminders(officer, case_id)
               if i.done_at is None and i.cancelled_at is None]
    assert pending and all(f":{LEFT.isoformat()}:" in i.key for i in pending)


def test_stopping_for_a_startkwalificatie_records_it_on_the_student(app, leaver):
    officer, student = leaver
    case_id = followup.deregister(officer, student.id, LEFT, "labour_market").case_id
    followup.stop(officer, case_id, "startkwalificatie", "mbo 2 diploma", date(2026, 11, 25),
                  at(date(2026, 11, 25)))
    student = db.session.get(Student, student.id)
    assert student.has_startkwalificatie and student.startkwalificatie_on == date(2026, 11, 25)


@pytest.mark.parametrize("born", [date(2013, 6, 1), date(2016, 6, 1), date(2009, 6, 1)],
                         ids=["13", "10", "17"])
def test_a_child_of_compulsory_age_who_leaves_goes_to_the_officer_at_once(app, make, born):
    """Absoluut verzuim (DOMAIN.md §3): to the attendance officer of the municipality where
    the child lives, not into the letter plan."""
    school = make.school()
    mentor = make.link(make.user("coordinator"), school)
    officer = make.user("attendance_officer", municipalities=["Zeist"])
    make.user("attendance_officer", municipalities=["Utrecht"])  # another municipality
    child = make.student(school, dob=born, municipality="Zeist")
    record = followup.deregister(mentor, child.id, LEFT, "other")
    case = db.session.get(Case, record.case_id)
    assert record.absolute_verzuim and case.coordinator_id == officer.id and not case.followup
    assert [i for i in followup.reminders(officer, case.id) if i.kind == "followup"] == []
    assert [n.user_id for n in notes("absolute_verzuim")] == [officer.id]


def test_absoluut_verzuim_puts_the_officer_on_the_open_case(app, make):
    school = make.school()
    mentor = make.link(make.user("coordinator"), school)
    officers = [make.user("attendance_officer", municipalities=["Zeist"]) for _ in range(2)]
    child = make.student(school, dob=date(2016, 6, 1), municipality="Zeist")
    case = make.case(mentor, child)
    assert followup.deregister(mentor, child.id, LEFT, "other").case_id == case.id
    members = db.session.scalars(sa.select(CaseMember).where(CaseMember.case_id == case.id)).all()
    assert {(m.user_id, m.role) for m in members} == {(o.id, "attendance_officer")
                                                      for o in officers}
    assert db.session.get(Case, case.id).coordinator_id == mentor.id
    assert sorted(n.user_id for n in notes("absolute_verzuim")) == [o.id for o in officers]


def test_a_child_who_switches_school_is_not_absoluut_verzuim(app, make):
    school = make.school()
    mentor = make.link(make.user("coordinator"), school)
    child = make.student(school, dob=date(2013, 6, 1), municipality="Zeist")
    followup.enrol(mentor, child.id, make.school().id, LEFT, at(LEFT))
    record = followup.deregister(mentor, child.id, LEFT, "moved")
    assert record.case_id is None and not record.absolute_verzuim


def test_the_kind_of_leaver_and_the_causes_are_history(app, leaver):
    officer, student = leaver
    case_id = followup.deregister(officer, student.id, LEFT, "labour_market").case_id
    followup.record_leaver_profile(officer, case_id, "opstapper", ["labour_market"])
    followup.record_leaver_profile(officer, case_id, "verhinderde",
                                   ["personal_problems", "multiple_problems"], "Thuis lastig")
    history = followup.case_history(db.session.get(Case, case_id))["profiles"]
    assert [(p.kind, p.causes) for p in history] == [
        ("verhinderde", ["personal_problems", "multiple_problems"]),
        ("opstapper", ["labour_market"])]
    for kind, causes, field in (("dropout", [], "kind"),
                                ("opstapper", ["bad_luck"], "causes")):
        with pytest.raises(ValidationError) as refused:
            followup.record_leaver_profile(officer, case_id, kind, causes)
        assert set(refused.value.fields) == {field}
    assert db.session.scalar(sa.select(sa.func.count(LeaverProfile.id))) == 2


def test_the_september_start_check_is_due_until_it_is_recorded(app, leaver, make):
    officer, student = leaver
    case_id = followup.deregister(officer, student.id, date(2026, 5, 20), "study_choice").case_id
    assert followup.start_checks_due(officer, date(2026, 9, 14)) == []
    due = followup.start_checks_due(officer, date(2026, 9, 15))
    assert [(c, d) for c, _s, d, _n in due] == [(case_id, date(2026, 9, 15))]
    assert followup.start_checks_due(make.user("attendance_officer"), date(2026, 9, 15)) == []
    with pytest.raises(ValidationError):
        followup.record_start_check(officer, case_id, None, date(2026, 9, 15))
    followup.record_start_check(officer, case_id, True, date(2026, 9, 1), "Gestart op het ROC")
    assert followup.start_checks_due(officer, date(2026, 9, 15)) == []


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
    first = make.student(school, student_number="501", dob=date(2007, 5, 5))  # 19: follow-up
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




def test_the_case_page_s_header_has_the_worklist_s_reminders_of_its_case(app, leaver, make):
    """worklist.for_case reads the reminders and start checks of its one case (issue 12:
    without the reach subquery): the same items as the worklist has for that case."""
    from coordination.worklist import services as worklist

    officer, student = leaver
    other = make.student(student.school, dob=date(2007, 6, 1), municipality="Utrecht")
    case, second = (db.session.get(Case, followup.deregister(
        officer, s.id, date(2026, 5, 20), "study_choice").case_id) for s in (student, other))
    for each in (case, second):
        visits.log_visit(officer, each.id, date(2026, 9, 10), "met_parent", "Moeder gesproken",
                         date(2026, 9, 10), next_visit_on=date(2026, 9, 14))
    on = date(2026, 9, 12)
    for each in (case, second):
        listed = [i for i in worklist.worklist(officer, on) if i.case_id == each.id]
        assert worklist.for_case(officer, each, on) == listed
        assert {"start_check_due", "visit_due"} <= {i.kind for i in listed}
    stranger = make.user("attendance_officer")
    assert worklist.for_case(stranger, case, on) == []
