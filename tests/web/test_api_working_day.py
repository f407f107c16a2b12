"""The working day (API.md): the student list, the roster import and the worklist."""
from datetime import UTC, date, datetime

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


# The roster import ----------------------------------------------------------------------

ROSTER = ("student_number,given_name,family_name,date_of_birth,school_id,level,"
          "has_startkwalificatie,municipality\n")


def _import(client, headers, text):
    return client.post("/api/v1/students/import", headers=headers, data=text.encode(),
                       content_type="text/csv")


def _students(school):
    from coordination.students.models import Student

    db.session.expire_all()
    return {s.student_number: s for s in db.session.scalars(
        db.select(Student).where(Student.school_id == school.id))}


def test_roster_creates_and_updates_by_number_at_that_school(client, make):
    school, other = make.school(), make.school()
    mentor = make.link(make.link(make.user("professional"), school), other)
    kept = make.student(school, student_number="500", given_name="Oud", level="havo")
    make.student(other, student_number="501", given_name="Ander")
    response = _import(client, make.token(mentor), ROSTER + (
        f"500,Nieuw,Jansen,2011-03-25,{school.id},vmbo-k,false,Utrecht\n"
        f"501,Lotte,Bakker,2010-01-02,{school.id},havo,ja,  Den   Haag \n"))
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["created"] == 1 and body["updated"] == 1 and body["errors"] == []
    at_school = _students(school)
    assert at_school["500"].id == kept.id and at_school["500"].given_name == "Nieuw"
    assert at_school["500"].level == "vmbo-k" and at_school["500"].municipality == "Utrecht"
    assert at_school["501"].has_startkwalificatie is True
    assert at_school["501"].municipality == "Den Haag"
    assert at_school["501"].municipality_key == _students(school)["501"].municipality_key
    assert _students(other)["501"].given_name == "Ander"  # another school: untouched
    again = _import(client, make.token(mentor), ROSTER + (
        f"500,Nieuw,Jansen,2011-03-25,{school.id},vmbo-k,false,Utrecht\n")).get_json()
    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, 1)


def test_roster_dutch_columns_with_semicolons(client, make):
    school = make.school()
    coordinator = make.link(make.user("coordinator"), school)
    response = _import(client, make.token(coordinator), (
        "leerlingnummer;voornaam;achternaam;geboortedatum;school_id;niveau;startkwalificatie;"
        f"woonplaats\n700;Sem;de Wit;2012-07-08;{school.id};VWO;nee;Zeist\n"))
    assert response.status_code == 200, response.get_json()
    student = _students(school)["700"]
    assert (student.given_name, student.level, student.has_startkwalificatie,
            student.municipality) == ("Sem", "vwo", False, "Zeist")


def test_roster_with_one_bad_row_stores_nothing_and_names_every_bad_row(client, make):
    school, foreign = make.school(), make.school()
    mentor = make.link(make.user("professional"), school)
    response = _import(client, make.token(mentor), ROSTER + (
        f"800,Goed,Kind,2011-03-25,{school.id},havo,false,\n"
        f"801,Fout,Kind,25-03-2011,{school.id},havo,false,\n"
        f"802,Fout,Kind,2011-03-25,{foreign.id},havo,false,\n"
        f"803,Fout,Kind,2011-03-25,999999,havo,false,\n"
        f"804,Fout,Kind,2011-03-25,{school.id},groep8,false,\n"
        f"805,Fout,Kind,2011-03-25,{school.id},havo,misschien,\n"
        f"800,Dubbel,Kind,2011-03-25,{school.id},havo,false,\n"
        f"806,,Kind,2011-03-25,{school.id},havo,false,\n"
        f"807,Toekomst,Kind,2099-01-01,{school.id},havo,false,\n"))
    assert response.status_code == 422
    body = response.get_json()
    assert body["error"]["code"] == "validation_error"
    assert body["created"] == 0 and body["updated"] == 0
    assert [e["row"] for e in body["errors"]] == [3, 4, 5, 6, 7, 8, 9, 10]
    messages = {e["row"]: e["message"] for e in body["errors"]}
    # a school the caller is not linked to reads exactly like one that does not exist
    assert messages[4].replace(str(foreign.id), "N") == messages[5].replace("999999", "N")
    assert _students(school) == {}


def test_roster_header_problems_are_row_1(client, make):
    school = make.school()
    headers = make.token(make.link(make.user("professional"), school))
    for text in ("", "student_number,given_name\n1,A\n", "nummer,voornaam\n1,A\n",
                 ROSTER.strip() + ",leerlingnummer\n"
                 f"1,A,B,2011-01-01,{school.id},havo,false,,1\n"):
        response = _import(client, headers, text)
        assert response.status_code == 422, text
        assert response.get_json()["errors"][0]["row"] == 1


