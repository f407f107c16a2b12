"""The case page says what is next (issue 11, finding 2), is assembled by one service
(issue 15), and new views from the family reach the worklist until the page is read."""
from datetime import date, timedelta

import sqlalchemy as sa

from coordination.attendance.models import DuoReport
from coordination.audit.models import AuditEvent
from coordination.extensions import db
from coordination.timeutil import today_local

NL = {"Accept-Language": "nl"}


def _case_reads(case, user):
    return db.session.scalar(sa.select(sa.func.count(AuditEvent.id)).where(
        AuditEvent.action == "case.read", AuditEvent.case_id == case.id,
        AuditEvent.actor_id == user.id))


def _sixteen_hours(client, make, coordinator):
    """A student with 20 unauthorised hours in the last school week: a DUO report due."""
    from tests.web.test_api_attendance import csv_post

    school = make.school(region="midden")
    make.link(coordinator, school)
    student = make.student(school, student_number="77", dob=date(2012, 1, 1))
    today = today_local()
    monday = today - timedelta(days=today.weekday() + 7)
    text = "student_number,date,start,end,kind\n" + "".join(
        f"77,{monday + timedelta(days=d)},08:30,12:30,unauthorised\n" for d in range(5))
    assert csv_post(client, make.token(coordinator), text).status_code == 200
    return student


def test_the_case_page_starts_with_the_next_things_to_do(client, make):
    coordinator = make.user("coordinator")
    today = today_local()
    case = make.case(coordinator, next_review_on=today - timedelta(days=2))
    make.agreement(case, coordinator, text="Call the mentor", due_date=today - timedelta(days=1))
    make.login(client, coordinator)
    page = client.get(f"/cases/{case.id}", headers=NL).get_data(as_text=True)
    assert "Hierna te doen" in page
    header = page[page.index('id="next-title"'):page.index('id="attendance-summary-title"')
                  if 'id="attendance-summary-title"' in page else page.index('id="agreements-title"')]
    assert f"Evaluatie te laat: {case.student.full_name}" in header
    assert 'href="#tier-title"' in header and 'href="#agreements-title"' in header
    # the sections in order of daily use: next, agreements, visits, notes, tier, team, history
    order = [page.index(f'id="{anchor}"') for anchor in (
        "next-title", "agreements-title", "visits-title", "notes-title", "tier-title",
        "team-title", "history-title")]
    assert order == sorted(order)


def test_the_duo_report_is_recorded_from_the_case_page(client, make):
    coordinator = make.user("coordinator")
    student = _sixteen_hours(client, make, coordinator)
    mentor = make.user("professional", schools=[student.school])
    case = make.case(coordinator, student, members=[(mentor, "mentor")])
    make.login(client, coordinator)
    page = client.get(f"/cases/{case.id}", headers=NL).get_data(as_text=True)
    header = page[page.index('id="next-title"'):page.index('id="agreements-title"')]
    assert "Melding bij DUO vastleggen" in header and 'name="back_to_case"' in header
    # the signal itself points to the action
    signals = page[page.index('id="attendance-summary-title"'):page.index('id="agreements-title"')]
    assert 'href="#next-title"' in signals
    report = {"student_id": student.id, "code": "duo_16h_4w", "reference": "VL-123",
              "reported_on": today_local().isoformat(), "back_to_case": case.id}
    start, end = (header.split(f'name="{name}" value="')[1].split('"')[0]
                  for name in ("start", "end"))
    response = client.post("/attendance/reports", data={**report, "start": start, "end": end})
    assert response.status_code == 302
    assert response.headers["Location"] == f"/cases/{case.id}#next-title"
    assert db.session.scalar(sa.select(DuoReport.reference)) == "VL-123"
    page = client.get(f"/cases/{case.id}", headers=NL).get_data(as_text=True)
    assert "Melding bij DUO vastleggen" not in page
    # a professional who does not report to DUO gets no report form
    make.login(client, mentor)
    assert 'name="back_to_case"' not in client.get(f"/cases/{case.id}").get_data(as_text=True)


