"""Issue 9, side door 9: every bad input gets a clear 4xx, never a 500, and nothing is
stored. Ids beyond the database integer, dates outside a sensible range, wrong JSON types,
invalid Unicode, NUL characters, odd digits in query strings and bodies that are too big."""
import pytest

from coordination.extensions import db
from coordination.followup.models import Deregistration
from coordination.students.models import Student
from coordination.visits.models import HomeVisit

HUGE = "99999999999999999999"


@pytest.fixture
def team(make):
    school = make.school()
    coordinator = make.user("coordinator")
    coordinator.schools.append(school)
    db.session.commit()
    student = make.student(school)
    case = make.case(coordinator, student)
    return {"school": school, "coordinator": coordinator, "student": student, "case": case,
            "headers": make.token(coordinator)}


def error_fields(response):
    body = response.get_json()
    assert set(body) == {"error"}, body
    return body["error"]["fields"]


@pytest.mark.parametrize("path", [
    f"/api/v1/cases/{HUGE}", f"/api/v1/students/{HUGE}", f"/api/v1/cases/{HUGE}/agreements",
    f"/api/v1/cases/1/agreements/{HUGE}", f"/api/v1/students/{HUGE}/signals",
    "/api/v1/cases/2147483648",
])
def test_api_ids_beyond_the_database_integer_are_not_found(client, team, path):
    response = client.get(path, headers=team["headers"])
    assert response.status_code == 404
    assert response.get_json()["error"]["code"] == "not_found"


@pytest.mark.parametrize("path", [f"/cases/{HUGE}", f"/students/{HUGE}",
                                  "/students/2147483648", f"/cases/{HUGE}/pre-visit"])
def test_page_ids_beyond_the_database_integer_are_not_found(client, make, team, path):
    make.login(client, team["coordinator"])
    assert client.get(path).status_code == 404


def test_every_int_route_refuses_ids_beyond_the_database_integer(app):
    for rule in app.url_map.iter_rules():
        for name, converter in rule._converters.items():
            if type(converter).__name__ in ("IntegerConverter", "DatabaseIdConverter"):
                with pytest.raises(Exception):
                    converter.to_python("2147483648")
                assert converter.to_python("2147483647") == 2147483647, rule.rule


@pytest.mark.parametrize("on", ["0001-01-01", "9999-12-31", "1989-12-31", "2101-01-01"])
def test_signals_on_a_date_out_of_range_is_a_422(client, team, on):
    response = client.get(f"/api/v1/students/{team['student'].id}/signals?on={on}",
                          headers=team["headers"])
    assert response.status_code == 422 and "on" in error_fields(response)


def test_signals_on_a_date_in_range_answers(client, team):
    response = client.get(f"/api/v1/students/{team['student'].id}/signals?on=2026-10-01",
                          headers=team["headers"])
    assert response.status_code == 200


def test_student_page_on_a_date_out_of_range_does_not_crash(client, make, team):
    make.login(client, team["coordinator"])
    for on in ("0001-01-01", "9999-12-31"):
        assert client.get(f"/students/{team['student'].id}?on={on}").status_code in (200, 422)


@pytest.mark.parametrize("field,value", [("visited_on", "0001-01-01"),
                                         ("visited_on", "9999-12-31"),
                                         ("next_visit_on", "9999-12-31")])
def test_home_visit_dates_out_of_range_are_refused(client, team, field, value):
    body = {"visited_on": "2026-10-01", "outcome": "met_parent", "summary": "Talked."}
    body[field] = value
    response = client.post(f"/api/v1/cases/{team['case'].id}/home-visits",
                           headers=team["headers"], json=body)
    assert response.status_code == 422 and field in error_fields(response)
    assert db.session.query(HomeVisit).count() == 0


def test_leaving_date_out_of_range_is_refused(client, team):
    response = client.post(f"/api/v1/students/{team['student'].id}/deregistrations",
                           headers=team["headers"],
                           json={"left_on": "0001-01-01", "reason": "moved"})
    assert response.status_code == 422 and "left_on" in error_fields(response)
    assert db.session.query(Deregistration).count() == 0


@pytest.mark.parametrize("born", ["0001-01-01", "1950-01-01", "2999-01-01"])
def test_implausible_birth_dates_are_refused(client, team, born):
    response = client.post("/api/v1/students", headers=team["headers"], json={
        "student_number": "X1", "given_name": "Daan", "family_name": "de Boer",
        "date_of_birth": born, "school_id": team["school"].id, "level": "vmbo-k"})
    assert response.status_code == 422 and "date_of_birth" in error_fields(response)
    assert db.session.query(Student).count() == 1


def test_implausible_birth_date_on_the_student_page_is_a_field_error(client, make, team):
    make.login(client, team["coordinator"])
    response = client.post("/students/new", data={
        "student_number": "X1", "given_name": "Daan", "family_name": "de Boer",
        "date_of_birth": "0001-01-01", "school_id": team["school"].id, "level": "vmbo-k"})
    assert response.status_code in (200, 422)
    assert db.session.query(Student).count() == 1