def test_roster_is_for_professionals_and_audited_once(client, make):
    school = make.school()
    mentor = make.link(make.user("professional"), school)
    for role in ("admin", "parent", "youth"):
        response = _import(client, make.token(make.user(role)), ROSTER)
        assert response.status_code == 403
    text = ROSTER + "".join(f"{n},A,B,2011-01-01,{school.id},havo,false,\n"
                            for n in range(900, 905))
    assert _import(client, make.token(mentor), text).status_code == 200
    events = db.session.scalars(db.select(AuditEvent).where(
        AuditEvent.action == "student.import")).all()
    assert len(events) == 1 and events[0].detail["created"] == 5
    assert events[0].detail["school_ids"] == [school.id]


def test_roster_batches_and_row_limit(client, make, app, monkeypatch):
    from coordination.students import importer

    monkeypatch.setattr(importer, "BATCH", 3)
    school = make.school()
    headers = make.token(make.link(make.user("professional"), school))
    text = ROSTER + "".join(f"{n},A,B,2011-01-01,{school.id},havo,false,\n"
                            for n in range(10))
    assert _import(client, headers, text).get_json()["created"] == 10
    app.config["STUDENT_IMPORT_MAX_ROWS"] = 5
    response = _import(client, headers, text.replace(",A,", ",C,"))
    assert response.status_code == 422
    assert response.get_json()["errors"][-1]["row"] == 7
    assert {s.given_name for s in _students(school).values()} == {"A"}


def test_roster_unreadable_bytes_are_row_errors(client, make):
    school = make.school()
    headers = make.token(make.link(make.user("professional"), school))
    response = client.post("/api/v1/students/import", headers=headers, data=(
        ROSTER.encode() + b"1,J\xe9r\xf4me,B,2011-01-01," + str(school.id).encode()
        + b",havo,false,\n"), content_type="text/csv")
    assert response.status_code == 422
    assert response.get_json()["errors"][0]["row"] == 2


def test_roster_row_messages_are_dutch_for_dutch_callers(client, make):
    school = make.school()
    headers = {**make.token(make.link(make.user("professional"), school)),
               "Accept-Language": "nl"}
    response = _import(client, headers, ROSTER + "1,A,B,2011-01-01,999999,havo,false,\n")
    assert response.get_json()["errors"][0]["message"] == "Onbekende school 999999."


# The worklist ---------------------------------------------------------------------------

ON = "2026-11-16"  # a Monday


def _worklist(client, headers, on=ON):
    response = client.get(f"/api/v1/worklist?on={on}", headers=headers)
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["next"] is None
    for item in body["items"]:
        assert set(item) == {"kind", "case_id", "student_id", "due_on", "title"}
    return body["items"]


def _kinds(items):
    return [(item["kind"], item["case_id"], item["due_on"]) for item in items]


def _plan(kind, case, user, day):
    from datetime import datetime, time

    from coordination.scheduler.models import ScheduledItem
    from coordination.timeutil import AMSTERDAM

    db.session.add(ScheduledItem(key=f"{kind}:{case.id}:{day}", kind=kind, case_id=case.id,
                                 user_id=user.id, payload={"step": "contact"},
                                 due_at=datetime.combine(date.fromisoformat(day), time(8),
                                                         tzinfo=AMSTERDAM)))
    db.session.commit()


def _contact(case, user, day, channel="phone"):
    from coordination.followup.models import ContactAttempt

    db.session.add(ContactAttempt(case_id=case.id, on=date.fromisoformat(day), channel=channel,
                                  reached=True, by_id=user.id))
    db.session.commit()


def test_worklist_lists_what_the_caller_has_to_do_by_due_day(client, make):
    from coordination.agreements.models import Agreement, Proposal

    coordinator, other = make.user("coordinator"), make.user("coordinator")
    overdue = make.case(coordinator, next_review_on=date(2026, 11, 10))
    soon = make.case(coordinator, next_review_on=date(2026, 11, 20), tier=2,
                     goal_due_on=date(2026, 11, 18), followup=True)
    later = make.case(coordinator, next_review_on=date(2026, 12, 20), tier=2,
                      goal_due_on=date(2026, 11, 18))
    goal = make.agreement(later, coordinator, due_date=date(2026, 12, 1))
    db.session.get(Agreement, goal.agreement_id).tier_goal = True
    db.session.commit()
    make.agreement(overdue, coordinator, due_date=date(2026, 11, 12))
    make.agreement(overdue, coordinator, due_date=date(2026, 11, 11), status="done")
    someone_elses = make.case(other, next_review_on=date(2026, 11, 1),
                              members=[(coordinator, "mentor")])
    make.agreement(someone_elses, other, owner=coordinator, due_date=date(2026, 11, 13))
    make.agreement(someone_elses, other, due_date=date(2026, 11, 13))  # not mine
    db.session.add(Proposal(case_id=overdue.id, author_id=make.user("youth").id, text="Later",
                            at=datetime(2026, 11, 14, 9, tzinfo=UTC)))
    db.session.commit()
    _plan("followup", soon, coordinator, "2026-11-17")
    _plan("next_visit", overdue, coordinator, "2026-11-18")
    _plan("next_visit", overdue, coordinator, "2026-12-18")  # not this week
    headers = make.token(coordinator)
    items = _worklist(client, headers)
    assert _kinds(items) == [
        ("review_overdue", overdue.id, "2026-11-10"),
        ("agreement_overdue", overdue.id, "2026-11-12"),
        ("agreement_overdue", someone_elses.id, "2026-11-13"),
        ("proposal_open", overdue.id, "2026-11-14"),
        ("followup_due", soon.id, "2026-11-17"),
        ("tier_goal_missing", soon.id, "2026-11-18"),
        ("visit_due", overdue.id, "2026-11-18"),
        ("review_due", soon.id, "2026-11-20"),
    ]
    assert items[0]["student_id"] == overdue.student_id
    assert overdue.student.full_name in items[0]["title"]
    # handled where it is handled, gone from the list
    _contact(soon, coordinator, "2026-11-17")
    _contact(overdue, coordinator, "2026-11-18", channel="home_visit")
    kinds = {kind for kind, _case, _day in _kinds(_worklist(client, headers))}
    assert "followup_due" not in kinds and "visit_due" not in kinds


