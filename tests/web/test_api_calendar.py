"""Contract tests for the school calendar of API.md: region holidays and a school's own days
off as iCalendar."""
import sqlalchemy as sa

from coordination.attendance.models import CalendarClosure
from coordination.extensions import db

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
