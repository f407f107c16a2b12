"""The Wegwijzer for a school: started by its own staff, visible to them and to those
invited, scored by team members and by representatives through a one-time link, and the
report with groups under five hidden."""
import re

import pytest
import sqlalchemy as sa

from coordination.extensions import db
from coordination.mail.models import OutboxMessage
from coordination.rules.wegwijzer import DOMAINS
from coordination.wegwijzer import scoring, services
from coordination.wegwijzer.models import Participant, Score, Trajectory


@pytest.fixture
def school(app, make):
    school = make.school(name="Het Baken")
    care = make.link(make.user("coordinator", name="Zorgcoördinator"), school)
    colleague = make.link(make.user("professional", name="Mentor"), school)
    return {"school": school, "care": care, "colleague": colleague,
            "elsewhere": make.link(make.user("professional"), make.school())}


def all_scores(value):
    return {**{f"score_{d}": str(value) for d in DOMAINS}}


def test_staff_start_a_trajectory_and_take_part(app, make, school):
    client = make.logged_in(app, school["care"])
    response = client.post("/wegwijzer", data={"school_id": school["school"].id,
                                               "title": "Wegwijzer 2026"})
    assert response.status_code == 302
    trajectory = db.session.scalar(sa.select(Trajectory))
    assert trajectory.school_id == school["school"].id
    assert [p.user_id for p in trajectory.participants] == [school["care"].id]


def test_a_school_one_is_not_linked_to_is_refused_in_dutch(app, make, school):
    client = make.logged_in(app, school["elsewhere"])
    response = client.post("/wegwijzer", data={"school_id": school["school"].id,
                                               "title": "Wegwijzer"})
    assert response.status_code == 422
    assert "Kies een van je scholen." in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(Trajectory.id))) == 0


def test_only_the_schools_staff_and_invited_see_a_trajectory(app, make, school):
    trajectory = services.start(school["care"], school["school"].id, "Wegwijzer")
    outsider = make.user("professional")
    assert make.logged_in(app, school["colleague"]).get(
        f"/wegwijzer/{trajectory.id}").status_code == 200
    assert make.logged_in(app, school["elsewhere"]).get(
        f"/wegwijzer/{trajectory.id}").status_code == 404
    services.invite_member(school["care"], trajectory.id, school["colleague"].id)
    assert make.logged_in(app, outsider).get(f"/wegwijzer/{trajectory.id}").status_code == 404


def test_a_representative_scores_once_through_the_link(app, make, school):
    trajectory = services.start(school["care"], school["school"].id, "Wegwijzer")
    make.logged_in(app, school["care"]).post(
        f"/wegwijzer/{trajectory.id}/representatives",
        data={"group": "parents", "name": "Ouderraad", "email": "ouder@example.nl"})
    mail = db.session.scalar(sa.select(OutboxMessage))
    token = re.search(r"/wegwijzer/link/([\w-]+)", mail.body_text).group(1)
    visitor = app.test_client()
    assert visitor.get(f"/wegwijzer/link/{token}").status_code == 302
    page = visitor.get("/wegwijzer/score")
    assert page.status_code == 200 and "Als het goed gaat" in page.get_data(as_text=True)
    incomplete = visitor.post("/wegwijzer/score", data={"score_school_climate": "7"})
    assert incomplete.status_code == 422
    assert "Geef een cijfer van 1 tot en met 10." in incomplete.get_data(as_text=True)
    assert visitor.post("/wegwijzer/score", data=all_scores(6)).status_code == 200
    assert db.session.scalar(sa.select(sa.func.count(Score.id))) == len(DOMAINS)
    assert app.test_client().get(f"/wegwijzer/link/{token}").status_code == 404


def test_the_report_hides_a_group_under_five_and_shows_one_of_five(app, make, school):
    trajectory = services.start(school["care"], school["school"].id, "Wegwijzer")
    for n in range(5):
        member = make.link(make.user("professional"), school["school"])
        services.invite_member(school["care"], trajectory.id, member.id)
        scoring.score_as_member(member, trajectory.id, {d: (n + 4, None) for d in DOMAINS})
    for n in range(2):
        scoring.invite_representative(school["care"], trajectory.id, "students", f"L{n}",
                                       f"l{n}@example.nl")
    for participant in db.session.scalars(sa.select(Participant).where(
            Participant.group == "students")):
        db.session.add_all([Score(participant_id=participant.id, domain=d, score=1)
                            for d in DOMAINS])
    db.session.commit()
    body = make.logged_in(app, school["care"]).get(
        f"/wegwijzer/{trajectory.id}").get_data(as_text=True)
    assert "<svg" in body and "6.0 (4-8), n=5" in body
    assert body.count("&lt; 5") >= len(DOMAINS)


def test_a_colleague_invited_but_not_staff_cannot_choose(app, make, school):
    trajectory = services.start(school["care"], school["school"].id, "Wegwijzer")
    guest = make.user("attendance_officer")
    db.session.add(Participant(trajectory_id=trajectory.id, group="team", user_id=guest.id,
                               round_id=services.current_round(trajectory).id,
                               invited_by_id=school["care"].id))
    db.session.commit()
    client = make.logged_in(app, guest)
    assert client.get(f"/wegwijzer/{trajectory.id}").status_code == 200
    assert client.post(f"/wegwijzer/{trajectory.id}/choices",
                       data={"domains": ["school_climate"]}).status_code == 403


def test_staff_choose_about_three_domains(app, make, school):
    trajectory = services.start(school["care"], school["school"].id, "Wegwijzer")
    client = make.logged_in(app, school["care"])
    too_many = client.post(f"/wegwijzer/{trajectory.id}/choices",
                           data={"domains": list(DOMAINS[:5])})
    assert too_many.status_code == 422
    assert "Kies hoogstens 4 domeinen" in too_many.get_data(as_text=True)
    assert client.post(f"/wegwijzer/{trajectory.id}/choices",
                       data={"domains": list(DOMAINS[:3])}).status_code == 302
    assert services.report(school["care"], trajectory.id)["chosen"] == list(DOMAINS[:3])
