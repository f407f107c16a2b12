"""The audit page, the access log of a case and the student export (issue 9)."""
import csv
import io
import re
from datetime import datetime, timezone

import sqlalchemy as sa

from coordination.audit import services as audit
from coordination.audit.models import AuditEvent
from coordination.cases.models import CaseMember
from coordination.extensions import db
from coordination.timeutil import utcnow


def events(action):
    return db.session.scalars(sa.select(AuditEvent).where(AuditEvent.action == action)).all()


def event(actor, action, case=None, at=None, student=None, **detail):
    row = audit.record(actor, action, case=case, student=student, **detail)
    if at:
        row.at = at
    db.session.commit()
    return row


# ------------------------------------------------------------------ the audit page

def test_the_audit_page_is_for_admins_only_and_its_reading_is_audited(app, client, make):
    admin = make.user("admin", name="Ada Admin")
    coordinator = make.user("coordinator", name="Carla Coordinator")
    case = make.case(coordinator)
    event(coordinator, "case.read", case=case)

    make.login(client, coordinator)
    assert client.get("/admin/audit").status_code == 404
    assert client.get("/admin/audit.csv").status_code == 404

    make.login(client, admin)
    page = client.get(f"/admin/audit?case_id={case.id}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Carla Coordinator" in html and "case.read" in html
    [read] = events("audit.read")
    assert (read.actor_id, read.detail) == (admin.id, {"case_id": case.id})


def test_the_audit_page_filters_and_pages_by_keyset(app, client, make, monkeypatch):
    monkeypatch.setattr(audit, "PAGE_SIZE", 2)
    admin = make.user("admin")
    carla = make.user("coordinator", email="carla@test.regie.nl")
    other = make.user("coordinator")
    case = make.case(carla)
    for n in range(5):
        event(carla, "case.read", case=case, n=n)
    event(other, "case.read", case=make.case(other))
    event(carla, "case.read", case=case, at=datetime(2020, 1, 1, tzinfo=timezone.utc), n=99)
    make.login(client, admin)

    def shown(url):
        html = client.get(url).get_data(as_text=True)
        return [int(n) for n in re.findall(r"\"n\": (\d+)", html)]

    assert shown("/admin/audit?user=CARLA@test.regie.nl") == [99, 4]
    assert shown(f"/admin/audit?user=carla@test.regie.nl&before={events('case.read')[-1].id}") == [4, 3]
    today = utcnow().date().isoformat()
    assert shown(f"/admin/audit?case_id={case.id}&from=2019-12-31&to=2020-01-01") == [99]
    assert shown(f"/admin/audit?case_id={case.id}&from={today}&before=999999") == [4, 3]


def test_bad_filters_are_a_clear_422_not_an_error(app, client, make):
    make.login(client, make.user("admin"))
    for query in ("case_id=abc", "student_id=99999999999999999999999", "from=2026-13-01"):
        assert client.get(f"/admin/audit?{query}").status_code == 422


def test_the_csv_export_holds_the_filtered_events_and_is_audited(app, client, make):
    admin = make.user("admin")
    coordinator = make.user("coordinator", name="=HYPERLINK(\"evil\")")
    case = make.case(coordinator)
    event(coordinator, "case.read", case=case)
    event(coordinator, "note.add", case=case)
    event(coordinator, "case.read", case=make.case(coordinator))
    make.login(client, admin)

    response = client.get(f"/admin/audit.csv?case_id={case.id}")

    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert [r["action"] for r in rows] == ["case.read", "note.add"]
    assert {r["case_id"] for r in rows} == {str(case.id)}
    assert rows[0]["actor_name"].startswith("'=")  # not a formula in a spreadsheet
    [export] = events("audit.export")
    assert export.detail == {"case_id": case.id}


def test_the_csv_export_streams_every_batch(app, client, make, monkeypatch):
    monkeypatch.setattr(audit, "CSV_BATCH", 3)
    admin = make.user("admin")
    coordinator = make.user("coordinator")
    case = make.case(coordinator)
    for n in range(7):
        event(coordinator, "case.read", case=case, n=n)
    make.login(client, admin)
    rows = list(csv.DictReader(io.StringIO(
        client.get(f"/admin/audit.csv?case_id={case.id}").get_data(as_text=True))))
    assert len(rows) == 7


# ----------------------------------------------------------------- the access log

def access_world(make):
    coordinator = make.user("coordinator", name="Carla Coordinator")
    mentor = make.user("professional", name="Mo Mentor")
    former = make.user("professional", name="Fay Former")
    parent = make.user("parent", name="Pia Parent")
    youth = make.user("youth", name="Yusuf Youth")
    stranger = make.user("attendance_officer", name="Stan Stranger")
    case = make.case(coordinator, members=[(mentor, "mentor"), (former, "mentor"),
                                           (parent, "parent"), (youth, "youth")])
    db.session.scalars(sa.select(CaseMember).where(CaseMember.user_id == former.id)).one() \
        .removed_at = utcnow()
    db.session.commit()
    for actor in (coordinator, mentor, former, stranger):
        event(actor, "case.read", case=case)
    event(stranger, "student.list")  # about no case or student: not in this log
    event(stranger, "student.read", student=case.student)
    event(None, "case.review", case=case)
    return case, {"coordinator": coordinator, "mentor": mentor, "parent": parent,
                  "youth": youth, "stranger": stranger}


def test_the_access_log_names_the_team_and_only_the_role_of_others(app, client, make):
    case, people = access_world(make)
    response = client.get(f"/api/v1/cases/{case.id}/access-log",
                          headers=make.token(people["youth"]))
    assert response.status_code == 200
    body = response.get_json()
    items = body["items"]
    assert body["next"] is None
    assert all(set(i) == {"at", "role", "name", "action", "kind"} for i in items)
    assert [(i["role"], i["name"], i["action"], i["kind"]) for i in items] == [
        ("system", None, "case.review", "changed"),
        ("attendance_officer", None, "student.read", "viewed"),
        ("attendance_officer", None, "case.read", "viewed"),
        ("mentor", "Fay Former", "case.read", "viewed"),  # a past member is still team
        ("mentor", "Mo Mentor", "case.read", "viewed"),
        ("coordinator", "Carla Coordinator", "case.read", "viewed"),
    ]
    assert "ip" not in response.get_data(as_text=True)
    # Reading the log is audited, and such reads are left out of the log itself.
    assert [e.actor_id for e in events("case.access_log")] == [people["youth"].id]
    again = client.get(f"/api/v1/cases/{case.id}/access-log", headers=make.token(people["parent"]))
    assert [i["action"] for i in again.get_json()["items"]] == [i["action"] for i in items]


def test_the_access_log_pages_with_a_cursor(app, client, make, monkeypatch):
    monkeypatch.setattr(audit, "PAGE_SIZE", 4)
    case, people = access_world(make)
    headers = make.token(people["coordinator"])
    first = client.get(f"/api/v1/cases/{case.id}/access-log", headers=headers).get_json()
    second = client.get(f"/api/v1/cases/{case.id}/access-log?before={first['next']}",
                        headers=headers).get_json()
    assert len(first["items"]) == 4 and len(second["items"]) == 2 and second["next"] is None


def test_the_access_log_is_hidden_outside_the_case(app, client, make):
    case, people = access_world(make)
    for who in (people["stranger"], make.user("admin")):
        assert client.get(f"/api/v1/cases/{case.id}/access-log",
                          headers=make.token(who)).status_code == 404


def test_parents_read_the_access_log_in_plain_dutch(app, client, make):
    case, people = access_world(make)
    make.login(client, people["parent"])
    family = client.get(f"/cases/{case.id}").get_data(as_text=True)
    assert "Wie heeft mijn dossier bekeken?" in family
    html = client.get(f"/cases/{case.id}/access-log").get_data(as_text=True)
    assert "Wie heeft het dossier bekeken" in html
    assert "Mo Mentor" in html and "Heeft het dossier bekeken" in html
    assert "Stan Stranger" not in html and "Iemand buiten het team" in html
    assert "Regie zelf (automatisch)" in html
    assert "127.0.0.1" not in html


# ------------------------------------------------------------------------ export

def test_the_export_is_for_admins_and_holds_everything(app, client, make):
    admin = make.user("admin")
    coordinator = make.user("coordinator")
    case = make.case(coordinator, members=[(make.user("parent"), "parent")])
    make.agreement(case, coordinator, text="Naar school op maandag")
    make.decision(case, coordinator)
    url = f"/api/v1/students/{case.student_id}/export"

    response = client.get(url, headers=make.token(admin))

    assert response.status_code == 200
    data = response.get_json()
    assert {"student", "cases", "agreements", "absences", "audit", "case_members",
            "coordinator_handovers", "agreement_revisions", "meetings", "decisions",
            "case_notes", "home_visits", "reviews", "duo_reports", "people"} <= set(data)
    assert data["student"]["given_name"] == case.student.given_name
    assert data["agreement_revisions"][0]["text"] == "Naar school op maandag"
    assert len(data["case_members"]) == 1
    assert [e["action"] for e in data["audit"]] == ["student.export"]
    assert len(events("student.export")) == 1


def test_the_export_answers_403_to_those_who_reach_the_student_and_404_to_others(
        app, client, make):
    coordinator = make.user("coordinator")
    parent = make.user("parent")
    case = make.case(coordinator, members=[(parent, "parent")])
    url = f"/api/v1/students/{case.student_id}/export"
    assert client.get(url, headers=make.token(coordinator)).status_code == 403
    assert client.get(url, headers=make.token(parent)).status_code == 403
    assert client.get(url, headers=make.token(make.user("coordinator"))).status_code == 404
    admin = make.token(make.user("admin"))
    assert client.get("/api/v1/students/999999/export", headers=admin).status_code == 404
    assert client.get(f"/api/v1/students/{2 ** 70}/export", headers=admin).status_code == 404
    assert events("student.export") == []


def test_the_export_page_is_readable_and_downloadable(app, client, make):
    admin = make.user("admin")
    coordinator = make.user("coordinator")
    case = make.case(coordinator)
    make.login(client, admin)
    assert client.get(f"/admin/privacy?student_id={case.student_id}").status_code == 302
    page = client.get(f"/admin/students/{case.student_id}/export")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert case.student.family_name in html and "coordinator_handovers" in html
    download = client.get(f"/admin/students/{case.student_id}/export.json")
    assert download.get_json()["student"]["id"] == case.student_id
    assert "attachment" in download.headers["Content-Disposition"]
    assert len(events("student.export")) == 2
    make.login(client, coordinator)
    assert client.get(f"/admin/students/{case.student_id}/export").status_code == 403
    assert client.get("/admin/privacy").status_code == 404


# --------------------------------------------------------------------- reminders

def test_reading_the_reminders_is_audited(app, client, make):
    coordinator = make.user("coordinator")
    case = make.case(coordinator)
    response = client.get(f"/api/v1/cases/{case.id}/reminders", headers=make.token(coordinator))
    assert response.status_code == 200
    [read] = events("case.reminders")
    assert (read.actor_id, read.case_id) == (coordinator.id, case.id)
