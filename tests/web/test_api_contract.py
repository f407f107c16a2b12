"""Contract tests for API v1 as shared/API.md fixes it: routes, fields, codes."""
import pytest

from coordination.api.openapi import DOCUMENT


@pytest.fixture
def admin(make):
    user = make.user("admin")
    return make.token(user)


@pytest.fixture
def coordinator(make):
    user = make.user("coordinator", phone="06-12345678")
    return user, make.token(user)


def error_of(response):
    body = response.get_json()
    assert set(body) == {"error"} and {"code", "message", "fields"} <= set(body["error"])
    return body["error"]


def new_school(client, admin, brin="12AB"):
    return client.post("/api/v1/schools", headers=admin,
                       json={"name": "Het Baken", "brin": brin, "region": "midden"})


def linked_school(client, admin, make, *users, brin="12AB"):
    """A school created through the API, with `users` linked to it (flask users create
    --school-id): professionals register students only at their own schools."""
    school_id = new_school(client, admin, brin).get_json()["id"]
    from coordination.extensions import db
    from coordination.schools.models import School
    for user in users:
        make.link(user, db.session.get(School, school_id))
    return school_id


def new_student(client, headers, school_id, number="100200"):
    return client.post("/api/v1/students", headers=headers, json={
        "student_number": number, "given_name": "Daan", "family_name": "de Boer",
        "date_of_birth": "2011-09-01", "school_id": school_id, "level": "vmbo-k",
        "has_startkwalificatie": False})


def test_me_and_missing_or_bad_tokens(client, coordinator):
    user, headers = coordinator
    assert client.get("/api/v1/me", headers=headers).get_json() == {
        "id": user.id, "email": user.email, "name": user.name, "role": "coordinator"}
    for bad in ({}, {"Authorization": "Bearer nope"}, {"Authorization": "Basic abc"}):
        response = client.get("/api/v1/me", headers=bad)
        assert response.status_code == 401 and error_of(response)["code"] == "unauthorized"


def test_schools_are_created_by_admins_only(client, admin, coordinator):
    response = new_school(client, admin)
    assert response.status_code == 201
    assert response.get_json() | {"id": 0} == {"id": 0, "name": "Het Baken", "brin": "12AB",
                                               "region": "midden"}
    assert new_school(client, coordinator[1], brin="34CD").status_code == 403
    assert new_school(client, admin).status_code == 409
    bad = client.post("/api/v1/schools", headers=admin, json={"name": "X", "brin": "1", "region": "oost"})
    assert bad.status_code == 422 and set(error_of(bad)["fields"]) == {"brin", "region"}


def test_students_and_duplicate_numbers(client, admin, coordinator, make):
    school_id = linked_school(client, admin, make, coordinator[0])
    response = new_student(client, coordinator[1], school_id)
    assert response.status_code == 201
    body = response.get_json()
    assert (body["student_number"], body["date_of_birth"], body["school_id"]) == (
        "100200", "2011-09-01", school_id)
    duplicate = new_student(client, coordinator[1], school_id)
    assert duplicate.status_code == 409 and error_of(duplicate)["code"] == "duplicate_student_number"
    assert new_student(client, admin, school_id, "9").status_code == 403


@pytest.mark.parametrize("change, field", [
    ({"date_of_birth": "2999-01-01"}, "date_of_birth"),
    ({"date_of_birth": "01-02-2011"}, "date_of_birth"),
    ({"given_name": "x" * 81}, "given_name"),
    ({"level": "gymnasium"}, "level"),
])
def test_student_validation_answers_422_with_fields(client, admin, coordinator, change, field, make):
    school_id = linked_school(client, admin, make, coordinator[0])
    payload = {"student_number": "1", "given_name": "Daan", "family_name": "de Boer",
               "date_of_birth": "2011-09-01", "school_id": school_id, "level": "havo"}
    response = client.post("/api/v1/students", headers=coordinator[1], json={**payload, **change})
    assert response.status_code == 422 and field in error_of(response)["fields"]


def test_a_school_one_is_not_linked_to_answers_404_like_a_missing_one(client, admin, coordinator):
    school_id = new_school(client, admin).get_json()["id"]
    other = new_student(client, coordinator[1], school_id)
    missing = new_student(client, coordinator[1], 999999)
    assert other.status_code == missing.status_code == 404
    assert other.get_json() == missing.get_json()


def test_a_body_that_is_not_a_json_object_is_a_400(client, coordinator):
    response = client.post("/api/v1/cases", headers={**coordinator[1], "Content-Type": "application/json"},
                           data="[1, 2")
    assert response.status_code == 400 and error_of(response)["code"] == "bad_request"