@pytest.mark.parametrize("reason", [["moved"], {"why": "moved"}, 12, True])
def test_a_reason_of_the_wrong_type_is_a_422(client, team, reason):
    case_id = team["case"].id
    for path, body in ((f"/api/v1/cases/{case_id}/tier", {"tier": 2, "reason": reason}),
                       (f"/api/v1/students/{team['student'].id}/deregistrations",
                        {"left_on": "2026-10-01", "reason": reason}),
                       (f"/api/v1/cases/{case_id}/coordinator",
                        {"user_id": team["coordinator"].id, "reason": reason})):
        response = client.post(path, headers=team["headers"], json=body)
        assert response.status_code == 422, path
        assert "reason" in error_fields(response), path
    assert db.session.query(Deregistration).count() == 0


@pytest.mark.parametrize("student_id", ["1", True, 1.5, [1], {"id": 1}, int(HUGE), -1 - 2**31])
def test_an_id_of_the_wrong_type_or_size_is_a_422(client, team, student_id):
    response = client.post("/api/v1/cases", headers=team["headers"], json={
        "student_id": student_id, "coordinator_id": team["coordinator"].id})
    assert response.status_code == 422 and "student_id" in error_fields(response)


def test_nested_junk_in_a_text_is_a_422(client, team):
    response = client.post(f"/api/v1/cases/{team['case'].id}/agreements",
                           headers=team["headers"],
                           json={"text": {"a": [1, {"b": None}]},
                                 "owner_user_id": team["coordinator"].id})
    assert response.status_code == 422 and "text" in error_fields(response)


@pytest.mark.parametrize("text", ["\ud800", "a\udfffb", "nul\x00here"])
def test_lone_surrogates_and_nul_in_json_text_are_a_422(client, team, text):
    import json

    raw = json.dumps({"visited_on": "2026-10-01", "outcome": "met_parent", "summary": text})
    response = client.post(f"/api/v1/cases/{team['case'].id}/home-visits",
                           headers=team["headers"], data=raw, content_type="application/json")
    assert response.status_code == 422 and "summary" in error_fields(response)
    assert db.session.query(HomeVisit).count() == 0


def test_a_lone_surrogate_in_a_form_text_is_a_422(client, team):
    import json

    raw = json.dumps({"text": "x\ud800", "owner_user_id": team["coordinator"].id})
    response = client.post(f"/api/v1/cases/{team['case'].id}/agreements",
                           headers=team["headers"], data=raw, content_type="application/json")
    assert response.status_code == 422 and "text" in error_fields(response)


def test_bad_utf8_in_a_json_body_is_a_400(client, team):
    response = client.post(f"/api/v1/cases/{team['case'].id}/home-visits",
                           headers=team["headers"], data=b'{"summary": "\xff\xfe"}',
                           content_type="application/json")
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "bad_request"


def test_nul_in_a_page_form_is_refused_and_nothing_stored(client, make, team):
    make.login(client, team["coordinator"])
    response = client.post(f"/cases/{team['case'].id}/notes", data={"text": "a\x00b"})
    assert response.status_code == 422
    response = client.get("/students/?q=a%00b")
    assert response.status_code == 422


@pytest.mark.parametrize("value", ["²", "١٢", "1.5", "-1", HUGE, "0x10"])
def test_odd_digits_in_query_ids_are_a_422(client, team, value):
    response = client.post(f"/api/v1/attendance/import?school_id={value}",
                           headers=team["headers"], data=b"", content_type="text/csv")
    assert response.status_code == 422 and "school_id" in error_fields(response)


@pytest.mark.parametrize("app_config", [{"MAX_CONTENT_LENGTH": 1024}])
def test_a_body_over_the_limit_is_a_413(client, make, team):
    big = b"x" * 4096
    response = client.post("/api/v1/attendance/import", headers=team["headers"], data=big,
                           content_type="text/csv")
    assert response.status_code == 413
    assert response.get_json()["error"]["code"] == "too_large"
    response = client.post(f"/api/v1/cases/{team['case'].id}/home-visits",
                           headers=team["headers"], data=b'{"a": "' + big + b'"}',
                           content_type="application/json")
    assert response.status_code == 413
    assert response.get_json()["error"]["code"] == "too_large"
    make.login(client, team["coordinator"])
    response = client.post(f"/cases/{team['case'].id}/notes", data={"text": "x" * 4096})
    assert response.status_code == 413
    assert b"too large" in response.data or b"te groot" in response.data


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "2026-1-1", "20261001"])
def test_page_forms_refuse_dates_out_of_range_and_store_nothing(client, make, team, day):
    from coordination.attendance.models import Absence

    make.login(client, team["coordinator"])
    case_id, student_id = team["case"].id, team["student"].id
    posts = [(f"/cases/{case_id}/visits", {"visited_on": day, "outcome": "met_parent",
                                           "summary": "Talked.", "visibility": "team"}),
             (f"/students/{student_id}/deregistrations", {"left_on": day, "reason": "moved"}),
             (f"/students/{student_id}/absences", {"day": day, "start": "09:00",
                                                   "end": "10:00", "kind": "sick"})]
    for path, data in posts:
        assert client.post(path, data=data).status_code < 500, path
    assert db.session.query(HomeVisit).count() == 0
    assert db.session.query(Deregistration).count() == 0
    assert db.session.query(Absence).count() == 0
