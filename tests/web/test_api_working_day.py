"""The working day (API.md): the student list, the roster import and the worklist."""
from coordination.api.openapi import DOCUMENT
from coordination.audit.models import AuditEvent
from coordination.extensions import db


def _student_ids(response):
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert set(body) == {"items", "next"}
    return [item["id"] for item in body["items"]]


def test_students_lists_the_callers_reach_only(client, make):
    school, other_school = make.school(), make.school()
    mentor = make.link(make.user("professional"), school)
    mine = make.student(school, student_number="1001")
    elsewhere = make.student(other_school, student_number="1001")
    on_case = make.student(other_school)
    make.case(mentor, on_case)
    ids = _student_ids(client.get("/api/v1/students", headers=make.token(mentor)))
    assert ids == sorted([mine.id, on_case.id])
    assert elsewhere.id not in ids
    body = client.get("/api/v1/students", headers=make.token(mentor)).get_json()
    first = next(item for item in body["items"] if item["id"] == mine.id)
    assert first == {"id": mine.id, "student_number": "1001", "given_name": mine.given_name,
                     "family_name": "de Vries", "date_of_birth": "2011-05-01",
                     "school_id": school.id, "level": "vmbo-k",
                     "has_startkwalificatie": False, "municipality": None}
    assert set(DOCUMENT["components"]["schemas"]["Student"]["properties"]) == set(first)


def test_students_by_number_finds_one_school_number_in_reach(client, make):
    school, other_school = make.school(), make.school()
    mentor = make.link(make.user("professional"), school)
    mine = make.student(school, student_number="2002")
    make.student(school, student_number="2003")
    make.student(other_school, student_number="2002")
    headers = make.token(mentor)
    assert _student_ids(client.get("/api/v1/students?number=2002", headers=headers)) == [
        mine.id]
    assert _student_ids(client.get("/api/v1/students?number=9999", headers=headers)) == []


def test_students_pages_by_id_with_a_cursor(client, make, monkeypatch):
    from coordination.students import services

    monkeypatch.setattr(services, "PAGE_SIZE", 2)
    school = make.school()
    mentor = make.link(make.user("professional"), school)
    students = [make.student(school) for _ in range(5)]
    headers, seen, url = make.token(mentor), [], "/api/v1/students"
    while True:
        body = client.get(url, headers=headers).get_json()
        assert len(body["items"]) <= 2
        seen += [item["id"] for item in body["items"]]
        if body["next"] is None:
            break
        url = f"/api/v1/students?after={body['next']}"
    assert seen == [s.id for s in students]


def test_students_for_admins_is_empty_and_for_families_their_own(client, make):
    school = make.school()
    coordinator = make.link(make.user("coordinator"), school)
    parent, admin = make.user("parent"), make.user("admin")
    child, other = make.student(school), make.student(school)
    make.case(coordinator, child, members=[(parent, "parent")])
    make.case(coordinator, other)
    assert _student_ids(client.get("/api/v1/students", headers=make.token(admin))) == []
    assert _student_ids(client.get("/api/v1/students", headers=make.token(parent))) == [
        child.id]


def test_students_list_is_audited(client, make):
    school = make.school()
    mentor = make.link(make.user("professional"), school)
    make.student(school, student_number="3003")
    client.get("/api/v1/students?number=3003", headers=make.token(mentor))
    event = db.session.scalars(db.select(AuditEvent).where(
        AuditEvent.action == "student.list")).one()
    assert event.actor_id == mentor.id and event.detail["count"] == 1
    assert event.detail["query"] == "3003"


def test_students_bad_cursor_is_422_and_no_token_401(client, make):
    headers = make.token(make.user("coordinator"))
    for bad in ("x", "-1", "99999999999", "1.5"):
        response = client.get(f"/api/v1/students?after={bad}", headers=headers)
        assert response.status_code == 422
        assert "after" in response.get_json()["error"]["fields"]
    assert client.get("/api/v1/students").status_code == 401
