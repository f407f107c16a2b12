"""The Wegwijzer plan on its pages: the school's staff add interventions, goals and actions
per chosen domain and change them (history kept); the action reaches its owner's worklist
page; nobody outside the school sees it, and representatives never do."""
import re
from datetime import timedelta

import pytest
import sqlalchemy as sa

from coordination.extensions import db
from coordination.mail.models import OutboxMessage
from coordination.timeutil import today_local
from coordination.wegwijzer import plan, services
from coordination.wegwijzer.plan_models import Intervention, PlanItem, PlanRevision


@pytest.fixture
def school(app, make):
    school = make.school(name="Het Baken")
    care = make.link(make.user("coordinator", name="Zorgcoördinator"), school)
    mentor = make.link(make.user("professional", name="Mentor Jansen"), school)
    trajectory = services.start(care, school.id, "Wegwijzer 2026")
    services.choose(care, trajectory.id, ["classmates"])
    return {"school": school, "care": care, "mentor": mentor, "id": trajectory.id}


def text(response):
    return response.get_data(as_text=True)


def test_staff_add_an_intervention_with_its_recognition_level(app, make, school):
    client = make.logged_in(app, school["care"])
    url = f"/wegwijzer/{school['id']}/domains/classmates/interventions/new"
    page = client.get(url)
    assert page.status_code == 200 and "Goed onderbouwd" in text(page)
    response = client.post(url, data={"name": "Kanjertraining", "recognition": "well_founded",
                                      "note": "Past bij onze brugklassen"})
    assert response.status_code == 302 and response.location.endswith("#plan-classmates")
    shown = text(client.get(f"/wegwijzer/{school['id']}"))
    assert "Kanjertraining" in shown and "Goed onderbouwd" in shown


def test_a_missing_name_shows_the_form_again_with_the_error_in_dutch(app, make, school):
    client = make.logged_in(app, school["care"])
    response = client.post(f"/wegwijzer/{school['id']}/domains/classmates/interventions/new",
                           data={"name": "", "recognition": "effective"})
    assert response.status_code == 422
    body = text(response)
    assert "Schrijf de naam van de interventie op." in body
    assert 'href="#name"' in body and 'aria-invalid="true"' in body
    assert db.session.scalar(sa.select(sa.func.count(Intervention.id))) == 0


def test_withdrawing_an_intervention_keeps_it_struck_through(app, make, school):
    row = plan.add_intervention(school["care"], school["id"], "classmates", "Rots en Water",
                                "effective")
    client = make.logged_in(app, school["care"])
    url = f"/wegwijzer/{school['id']}/interventions/{row.id}/withdraw"
    assert client.get(url).status_code == 200
    assert client.post(url, data={"reason": "Te duur"}).status_code == 302
    shown = text(client.get(f"/wegwijzer/{school['id']}"))
    assert "<del>Rots en Water</del>" in shown and "Te duur" in shown


def test_a_goal_and_an_action_reach_the_owners_worklist(app, make, school):
    client = make.logged_in(app, school["care"])
    assert client.post(f"/wegwijzer/{school['id']}/domains/classmates/goals/new", data={
        "text": "Niemand hoort er niet bij", "owner_user_id": school["care"].id,
        "due_date": ""}).status_code == 302
    goal = db.session.scalar(sa.select(PlanItem).where(PlanItem.kind == "goal"))
    due = today_local() + timedelta(days=2)
    assert client.post(f"/wegwijzer/{school['id']}/goals/{goal.id}/actions/new", data={
        "text": "Mentoren trainen", "owner_user_id": school["mentor"].id,
        "due_date": due.isoformat()}).status_code == 302
    action = db.session.scalar(sa.select(PlanItem).where(PlanItem.kind == "action"))
    shown = text(client.get(f"/wegwijzer/{school['id']}"))
    assert "Niemand hoort er niet bij" in shown and "Mentoren trainen" in shown
    worklist = text(make.logged_in(app, school["mentor"]).get("/worklist"))
    assert "Mentoren trainen" in worklist
    assert f"/wegwijzer/{school['id']}/plan/{action.id}" in worklist


def test_an_action_without_a_date_or_owner_is_refused(app, make, school):
    goal = plan.add_goal(school["care"], school["id"], "classmates", "Doel",
                         school["care"].id)
    client = make.logged_in(app, school["care"])
    url = f"/wegwijzer/{school['id']}/goals/{goal.item_id}/actions/new"
    no_owner = client.post(url, data={"text": "Iets doen", "owner_user_id": "",
                                      "due_date": today_local().isoformat()})
    assert no_owner.status_code == 422 and "Kies wie het doet." in text(no_owner)
    no_date = client.post(url, data={"text": "Iets doen", "owner_user_id": school["care"].id,
                                     "due_date": ""})
    assert no_date.status_code == 422
    assert "Geef de datum waarop het klaar is." in text(no_date)
    assert db.session.scalar(sa.select(sa.func.count(PlanItem.id))) == 1


