"""A school's own days off from an iCalendar file, region holidays, and deleting a closure
(DOMAIN.md §3b; RFC 5545 for the file)."""
import io
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

from coordination.attendance import closures
from coordination.attendance.calendars import calendar_for
from coordination.attendance.models import CalendarClosure
from coordination.audit.models import AuditEvent
from coordination.errors import Forbidden, NotFound, ValidationError
from coordination.extensions import db

SAMPLE = (Path(__file__).parent.parent / "data" / "het-baken-2026-2027.ics").read_bytes()


def ics(*events):
    body = "".join(f"BEGIN:VEVENT\r\nUID:{n}@test\r\nDTSTAMP:20260901T080000Z\r\n"
                   + "".join(line + "\r\n" for line in lines) + "END:VEVENT\r\n"
                   for n, lines in enumerate(events))
    return io.BytesIO(("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//NL\r\n" + body
                       + "END:VCALENDAR\r\n").encode())


def stored(school=None):
    query = sa.select(CalendarClosure).order_by(CalendarClosure.first)
    if school is not None:
        query = query.where(CalendarClosure.school_id == school.id)
    return [(c.first, c.last, c.name) for c in db.session.scalars(query)]


def problems(excinfo):
    return " ".join(str(m) for m in excinfo.value.fields["file"])


@pytest.fixture
def admin(make):
    return make.user("admin")


@pytest.fixture
def school(make):
    return make.school(name="Het Baken", region="noord")  # noord ships no holidays


def test_a_real_export_becomes_the_schools_days_off(app, admin, school):
    assert closures.import_calendar(admin, school.id, io.BytesIO(SAMPLE)) == (3, 0)
    assert stored(school) == [
        # all-day, DTEND 4 Jan is exclusive (RFC 5545 §3.6.1)
        (date(2026, 11, 11), date(2026, 11, 11), "Studiedag"),        # 08:30-16:30
        (date(2026, 12, 19), date(2027, 1, 3), "Kerstvakantie"),
        (date(2027, 2, 12), date(2027, 2, 12), "Studiedag, lessen vervallen"),  # no DTEND
    ]  # the cancelled sports day is not a day off
    calendar = calendar_for(school)
    assert not calendar.is_school_day(date(2026, 12, 21))  # a Monday in the holiday
    assert not calendar.is_school_day(date(2027, 1, 1))
    assert calendar.is_school_day(date(2027, 1, 4))
    [event] = db.session.scalars(sa.select(AuditEvent).filter_by(action="calendar.import"))
    assert event.actor_id == admin.id and event.detail["school_id"] == school.id
    assert len(event.detail["closure_ids"]) == 3


def test_importing_the_same_file_again_adds_nothing(app, admin, school, make):
    closures.import_calendar(admin, school.id, io.BytesIO(SAMPLE))
    assert closures.import_calendar(admin, school.id, io.BytesIO(SAMPLE)) == (0, 3)
    assert len(stored(school)) == 3
    # the same days for another school are that school's own
    other = make.school(region="noord")
    assert closures.import_calendar(admin, other.id, io.BytesIO(SAMPLE)) == (3, 0)


def test_the_same_days_twice_in_one_file_are_stored_once(app, admin, school):
    day = ["DTSTART;VALUE=DATE:20261111", "SUMMARY:Studiedag"]
    assert closures.import_calendar(admin, school.id, ics(day, day)) == (1, 1)


def test_date_times_in_another_zone_count_in_dutch_time(app, admin, school):
    # 23:30 UTC on 10 November is 00:30 on 11 November in the Netherlands
    closures.import_calendar(admin, school.id, ics(
        ["DTSTART:20261110T233000Z", "DTEND:20261111T150000Z", "SUMMARY:Studiedag"]))
    assert stored(school) == [(date(2026, 11, 11), date(2026, 11, 11), "Studiedag")]


@pytest.mark.parametrize("body", [
    b"", b"hello", b"student_number,date\n1,2026-11-02\n", b"BEGIN:VCALENDAR\r\n",
    b"BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20261111\r\nEND:VEVENT\r\n",    # no VCALENDAR
    "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n".encode("utf-16"),           # not UTF-8
    b"\xff\xfe\x00garbage"])
