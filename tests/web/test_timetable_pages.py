"""The timetable page of a school, the student's own timetable, and the team's statement
of Kearney's criterion (b) on the case page (issue 10)."""
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from coordination.audit.models import AuditEvent
from coordination.cases.models import HardToAttendStatement
from coordination.database import RowIsImmutable
from coordination.extensions import db
from coordination.schools.models import SchoolTimetable
from coordination.timeutil import today_local


def actions(name):
    return db.session.scalars(select(AuditEvent).where(AuditEvent.action == name)).all()


@pytest.fixture
def staff_and_school(make):
    school = make.school(region="midden", name="Techniek College")
    return make.user("professional", schools=[school]), school


def test_the_schools_staff_sets_its_timetable_and_lesson_hours(app, client, make,
                                                                staff_and_school):
    staff, school = staff_and_school
    make.login(client, staff)
    assert "Techniek College" in client.get("/schools/").get_data(as_text=True)
    page = client.get(f"/schools/{school.id}/timetable").get_data(as_text=True)
    assert "Rooster van Techniek College" in page and "Deze school telt klokuren" in page
    client.post(f"/schools/{school.id}/timetable", data={
        "level": "mbo-2", "hours_per_day": "4,5", "weekdays": ["1", "2", "3", "4", "5"]})
    row = db.session.scalar(select(SchoolTimetable).where(SchoolTimetable.school_id == school.id))
    assert (row.level, row.hours_per_day, row.weekdays) == ("mbo-2", 4.5, "12345")
    client.post(f"/schools/{school.id}/lesson-hours", data={"lesson_hours": "1"})
    db.session.refresh(school)
    assert school.lesson_hours is True
    page = client.get(f"/schools/{school.id}/timetable").get_data(as_text=True)
    assert "Deze school telt lesuren" in page and "4,5" in page
    assert actions("school.timetable") and actions("school.lesson_hours")
    # Wrong input: nothing stored, the reason shown.
    page = client.post(f"/schools/{school.id}/timetable", data={"hours_per_day": "11"},
                       follow_redirects=True).get_data(as_text=True)
    assert "hoogstens 10 uur" in page
    assert db.session.scalar(select(SchoolTimetable).where(SchoolTimetable.level.is_(None))) \
        is None


def test_another_schools_professional_does_not_see_the_timetable(app, client, make,
                                                                 staff_and_school):
    _staff, school = staff_and_school
    make.login(client, make.user("professional", schools=[make.school()]))
    assert client.get(f"/schools/{school.id}/timetable").status_code == 404
    assert client.post(f"/schools/{school.id}/lesson-hours",
                       data={"lesson_hours": "1"}).status_code == 404
    make.login(client, make.user("admin"))
    assert client.get(f"/schools/{school.id}/timetable").status_code == 200


def test_the_student_page_sets_the_students_own_timetable(app, client, make, staff_and_school):
    staff, school = staff_and_school
    student = make.student(school, level="mbo-2", municipality="Utrecht")
    make.login(client, staff)
    page = client.get(f"/students/{student.id}").get_data(as_text=True)
    assert "6 uur per schooldag" in page and "rooster van de school voor niveau mbo-2" in page
    client.post(f"/students/{student.id}/timetable", data={"hours_per_day": "8",
                                                           "weekdays": ["1"]})
    page = client.get(f"/students/{student.id}").get_data(as_text=True)
    assert "8 uur per schooldag, op:" in page and "maandag." in page
    assert "eigen rooster van de leerling" in page
    # An attendance officer of the municipality reaches the student but is no school staff.
    make.login(client, make.user("attendance_officer", municipalities=["Utrecht"]))
    assert client.post(f"/students/{student.id}/timetable",
                       data={"hours_per_day": "6"}).status_code == 403
    db.session.refresh(student)
    assert (student.timetable_hours, student.timetable_weekdays) == (8.0, "1")


def test_the_team_states_and_withdraws_kearney_b(app, client, make):
    coordinator = make.user("coordinator")
    case = make.case(coordinator, make.student(make.school(region="midden")))
    make.login(client, coordinator)
    stated_on = today_local() - timedelta(days=1)
    client.post(f"/cases/{case.id}/hard-to-attend",
                data={"stated_on": stated_on.isoformat(), "note": "Buikpijn elke ochtend"})
    page = client.get(f"/cases/{case.id}").get_data(as_text=True)
    assert "Heel moeilijk om naar school te gaan (Kearney b)" in page
    assert "vastgesteld door het team op" in page and "Buikpijn elke ochtend" in page
    student_page = client.get(f"/students/{case.student_id}").get_data(as_text=True)
    assert "vastgesteld door het team op" in student_page
    client.post(f"/cases/{case.id}/hard-to-attend",
                data={"holds": "0", "stated_on": today_local().isoformat(),
                      "note": "Gaat weer elke dag"})
    rows = db.session.scalars(select(HardToAttendStatement).order_by(
        HardToAttendStatement.id)).all()
    assert [(r.holds, r.note) for r in rows] == [(True, "Buikpijn elke ochtend"),
                                                 (False, "Gaat weer elke dag")]
    assert "vastgesteld door het team op" not in client.get(
        f"/students/{case.student_id}").get_data(as_text=True)
    assert len(actions("case.hard_to_attend")) == 2
    rows[0].note = "changed"
    with pytest.raises(RowIsImmutable):
        db.session.commit()
    db.session.rollback()


def test_kearney_b_needs_a_date_not_in_the_future_and_a_note(app, client, make):
    coordinator = make.user("coordinator")
    case = make.case(coordinator)
    make.login(client, coordinator)
    page = client.post(f"/cases/{case.id}/hard-to-attend", follow_redirects=True, data={
        "stated_on": (today_local() + timedelta(days=1)).isoformat(), "note": ""}
    ).get_data(as_text=True)
    assert "niet in de toekomst" in page and "Schrijf op wat het team zag" in page
    page = client.post(f"/cases/{case.id}/hard-to-attend", follow_redirects=True, data={
        "holds": "0", "stated_on": date(2026, 11, 2).isoformat(), "note": "x"}
    ).get_data(as_text=True)
    assert "geen vaststelling om in te trekken" in page
    assert db.session.scalars(select(HardToAttendStatement)).all() == []