def test_case_lifecycle_through_the_api(client, admin, coordinator, make):
    user, headers = coordinator
    school_id = linked_school(client, admin, make, user)
    student_id = new_student(client, headers, school_id).get_json()["id"]
    response = client.post("/api/v1/cases", headers=headers,
                           json={"student_id": student_id, "coordinator_id": user.id})
    assert response.status_code == 201
    case = response.get_json()
    assert {k: case[k] for k in ("student_id", "status", "tier", "absence_kind", "closed_at")} == {
        "student_id": student_id, "status": "open", "tier": 1, "absence_kind": "unknown",
        "closed_at": None}
    assert case["coordinator"] == {"id": user.id, "name": user.name, "email": user.email,
                                   "phone": "06-12345678"}
    assert case["opened_at"].endswith("+00:00")

    again = client.post("/api/v1/cases", headers=headers,
                        json={"student_id": student_id, "coordinator_id": user.id})
    assert again.status_code == 409 and error_of(again)["code"] == "case_already_open"

    fetched = client.get(f"/api/v1/cases/{case['id']}", headers=headers).get_json()
    assert fetched["id"] == case["id"] and fetched["coordinator"]["id"] == user.id

    parent = make.user("parent")
    member = client.post(f"/api/v1/cases/{case['id']}/members", headers=headers,
                         json={"user_id": parent.id, "role": "parent"})
    assert member.status_code == 201 and member.get_json()["role"] == "parent"
    assert client.get(f"/api/v1/cases/{case['id']}", headers=make.token(parent)).status_code == 200

    successor = make.user("attendance_officer")
    handed = client.post(f"/api/v1/cases/{case['id']}/coordinator", headers=headers,
                         json={"user_id": successor.id, "reason": "Leerplicht neemt over"})
    assert handed.status_code == 200
    body = handed.get_json()
    assert body["coordinator"]["id"] == successor.id
    assert [h["to_user_id"] for h in body["handovers"]] == [user.id, successor.id]
    assert body["handovers"][1]["reason"] == "Leerplicht neemt over"
    # The previous coordinator may no longer hand over: the seat moved.
    again = client.post(f"/api/v1/cases/{case['id']}/coordinator", headers=headers,
                        json={"user_id": user.id, "reason": "back"})
    assert again.status_code == 403


def test_a_coordinator_who_is_not_a_professional_is_a_422(client, coordinator, make):
    user, headers = coordinator
    parent, student = make.user("parent"), make.student()
    make.link(user, student.school)
    response = client.post("/api/v1/cases", headers=headers,
                           json={"student_id": student.id, "coordinator_id": parent.id})
    assert response.status_code == 422 and "coordinator_id" in error_of(response)["fields"]


def test_a_case_one_may_not_see_is_a_404_like_one_that_does_not_exist(client, coordinator, make):
    case = make.case(make.user("coordinator"))
    headers = coordinator[1]
    hidden = client.get(f"/api/v1/cases/{case.id}", headers=headers)
    missing = client.get("/api/v1/cases/999999", headers=headers)
    assert hidden.status_code == missing.status_code == 404
    assert hidden.get_json() == missing.get_json()
    for path in ("coordinator", "members"):
        assert client.post(f"/api/v1/cases/{case.id}/{path}", headers=headers,
                           json={"user_id": 1, "reason": "x", "role": "mentor"}).status_code == 404


def test_methods_that_do_not_exist_answer_405(client, coordinator, make):
    case = make.case(coordinator[0])
    response = client.delete(f"/api/v1/cases/{case.id}", headers=coordinator[1])
    assert response.status_code == 405 and error_of(response)["code"] == "method_not_allowed"


def test_lists_have_items_and_next(client, coordinator, make):
    make.case(coordinator[0])
    body = client.get("/api/v1/cases", headers=coordinator[1]).get_json()
    assert set(body) == {"items", "next"} and len(body["items"]) == 1


def test_openapi_describes_every_api_route_and_nothing_else(app, client):
    served = client.get("/api/v1/openapi.json").get_json()
    assert served == DOCUMENT and served["openapi"].startswith("3.")
    routes = set()
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/v1/"):
            path = rule.rule.removeprefix("/api/v1").replace("<int:", "{").replace(">", "}")
            routes |= {(path, m.lower()) for m in rule.methods - {"HEAD", "OPTIONS"}}
    described = {(path, method) for path, ops in served["paths"].items() for method in ops}
    assert routes == described