def test_a_file_that_is_not_icalendar_is_refused(app, admin, school, body):
    with pytest.raises(ValidationError) as excinfo:
        closures.import_calendar(admin, school.id, io.BytesIO(body))
    assert "geen iCalendar-bestand" in problems(excinfo)
    assert stored() == []


def test_one_bad_event_stores_nothing_and_each_is_named(app, admin, school):
    good = ["DTSTART;VALUE=DATE:20261111", "SUMMARY:Studiedag"]
    with pytest.raises(ValidationError) as excinfo:
        closures.import_calendar(admin, school.id, ics(
            good,
            ["DTSTART;VALUE=DATE:20261301", "SUMMARY:Kapot"],                    # 2
            ["DTSTART;VALUE=DATE:20261111", "DTEND;VALUE=DATE:20261101",
             "SUMMARY:Achterstevoren"],                                         # 3
            ["DTSTART;VALUE=DATE:20260101", "RRULE:FREQ=WEEKLY", "SUMMARY:Elke week"],
            ["DTSTART;VALUE=DATE:18000101", "SUMMARY:Lang geleden"],             # 5
            ["DTSTART;VALUE=DATE:20260701", "DTEND;VALUE=DATE:20261231",
             "SUMMARY:Heel lang"],                                              # 6
            ["DTSTART;VALUE=DATE:20261112"],                                   # 7 no name
            ["DTSTART;VALUE=DATE:99991231", "DURATION:P3D", "SUMMARY:Ver"]))     # 8
    text = problems(excinfo)
    for number in range(2, 9):
        assert f"Afspraak {number} " in text, number
    assert "Afspraak 1 " not in text
    assert stored() == []


def test_size_and_number_of_events_are_bounded(app, admin, school):
    app.config.update(CALENDAR_MAX_BYTES=2000, CALENDAR_MAX_EVENTS=3)
    day = ["DTSTART;VALUE=DATE:20261111", "SUMMARY:Studiedag"]
    with pytest.raises(ValidationError) as excinfo:
        closures.import_calendar(admin, school.id, ics(*[day] * 4))
    assert "meer dan 3 afspraken" in problems(excinfo)
    with pytest.raises(ValidationError) as excinfo:
        closures.import_calendar(admin, school.id, io.BytesIO(b"x" * 2001))
    assert "groter dan" in problems(excinfo)
    with pytest.raises(ValidationError):  # no events at all
        closures.import_calendar(admin, school.id, ics())
    assert stored() == []


def test_only_admins_import_and_only_for_a_school_that_exists(app, admin, school, make):
    for role in ("coordinator", "attendance_officer", "professional", "parent"):
        with pytest.raises(Forbidden):
            closures.import_calendar(make.user(role, schools=[school]), school.id,
                                     io.BytesIO(SAMPLE))
    with pytest.raises(NotFound):
        closures.import_calendar(admin, school.id + 1000, io.BytesIO(SAMPLE))
    assert stored() == []


def test_an_admin_deletes_a_closure_and_it_is_audited(app, admin, school, make):
    closures.import_calendar(admin, school.id, io.BytesIO(SAMPLE))
    study_day = db.session.scalar(sa.select(CalendarClosure).filter_by(first=date(2026, 11, 11)))
    assert not calendar_for(school).is_school_day(date(2026, 11, 11))
    with pytest.raises(Forbidden):
        closures.delete_closure(make.user("coordinator", schools=[school]), study_day.id)
    closures.delete_closure(admin, study_day.id)
    assert calendar_for(school).is_school_day(date(2026, 11, 11))
    assert len(stored(school)) == 2
    [event] = db.session.scalars(sa.select(AuditEvent).filter_by(
        action="calendar.closure_delete"))
    assert event.detail["name"] == "Studiedag" and event.detail["first"] == "2026-11-11"
    with pytest.raises(NotFound):
        closures.delete_closure(admin, study_day.id)


def test_a_region_holiday_outside_the_date_range_is_refused(app, admin):
    with pytest.raises(ValidationError) as excinfo:
        closures.add_closure(admin, "noord", None, date(1800, 1, 1), date(1800, 1, 2), "Oud")
    assert set(excinfo.value.fields) == {"first", "last"}
