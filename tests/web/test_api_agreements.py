"""Contract tests for the agreements routes of API.md."""
from datetime import timedelta

from coordination.timeutil import today_local


def setup_case(make):
    coordinator, mentor, parent = make.user("coordinator"), make.user("professional"), make.user("parent")
    case = make.case(coordinator, members=[(mentor, "mentor"), (parent, "parent")])
    return case, make.token(coordinator), mentor, make.token(parent)


def test_create_list_patch_history_and_no_delete(client, make):
    case, headers, mentor, parent_headers = setup_case(make)
    due = (today_local() + timedelta(days=5)).isoformat()
    base = f"/api/v1/cases/{case.id}/agreements"
    created = client.post(base, headers=headers, json={
        "text": "Mentor belt elke maandag", "owner_user_id": mentor.id, "due_date": due})
    assert created.status_code == 201
    body = created.get_json()
    assert {k: body[k] for k in ("case_id", "owner_user_id", "due_date", "status", "visibility")} == {
        "case_id": case.id, "owner_user_id": mentor.id, "due_date": due, "status": "open",
        "visibility": "everyone"}
    hidden = client.post(base, headers=headers, json={
        "text": "Alleen team", "owner_user_id": mentor.id, "visibility": "team"}).get_json()

    listed = client.get(base, headers=parent_headers).get_json()
    assert [a["id"] for a in listed["items"]] == [body["id"]] and listed["next"] is None
    assert client.get(f"{base}/{hidden['id']}/history", headers=parent_headers).status_code == 404

    url = f"{base}/{body['id']}"
    patched = client.patch(url, headers=headers, json={"status": "done", "reason": "Gelukt"})
    assert patched.status_code == 200 and patched.get_json()["status"] == "done"
    no_reason = client.patch(url, headers=headers, json={"status": "open"})
    assert no_reason.status_code == 422 and "reason" in no_reason.get_json()["error"]["fields"]
    bad_status = client.patch(url, headers=headers, json={"status": "gone", "reason": "x"})
    assert bad_status.status_code == 422
    assert client.patch(url, headers=parent_headers, json={"status": "open", "reason": "x"}).status_code == 403

    history = client.get(f"{url}/history", headers=headers).get_json()["items"]
    assert [(h["revision"], h["status"], h["reason"]) for h in history] == [
        (1, "open", None), (2, "done", "Gelukt")]
    assert history[1]["author"]["name"] and history[1]["at"]

    assert client.delete(url, headers=headers).status_code == 405
    assert client.delete(f"{url}/history", headers=headers).status_code == 405


def test_validation_of_new_agreements(client, make):
    case, headers, mentor, _ = setup_case(make)
    base = f"/api/v1/cases/{case.id}/agreements"
    cases = [({"text": "", "owner_user_id": mentor.id}, "text"),
             ({"text": "x", "owner_user_id": mentor.id, "due_date": "2001-01-01"}, "due_date"),
             ({"text": "x", "owner_user_id": mentor.id, "visibility": "world"}, "visibility"),
             ({"text": "x" * 20000, "owner_user_id": mentor.id}, "text"),
             ({"text": "x", "owner_user_id": 424242}, "owner_user_id")]
    for payload, field in cases:
        response = client.post(base, headers=headers, json=payload)
        assert response.status_code == 422, payload
        assert field in response.get_json()["error"]["fields"], payload
    assert client.get(base, headers=headers).get_json()["items"] == []


def test_a_parent_does_not_see_what_a_youth_of_16_kept_from_them(client, make):
    from coordination.timeutil import today_local as today
    coordinator, parent, youth = make.user("coordinator"), make.user("parent"), make.user("youth")
    student = make.student(dob=today() - timedelta(days=int(365.25 * 16) + 3))
    case = make.case(coordinator, student, members=[(parent, "parent"), (youth, "youth")])
    base = f"/api/v1/cases/{case.id}/agreements"
    hidden = client.post(base, headers=make.token(coordinator), json={
        "text": "Alleen met de jongere", "owner_user_id": youth.id, "visibility": "team_youth"})
    assert hidden.status_code == 201
    aid = hidden.get_json()["id"]
    as_parent, as_youth = make.token(parent), make.token(youth)
    assert client.get(base, headers=as_parent).get_json()["items"] == []
    for path in (f"{base}/{aid}", f"{base}/{aid}/history"):
        assert client.get(path, headers=as_parent).status_code == 404
        assert client.get(path, headers=as_youth).status_code == 200
