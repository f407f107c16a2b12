"""Contract tests for the school calendar of API.md: region holidays and a school's own days
off as iCalendar."""
from pathlib import Path

import sqlalchemy as sa

from coordination.attendance.models import CalendarClosure
from coordination.extensions import db

SAMPLE = (Path(__file__).parent.parent / "data" / "het-baken-2026-2027.ics").read_bytes()
VOORJAAR = {"region": "noord", "first": "2027-02-13", "last": "2027-02-21",
            "name": "Voorjaarsvakantie"}


def closures():
    return db.session.scalars(sa.select(CalendarClosure).order_by(CalendarClosure.id)).all()


def test_an_admin_adds_a_region_holiday(client, make):
    admin = make.token(make.user("admin"))
    response = client.post("/api/v1/holidays", headers=admin, json=VOORJAAR)
    assert response.status_code == 201
    body = response.get_json()
    assert body == {"id": body["id"], "region": "noord", "school_id": None,
                    "first": "2027-02-13", "last": "2027-02-21", "name": "Voorjaarsvakantie"}
    [row] = closures()
    assert (row.region, row.school_id, row.first.isoformat(), row.name) == (
        "noord", None, "2027-02-13", "Voorjaarsvakantie")


def test_a_bad_holiday_is_422_naming_its_fields_and_stores_nothing(client, make):
    admin = make.token(make.user("admin"))
    for bad, fields in (({"region": "oost"}, {"region"}),
                        ({"region": None}, {"region"}),
                        ({"first": "2027-02-22"}, {"last"}),            # last before first
                        ({"first": "13-02-2027"}, {"first"}),
                        ({"last": "2201-01-01"}, {"last"}),             # out of range
                        ({"first": "1800-01-01", "last": None}, {"first", "last"}),
                        ({"name": ""}, {"name"}),
                        ({"name": "x" * 121}, {"name"}),
                        ({"name": 12}, {"name"}),
                        ({"last": "2027-08-01"}, {"last"})):            # far too long
        response = client.post("/api/v1/holidays", headers=admin, json={**VOORJAAR, **bad})
        assert response.status_code == 422, bad
        assert set(response.get_json()["error"]["fields"]) == fields, bad
    assert client.post("/api/v1/holidays", headers=admin, json=[]).status_code == 400
    assert closures() == []


def test_only_admins_add_holidays(client, make):
    for role in ("coordinator", "attendance_officer", "professional", "parent", "youth"):
        headers = make.token(make.user(role))
        assert client.post("/api/v1/holidays", headers=headers, json=VOORJAAR).status_code == 403
        assert client.post("/api/v1/holidays", headers=headers, json={}).status_code == 403
    assert client.post("/api/v1/holidays", json=VOORJAAR).status_code == 401
    assert closures() == []


def ics_post(client, headers, school_id, body):
    return client.post(f"/api/v1/schools/{school_id}/calendar", data=body,
                       headers={**headers, "Content-Type": "text/calendar"})


def test_a_school_imports_its_days_off_as_icalendar(client, make):
    admin = make.token(make.user("admin"))
    school = make.school(region="noord")
    response = ics_post(client, admin, school.id, SAMPLE)
    assert response.status_code == 200 and response.get_json() == {"imported": 3}
    christmas = [c for c in closures() if c.name == "Kerstvakantie"]
    assert [(c.school_id, c.first.isoformat(), c.last.isoformat()) for c in christmas] == [
        (school.id, "2026-12-19", "2027-01-03")]
    # the same file again: nothing new
    assert ics_post(client, admin, school.id, SAMPLE).get_json() == {"imported": 0}
    assert len(closures()) == 3


def test_a_body_that_is_not_icalendar_is_422_in_plain_dutch(client, make):
    admin = make.token(make.user("admin"))
    school = make.school()
    response = ics_post(client, admin, school.id,
                        b"student_number,date\n1,2026-11-02\n")
    assert response.status_code == 422
    [message] = response.get_json()["error"]["fields"]["file"]
    assert message.startswith("Dit is geen iCalendar-bestand")
    half = SAMPLE.replace(b"DTSTART;VALUE=DATE:20270212", b"DTSTART;VALUE=DATE:20271312")
    response = ics_post(client, admin, school.id, half)
    assert response.status_code == 422
    assert "Afspraak 3 " in " ".join(response.get_json()["error"]["fields"]["file"])
    assert closures() == []


def test_only_admins_import_a_calendar_and_only_for_a_school_that_exists(client, make):
    school = make.school()
    for role in ("coordinator", "attendance_officer", "professional", "parent", "youth"):
        headers = make.token(make.user(role, schools=[school]))
        assert ics_post(client, headers, school.id, SAMPLE).status_code == 403
    admin = make.token(make.user("admin"))
    assert ics_post(client, admin, school.id + 1000, SAMPLE).status_code == 404
    assert ics_post(client, {}, school.id, SAMPLE).status_code == 401
    assert closures() == []


def test_an_imported_calendar_ends_calendar_missing(client, make):
    # Region noord ships no holidays (DOMAIN.md §3b: only dates that can be cited).
    school = make.school(region="noord")
    coordinator = make.user("coordinator", schools=[school])
    student = make.student(school)
    make.case(coordinator, student)
    headers = make.token(coordinator)
    url = f"/api/v1/students/{student.id}/signals?on=2026-11-20"
    assert client.get(url, headers=headers).get_json()["calendar_missing"] is True
    ics_post(client, make.token(make.user("admin")), school.id, SAMPLE)
    assert "calendar_missing" not in client.get(url, headers=headers).get_json()