def test_a_change_is_a_new_revision_shown_as_history(app, make, school):
    goal = plan.add_goal(school["care"], school["id"], "classmates", "Doel",
                         school["care"].id)
    first = plan.add_action(school["care"], school["id"], goal.item_id, "Mentoren trainen",
                            school["mentor"].id, today_local() + timedelta(days=2))
    client = make.logged_in(app, school["care"])
    url = f"/wegwijzer/{school['id']}/plan/{first.item_id}"
    page = client.get(url)
    assert page.status_code == 200 and "Mentoren trainen" in text(page)
    unchanged = {"text": "Mentoren trainen", "owner_user_id": school["mentor"].id,
                 "due_date": first.due_date.isoformat(), "status": "open"}
    refused = client.post(url, data={**unchanged, "reason": ""})
    assert refused.status_code == 422 and "Schrijf op waarom het verandert." in text(refused)
    assert client.post(url, data={**unchanged, "status": "done",
                                  "reason": "Training gegeven"}).status_code == 302
    numbers = db.session.scalars(sa.select(PlanRevision.number).where(
        PlanRevision.item_id == first.item_id)).all()
    assert sorted(numbers) == [1, 2]
    shown = text(client.get(f"/wegwijzer/{school['id']}"))
    assert "Geschiedenis: 1 keer gewijzigd" in shown and "Training gegeven" in shown
    assert "Mentoren trainen" not in text(make.logged_in(app, school["mentor"]).get(
        "/worklist"))


def test_another_schools_staff_get_not_found(app, make, school):
    goal = plan.add_goal(school["care"], school["id"], "classmates", "Doel",
                         school["care"].id)
    outsider = make.logged_in(app, make.link(make.user("coordinator"), make.school()))
    for url in (f"/wegwijzer/{school['id']}",
                f"/wegwijzer/{school['id']}/domains/classmates/goals/new",
                f"/wegwijzer/{school['id']}/plan/{goal.item_id}"):
        assert outsider.get(url).status_code == 404
    assert outsider.post(f"/wegwijzer/{school['id']}/domains/classmates/goals/new", data={
        "text": "X", "owner_user_id": school["care"].id}).status_code == 404


def test_a_domain_not_chosen_has_no_plan_form(app, make, school):
    client = make.logged_in(app, school["care"])
    assert client.get(
        f"/wegwijzer/{school['id']}/domains/home_situation/goals/new").status_code == 404
    assert client.get(
        f"/wegwijzer/{school['id']}/domains/nonsense/interventions/new").status_code == 404


def test_a_representative_never_sees_the_plan(app, make, school):
    plan.add_goal(school["care"], school["id"], "classmates", "Geheim doel van het team",
                  school["care"].id)
    make.logged_in(app, school["care"]).post(
        f"/wegwijzer/{school['id']}/representatives",
        data={"group": "students", "name": "Leerlingenraad", "email": "lr@example.nl"})
    mail = db.session.scalar(sa.select(OutboxMessage))
    token = re.search(r"/wegwijzer/link/([\w-]+)", mail.body_text).group(1)
    visitor = app.test_client()
    assert visitor.get(f"/wegwijzer/link/{token}").status_code == 302
    score_page = visitor.get("/wegwijzer/score")
    assert score_page.status_code == 200
    assert "Geheim doel van het team" not in text(score_page)
    for url in (f"/wegwijzer/{school['id']}",
                f"/wegwijzer/{school['id']}/domains/classmates/goals/new"):
        response = visitor.get(url)
        assert response.status_code == 302 and "/login" in response.location


def test_an_invited_colleague_sees_the_plan_without_the_forms(app, make, school):
    plan.add_goal(school["care"], school["id"], "classmates", "Iedereen hoort erbij",
                  school["care"].id)
    invited = make.link(make.user("professional"), school["school"])
    services.invite_member(school["care"], school["id"], invited.id)
    invited.schools.clear()
    db.session.commit()
    client = make.logged_in(app, invited)
    shown = text(client.get(f"/wegwijzer/{school['id']}"))
    assert "Iedereen hoort erbij" in shown and "Doel toevoegen" not in shown
    assert client.get(
        f"/wegwijzer/{school['id']}/domains/classmates/goals/new").status_code == 403
