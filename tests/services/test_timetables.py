"""Timetables in the database: per school and level, the student's own, the lesson-hours
setting; the signals and the reports due use them (issue 10 finding 6)."""
from datetime import date, time, timedelta

import pytest

from coordination.attendance import services
from coordination.attendance.models import Absence
from coordination.errors import Forbidden, NotFound, ValidationError
from coordination.extensions import db
from coordination.rules.calendar import SchoolCalendar
from coordination.rules.timetable import Timetable
from coordination.schools import services as schools
from coordination.signals import services as signals
from coordination.students import services as students

ADULT = date(2007, 1, 10)    # 19 in November 2026: RMC age
CHILD = date(2012, 5, 1)     # leerplichtig


def absent(student, days, start=time(8, 0), minutes=480, kind="unauthorised"):
    for day in days:
        end = start.hour * 60 + start.minute + minutes
        db.session.add(Absence(student_id=student.id, day=day, start=start,
                               end=time(end // 60, end % 60), kind=kind, source="import"))
    db.session.commit()


def codes(student, on):
    return {s.code for s in services.signals_for_student(student, on)}


MONDAYS = [date(2026, 11, 2) + timedelta(weeks=n) for n in range(4)]


def test_a_bbl_student_with_their_own_day_reaches_rmc(app, make):
    school = make.school(region="midden")
    staff = make.user("professional", schools=[school])
    student = make.student(school, dob=ADULT, level="mbo-2")
    absent(student, MONDAYS)
    assert "rmc_28d" not in codes(student, date(2026, 11, 29))
    students.set_timetable(staff, student.id, 8.0, {1})
    assert (student.timetable_hours, student.timetable_weekdays) == (8.0, "1")
    assert "rmc_28d" in codes(student, date(2026, 11, 29))
    # Both empty: the school's timetable again.
    students.set_timetable(staff, student.id, None, None)
    assert "rmc_28d" not in codes(student, date(2026, 11, 29))


def test_the_level_timetable_beats_the_school_default(app, make):
    school = make.school(region="midden")
    admin = make.user("admin")
    mbo = make.student(school, dob=ADULT, level="mbo-3")
    havo = make.student(school, dob=ADULT, level="havo")
    days = SchoolCalendar().school_days(date(2026, 11, 2), date(2026, 11, 27))
    absent(mbo, days, minutes=270)
    absent(havo, days, minutes=270)
    schools.set_timetable(admin, school.id, None, 7.0, {1, 2, 3, 4, 5})
    schools.set_timetable(admin, school.id, "mbo-3", 4.5, {1, 2, 3, 4, 5})
    assert schools.timetables_for([mbo, havo]) == {
        mbo.id: Timetable(4.5), havo.id: Timetable(7.0)}
    assert "rmc_28d" in codes(mbo, date(2026, 11, 29))
    assert "rmc_28d" not in codes(havo, date(2026, 11, 29))
    # Setting a level again changes its row, it does not add one.
    schools.set_timetable(admin, school.id, "mbo-3", 5.0, {1, 2, 3, 4})
    assert schools.timetables_for([mbo])[mbo.id] == Timetable(5.0, frozenset({1, 2, 3, 4}))
    _school, rows = schools.timetable_of(admin, school.id)
    assert set(rows) == {None, "mbo-3"}
    schools.remove_timetable(admin, school.id, "mbo-3")
    assert schools.timetables_for([mbo])[mbo.id] == Timetable(7.0)


def test_lesson_hours_put_45_minute_lessons_on_the_reports_due(app, make):
    school = make.school(region="midden")
    coordinator = make.user("coordinator", schools=[school])
    student = make.student(school, dob=CHILD)
    for n in range(4):   # four lessons of 45 minutes a day, 2-5 November: 12 clock hours
        absent(student, [date(2026, 11, 2) + timedelta(days=d) for d in range(4)],
               start=time(8 + n, 0), minutes=45)
    on = date(2026, 11, 5)
    assert "duo_16h_4w" not in codes(student, on)
    assert not signals.reports_due(coordinator, on)
    schools.set_lesson_hours(coordinator, school.id, True)
    assert "duo_16h_4w" in codes(student, on)
    [due] = signals.reports_due(coordinator, on)
    assert (due.code, due.start, due.end, due.hours) == (
        "duo_16h_4w", date(2026, 11, 2), on, 16)


def test_timetables_for_many_students_take_one_query(app, make):
    first, second = make.school(), make.school()
    admin = make.user("admin")
    schools.set_timetable(admin, first.id, None, 5.0, {1, 2, 3, 4, 5})
    schools.set_timetable(admin, second.id, "havo", 6.5, {1, 2, 3, 4})
    many = [make.student(s, level=lv) for s in (first, second) for lv in ("havo", "vwo")] * 5
    with make.statements() as statements:
        found = schools.timetables_for(many)
    assert len(statements) == 1
    assert found[many[2].id] == Timetable(6.5, frozenset({1, 2, 3, 4}))
    assert found[many[0].id].hours_per_day == 5.0


def test_who_sets_a_school_timetable(app, make):
    school, other = make.school(), make.school()
    staff = make.user("professional", schools=[school])
    schools.set_timetable(staff, school.id, "vwo", 6.0, {1, 2, 3, 4, 5})
    with pytest.raises(NotFound):
        schools.set_timetable(staff, other.id, "vwo", 6.0, {1, 2, 3, 4, 5})
    with pytest.raises(NotFound):
        schools.set_lesson_hours(make.user("parent"), school.id, True)
    with pytest.raises(ValidationError) as bad:
        schools.set_timetable(staff, school.id, "nope", 0, {6})
    assert set(bad.value.fields) == {"level", "hours_per_day", "weekdays"}


def test_only_the_school_sets_a_students_own_timetable(app, make):
    school = make.school()
    student = make.student(school, municipality="Utrecht")
    officer = make.user("attendance_officer", municipalities=["Utrecht"])
    with pytest.raises(Forbidden):   # reaches the student, is not the school's staff
        students.set_timetable(officer, student.id, 8.0, {1})
    with pytest.raises(NotFound):
        students.set_timetable(make.user("professional"), student.id, 8.0, {1})
    with pytest.raises(ValidationError):
        students.set_timetable(make.user("professional", schools=[school]), student.id,
                               12.0, None)


def test_the_scan_and_the_reports_due_use_each_students_timetable(app, make):
    school = make.school(region="midden")
    staff = make.user("coordinator", schools=[school])
    bbl = make.student(school, dob=ADULT, level="mbo-2")
    full_time = make.student(school, dob=ADULT, level="mbo-2")
    absent(bbl, MONDAYS)
    absent(full_time, MONDAYS)
    students.set_timetable(staff, bbl.id, 8.0, {1})
    on = date(2026, 11, 29)
    assert services.scan(on, [school.id]).get("rmc_28d") == 1
    due = [(row.student.id, row.code, row.start) for row in signals.reports_due(staff, on)]
    assert due == [(bbl.id, "rmc_28d", date(2026, 11, 2))]