def test_worklist_titles_are_dutch_for_dutch_callers(client, make):
    coordinator = make.user("coordinator")
    case = make.case(coordinator, next_review_on=date(2026, 11, 10))
    items = _worklist(client, {**make.token(coordinator), "Accept-Language": "nl"})
    assert items[0]["title"] == f"Evaluatie te laat: {case.student.full_name}"


def test_worklist_reports_due_only_for_those_who_report(client, make):
    from tests.web.test_api_attendance import csv_post

    school = make.school(region="midden")
    coordinator = make.user("coordinator", schools=[school])
    mentor = make.user("professional", schools=[school])
    student = make.student(school, student_number="77", dob=date(2012, 1, 1))
    case = make.case(coordinator, student, members=[(mentor, "mentor")])
    text = "student_number,date,start,end,kind\n" + "".join(
        f"77,2026-11-0{d},08:30,12:30,unauthorised\n" for d in range(2, 7))
    assert csv_post(client, make.token(coordinator), text).status_code == 200
    items = _worklist(client, make.token(coordinator), on="2026-11-06")
    assert ("report_due", case.id, "2026-11-12") in _kinds(items)
    assert _worklist(client, make.token(mentor), on="2026-11-06") == []


def test_worklist_access_and_bad_dates(client, make):
    for role in ("admin", "parent", "youth"):
        response = client.get("/api/v1/worklist", headers=make.token(make.user(role)))
        assert response.status_code == 403
    headers = make.token(make.user("attendance_officer"))
    assert client.get("/api/v1/worklist", headers=headers).status_code == 200
    for bad in ("16-11-2026", "2026-02-30", "1800-01-01", "x"):
        response = client.get(f"/api/v1/worklist?on={bad}", headers=headers)
        assert response.status_code == 422 and "on" in response.get_json()["error"]["fields"]
    assert client.get("/api/v1/worklist").status_code == 401


def _count_queries(app):
    from sqlalchemy import event

    statements = []
    with app.app_context():
        engine = db.engine
    def listener(*args):
        statements.append(args[2])

    event.listen(engine, "before_cursor_execute", listener)
    return statements, lambda: event.remove(engine, "before_cursor_execute", listener)


def test_worklist_costs_the_same_number_of_queries_for_10_and_200_cases(client, make, app):
    coordinator, school = make.user("coordinator"), make.school()
    headers = make.token(coordinator)

    parent = make.user("parent")

    def cases(n):
        from coordination.agreements.models import AgreementComment

        for _ in range(n):
            case = make.case(coordinator, make.student(school), next_review_on=date(2026, 11, 10), tier=2,
                             goal_due_on=date(2026, 11, 12), followup=True)
            revision = make.agreement(case, coordinator, due_date=date(2026, 11, 12))
            db.session.add(AgreementComment(agreement_id=revision.agreement_id,
                                            author_id=parent.id, text="Fine by us"))
            make.proposal(case, author=coordinator)
            _plan("followup", case, coordinator, "2026-11-13")
            _plan("next_visit", case, coordinator, "2026-11-14")

    counts = []
    for n in (10, 190):
        cases(n)
        statements, stop = _count_queries(app)
        items = _worklist(client, headers)
        stop()
        counts.append(len(statements))
        assert len(items) == 7 * (10 if n == 10 else 200)
    assert counts[0] == counts[1], "\n".join(statements[-40:])


def test_unknown_or_empty_query_parameters_are_422_not_ignored(client, make):
    headers = make.token(make.user("coordinator"))
    for url, field in (("/api/v1/students?numbr=1", "numbr"), ("/api/v1/worklist?on=", "on"),
                       ("/api/v1/worklist?day=2026-11-16", "day"),
                       ("/api/v1/attendance/reports-due?x=1", "x")):
        response = client.get(url, headers=headers)
        assert response.status_code == 422, url
        assert field in response.get_json()["error"]["fields"]