def test_a_failed_hand_over_or_new_member_re_renders_without_a_second_read(client, make):
    coordinator = make.user("coordinator")
    case = make.case(coordinator)
    make.login(client, coordinator)
    client.get(f"/cases/{case.id}")
    assert _case_reads(case, coordinator) == 1
    failed = client.post(f"/cases/{case.id}/coordinator", data={"user_id": "", "reason": ""})
    assert failed.status_code == 422 and 'id="next-title"' in failed.get_data(as_text=True)
    failed = client.post(f"/cases/{case.id}/members", data={"user_id": "", "role": "mentor"})
    assert failed.status_code == 422
    assert _case_reads(case, coordinator) == 1


def test_new_views_of_the_family_are_on_the_worklist_until_the_case_page_is_opened(
        client, make):
    from coordination.agreements import voices

    coordinator, parent = make.user("coordinator"), make.user("parent")
    mentor = make.user("professional")
    case = make.case(coordinator, members=[(parent, "parent"), (mentor, "mentor")])
    revision = make.agreement(case, coordinator)
    headers = make.token(coordinator)

    def kinds():
        items = client.get("/api/v1/worklist", headers=headers).get_json()["items"]
        return [(item["kind"], item["case_id"]) for item in items]

    voices.add_comment(mentor, case.id, revision.agreement_id, "I will call")
    assert ("comment_new", case.id) not in kinds()  # professionals' views are not news
    voices.add_comment(parent, case.id, revision.agreement_id, "This works for us")
    assert ("comment_new", case.id) in kinds()
    make.login(client, coordinator)
    client.get(f"/cases/{case.id}")
    assert ("comment_new", case.id) not in kinds()


def test_an_attendance_officer_reaches_the_pre_visit_card_from_the_case_list(client, make):
    coordinator, officer = make.user("coordinator"), make.user("attendance_officer")
    case = make.case(coordinator, members=[(officer, "attendance_officer")])
    make.login(client, officer)
    cases = client.get("/cases/").get_data(as_text=True)
    assert f'href="/cases/{case.id}/pre-visit"' in cases
    assert client.get(f"/cases/{case.id}/pre-visit").status_code == 200
    make.login(client, coordinator)
    assert "/pre-visit" not in client.get("/cases/").get_data(as_text=True)


def test_the_next_items_from_the_case_page_s_own_reads_are_the_worklist_s(app, make):
    """The case page hands the worklist what it read already (issue 12): the same items."""
    from coordination.agreements import proposals
    from coordination.agreements import services as agreements
    from coordination.agreements.models import Proposal, ProposalAnswer
    from coordination.tiers import services as tiers
    from coordination.worklist import services as worklist

    coordinator, mentor = make.user("coordinator"), make.user("professional")
    youth = make.user("youth")
    today = today_local()
    past = today - timedelta(days=3)
    case = make.case(coordinator, members=[(mentor, "mentor"), (youth, "youth")])
    make.agreement(case, coordinator, text="Mine, overdue", due_date=past)
    make.agreement(case, coordinator, text="The mentor's, overdue", owner=mentor,
                   due_date=past, visibility="team")
    make.agreement(case, coordinator, text="Done", due_date=past, status="done")
    make.agreement(case, coordinator, text="No date")
    make.agreement(case, mentor, text="Later", due_date=today + timedelta(days=3))
    waiting, answered = (Proposal(case_id=case.id, author_id=youth.id, text=t)
                         for t in ("Waiting", "Answered"))
    db.session.add_all([waiting, answered])
    db.session.flush()
    db.session.add(ProposalAnswer(proposal_id=answered.id, by_id=coordinator.id,
                                  accepted=False, text="No"))
    db.session.commit()
    for actor in (coordinator, mentor):
        plain = worklist.for_case(actor, case, today)
        known = worklist.for_case(actor, case, today, tiers.has_tier_goal(case),
                                  agreements.current_for(actor, case),
                                  proposals.for_case(actor, case))
        assert known == plain
    kinds = sorted(item.kind for item in worklist.for_case(coordinator, case, today))
    assert kinds == ["agreement_overdue", "agreement_overdue", "proposal_open"]
    assert [i.kind for i in worklist.for_case(mentor, case, today)] == ["agreement_overdue"]
