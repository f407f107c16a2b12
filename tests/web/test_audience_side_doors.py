"""Issue 9, side doors 5 and 6: a youth's comment never widens to the parents, and the
16-year line holds for home-visit summaries as it does for agreements."""
from datetime import timedelta

import sqlalchemy as sa

from coordination.extensions import db
from coordination.timeutil import today_local
from coordination.visits.models import HomeVisit


def born_years_ago(years):
    return today_local() - timedelta(days=int(365.25 * years) + 10)


def test_a_youth_comment_stays_hidden_from_parents_when_the_agreement_widens(app, client, make):
    coordinator, parent, youth = make.user("coordinator"), make.user("parent"), make.user("youth")
    case = make.case(coordinator, make.student(dob=born_years_ago(17)),
                     members=[(parent, "parent"), (youth, "youth")])
    revision = make.agreement(case, coordinator, visibility="team_youth", owner=youth)
    base = f"/cases/{case.id}/agreements/{revision.agreement_id}"
    young = make.login(app.test_client(), youth)
    assert young.post(f"{base}/comments", data={"text": "Alleen voor de mentor bedoeld"}
                      ).status_code == 302
    young.post(f"{base}/read")
    headers = make.token(coordinator)
    widened = client.patch(f"/api/v1/cases/{case.id}/agreements/{revision.agreement_id}",
                           headers=headers, json={"visibility": "everyone", "reason": "delen"})
    assert widened.status_code == 200
    page = make.login(app.test_client(), parent).get(f"/cases/{case.id}").get_data(as_text=True)
    assert revision.text in page  # the parent sees the agreement now ...
    assert "Alleen voor de mentor bedoeld" not in page  # ... but not the youth's earlier view
    # The youth and the team still see the comment.
    assert "Alleen voor de mentor bedoeld" in young.get(f"/cases/{case.id}").get_data(as_text=True)


def test_a_home_visit_summary_for_a_14_year_old_cannot_be_kept_from_the_parents(client, make):
    officer = make.user("attendance_officer")
    case = make.case(make.user("coordinator"), make.student(dob=born_years_ago(14)),
                     members=[(officer, "attendance_officer")])
    answer = client.post(f"/api/v1/cases/{case.id}/home-visits", headers=make.token(officer),
                         json={"visited_on": today_local().isoformat(), "outcome": "met_youth",
                               "summary": "Gesprek met Sam", "visibility": "team_youth"})
    assert answer.status_code == 422
    message = answer.get_json()["error"]["fields"]["visibility"][0]
    assert "16" in message and "ouders" in message  # Dutch, and says why
    assert db.session.scalar(sa.select(sa.func.count(HomeVisit.id))) == 0


def test_a_home_visit_summary_for_a_16_year_old_may_be_kept_from_the_parents(client, make):
    officer = make.user("attendance_officer")
    case = make.case(make.user("coordinator"), make.student(dob=born_years_ago(16)),
                     members=[(officer, "attendance_officer")])
    url = f"/api/v1/cases/{case.id}/home-visits"
    headers = make.token(officer)
    base = {"visited_on": today_local().isoformat(), "outcome": "met_youth", "summary": "Goed"}
    kept = client.post(url, headers=headers, json={**base, "visibility": "team_youth"})
    assert kept.status_code == 201 and kept.get_json()["visibility"] == "team_youth"
    default = client.post(url, headers=headers, json=base)
    assert default.status_code == 201 and default.get_json()["visibility"] == "team"
    wrong = client.post(url, headers=headers, json={**base, "visibility": "parents"})
    assert wrong.status_code == 422 and "visibility" in wrong.get_json()["error"]["fields"]
