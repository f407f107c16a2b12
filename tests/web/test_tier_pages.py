"""Tier, review and notifications through the pages."""
from datetime import datetime, timedelta

import sqlalchemy as sa

from coordination import jobs
from coordination.accounts.models import UserMunicipality, municipality_key
from coordination.extensions import db
from coordination.tiers.models import AwayPeriod, Review
from coordination.timeutil import AMSTERDAM, today_local


def test_the_coordinator_sets_a_tier_records_a_review_and_sees_the_escalation(app, client, make):
    coordinator, mentor = make.user("coordinator"), make.user("professional")
    case = make.case(coordinator, make.student(make.school(region="midden")), members=[(mentor, "mentor")])
    make.login(client, coordinator)
    client.post(f"/cases/{case.id}/tier", data={"tier": "3", "reason": "Weken thuis"})
    page = client.get(f"/cases/{case.id}").get_data(as_text=True)
    assert 'id="tier-title"' in page and "Weken thuis" in page
    bad = client.post(f"/cases/{case.id}/reviews", data={"outcome": "continue", "note": ""})
    assert bad.status_code == 422 and db.session.scalar(sa.select(sa.func.count(Review.id))) == 0
    client.post(f"/cases/{case.id}/reviews", data={"outcome": "continue", "note": "Gaat beter"})
    assert db.session.scalar(sa.select(sa.func.count(Review.id))) == 1
    db.session.expire_all()
    due = case.next_review_on
    moment = datetime.combine(due + timedelta(days=1), datetime.min.time(), tzinfo=AMSTERDAM) + timedelta(hours=8)
    assert jobs.tick(moment)["items"] == 1
    notifications = client.get("/notifications/").get_data(as_text=True)
    assert "niveau 3" in notifications
    assert 'class="count"' in notifications
    client.post("/notifications/read", data={})
    assert 'class="count"' not in client.get("/notifications/").get_data(as_text=True)
    mentor_view = make.login(app.test_client(), mentor).get("/notifications/").get_data(as_text=True)
    assert 'class="count"' in mentor_view


def test_marking_oneself_away_names_the_deputy_on_the_case(app, client, make):
    coordinator, deputy = make.user("coordinator"), make.user("coordinator", name="Dirk Deputy")
    case = make.case(coordinator)
    make.login(client, coordinator)
    today = today_local()
    client.post("/away", data={"first": today.isoformat(),
                               "last": (today + timedelta(days=5)).isoformat(),
                               "deputy_id": deputy.id})
    assert "Dirk Deputy" in client.get(f"/cases/{case.id}").get_data(as_text=True)


def test_the_away_page_lists_colleagues_and_takes_any_other_deputy_by_address(app, client,
                                                                              make):
    school, elsewhere = make.school(), make.school()
    coordinator = make.link(make.user("coordinator"), school)
    colleague = make.link(make.user("professional", name="Collega Hier"), school)
    officer = make.user("attendance_officer", name="Ambtenaar Hier", municipalities=["Ede"])
    coordinator.municipalities = [UserMunicipality(key=municipality_key("Ede"), name="Ede")]
    far = make.link(make.user("coordinator", name="Verre Collega"), elsewhere)
    make.link(make.user("professional", name="Oud Collega", active=False), school)
    db.session.commit()
    make.login(client, coordinator)
    page = client.get("/away").get_data(as_text=True)
    assert "Collega Hier" in page and "Ambtenaar Hier" in page
    assert "Verre Collega" not in page and "Oud Collega" not in page
    assert f'value="{colleague.id}"' in page and f'value="{officer.id}"' in page
    today = today_local()
    days = {"first": today.isoformat(), "last": (today + timedelta(days=5)).isoformat()}
    refused = client.post("/away", data={**days, "deputy_id": "",
                                         "professional_email": "nobody@test.regie.nl"})
    assert refused.status_code == 422
    assert "Er is geen professional met dit e-mailadres." in refused.get_data(as_text=True)
    assert client.post("/away", data={**days, "deputy_id": "",
                                      "professional_email": far.email}).status_code == 302
    assert db.session.scalar(sa.select(AwayPeriod.deputy_id)) == far.id


def test_a_user_chooses_the_daily_digest(app, client, make):
    user = make.user("coordinator")
    make.login(client, user)
    client.post("/notifications/digest", data={"digest": "1"})
    db.session.expire_all()
    assert user.digest
    client.post("/notifications/digest", data={"digest": "0"})
    db.session.expire_all()
    assert not user.digest


def test_the_bell_says_what_each_notification_is_about(app, client, make):
    from coordination.notifications.models import Notification
    user = make.user("coordinator")
    for kind, values in (("followup", {"step": "letter"}), ("home_visit", {}), ("unreachable", {})):
        db.session.add(Notification(user_id=user.id, kind=kind, values=values))
    db.session.commit()
    page = make.login(client, user).get("/notifications/").get_data(as_text=True)
    assert "Stuur de brief" in page and "huisbezoek" in page and "Drie keer" in page


def test_a_tier_2_case_without_a_review_date_does_not_say_tier_1(app, client, make):
    """Issue 11, finding 3: tier 2 and 3 cases showed 'geen (niveau 1)'."""
    coordinator = make.user("coordinator")
    tier2 = make.case(coordinator, tier=2)
    tier1 = make.case(coordinator)
    make.login(client, coordinator)
    page = client.get(f"/cases/{tier2.id}").get_data(as_text=True)
    assert "geen (niveau 1)" not in page and "nog niet gepland" in page
    assert "geen (niveau 1)" in client.get(f"/cases/{tier1.id}").get_data(as_text=True)
