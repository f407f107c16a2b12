"""Contract tests for deregistrations, enrolments, home visits and reminders (API.md)."""
from datetime import date


def test_deregistration_reminders_and_enrolment(client, make):
    officer = make.user("attendance_officer", municipalities=["Utrecht"])
    headers = make.token(officer)
    student = make.student(make.school(region="midden"), dob=date(2007, 4, 10),
                           municipality="utrecht ")  # names compare without case and spaces
    response = client.post(f"/api/v1/students/{student.id}/deregistrations", headers=headers,
                           json={"left_on": "2026-11-20", "reason": "school_climate"})
    assert response.status_code == 201
    body = response.get_json()
    assert body["followup"] is True and body["case_id"] and body["absolute_verzuim"] is False
    reminders = client.get(f"/api/v1/cases/{body['case_id']}/reminders", headers=headers).get_json()
    first = reminders["items"][0]
    assert set(first) == {"kind", "due_at", "sent_at", "cancelled_at", "to_user_id"}
    assert (first["kind"], first["sent_at"], first["cancelled_at"], first["to_user_id"]) == (
        "contact", None, None, officer.id)
    assert first["due_at"].startswith("2026-11-27T06:00:00")  # 07:00 in Amsterdam

    url = f"/api/v1/students/{student.id}/enrolments"
    before = client.post(url, headers=headers, json={"school_id": make.school().id,
                                                     "enrolled_on": "2026-11-19"})
    assert before.status_code == 422
    assert before.get_json()["error"]["fields"]["enrolled_on"] == [
        "De inschrijving kan niet beginnen voor de dag dat de leerling van school ging "
        "(20 november 2026)."]
    # In the future: the follow-up ends on that day, the reminders before it still come.
    enrolled = client.post(url, headers=headers, json={"school_id": make.school().id,
                                                       "enrolled_on": "2099-01-11"})
    assert enrolled.status_code == 201
    after = client.get(f"/api/v1/cases/{body['case_id']}/reminders", headers=headers).get_json()
    assert not any(item["cancelled_at"] for item in after["items"])
    now = client.post(url, headers=headers, json={"school_id": make.school().id,
                                                  "enrolled_on": "2026-11-20"})
    assert now.status_code == 201
    after = client.get(f"/api/v1/cases/{body['case_id']}/reminders", headers=headers).get_json()
    assert all(item["cancelled_at"] for item in after["items"])


def test_a_child_of_compulsory_age_who_leaves_is_absoluut_verzuim(client, make):
    officer = make.user("attendance_officer", municipalities=["Zeist"])
    school = make.school()
    mentor = make.link(make.user("coordinator"), school)
    child = make.student(school, dob=date(2013, 6, 1), municipality="Zeist")
    response = client.post(f"/api/v1/students/{child.id}/deregistrations",
                           headers=make.token(mentor),
                           json={"left_on": "2026-11-20", "reason": "other"})
    assert response.status_code == 201
    body = response.get_json()
    assert (body["absolute_verzuim"], body["followup"]) == (True, False)
    reminders = client.get(f"/api/v1/cases/{body['case_id']}/reminders",
                           headers=make.token(officer))
    assert reminders.status_code == 200
    assert [i for i in reminders.get_json()["items"] if i["kind"] == "contact"] == []


def test_home_visit_and_its_validation(client, make):
    officer = make.user("attendance_officer")
    case = make.case(make.user("coordinator"), members=[(officer, "attendance_officer")])
    headers = make.token(officer)
    url = f"/api/v1/cases/{case.id}/home-visits"
    done = client.post(url, headers=headers, json={
        "visited_on": "2026-11-20", "outcome": "nobody_home", "summary": "Niemand thuis"})
    assert done.status_code == 201 and done.get_json()["outcome"] == "nobody_home"
    bad = client.post(url, headers=headers, json={"visited_on": "2026-11-20", "outcome": "maybe",
                                                  "summary": ""})
    assert bad.status_code == 422 and {"outcome", "summary"} <= set(bad.get_json()["error"]["fields"])
    missing = client.post(url, headers=headers, json={"outcome": "refused", "summary": "x"})
    assert missing.status_code == 422 and "visited_on" in missing.get_json()["error"]["fields"]


def test_leaving_with_bad_input(client, make):
    officer = make.user("attendance_officer", municipalities=["Utrecht"])
    student = make.student(municipality="Utrecht")
    response = client.post(f"/api/v1/students/{student.id}/deregistrations",
                           headers=make.token(officer), json={"left_on": "20-11-2026"})
    assert response.status_code == 422
