"""The Wegwijzer's stages on the trajectory page, starting a new round, and the comparison
page: visible to the school's own staff and those invited, 404 for another school's."""
import re

import pytest
import sqlalchemy as sa

from coordination.extensions import db
from coordination.rules.wegwijzer import DOMAINS
from coordination.wegwijzer import rounds, scoring, services
from coordination.wegwijzer.models import Participant, Round


@pytest.fixture
def school(app, make):
    school = make.school(name="Het Baken")
    care = make.link(make.user("coordinator", name="Zorgcoördinator"), school)
    trajectory = services.start(care, school.id, "Wegwijzer 2026")
    return {"school": school, "care": care, "trajectory": trajectory,
            "elsewhere": make.link(make.user("coordinator"), make.school())}


def answers(score):
    return {d: (score, None) for d in DOMAINS}


def current_step(body):
    return re.search(r'aria-current="step">\s*<span class="stages__name">([^<]+)<', body).group(1)


def test_the_page_marks_the_current_step_of_the_manual_in_an_ordered_list(app, make, school):
    client = make.logged_in(app, school["care"])
    body = client.get(f"/wegwijzer/{school['trajectory'].id}").get_data(as_text=True)
    assert '<ol class="stages">' in body and body.count('aria-current="step"') == 1
    assert current_step(body) == "Stel een kernteam samen"
    scoring.score_as_member(school["care"], school["trajectory"].id, answers(6))
    body = client.get(f"/wegwijzer/{school['trajectory'].id}").get_data(as_text=True)
    assert current_step(body).startswith("Herijk of ontwikkel een visie")


def test_a_new_round_before_any_score_is_refused_in_dutch(app, make, school):
    client = make.logged_in(app, school["care"])
    response = client.post(f"/wegwijzer/{school['trajectory'].id}/rounds")
    assert response.status_code == 422
    assert "Begin een nieuwe ronde als er in deze ronde cijfers zijn gegeven." in (
        response.get_data(as_text=True))
    assert db.session.scalar(sa.select(sa.func.count(Round.id))) == 1


def test_staff_start_round_two_with_a_warning_that_a_year_has_not_passed(app, make, school):
    scoring.score_as_member(school["care"], school["trajectory"].id, answers(6))
    client = make.logged_in(app, school["care"])
    page = client.get(f"/wegwijzer/{school['trajectory'].id}").get_data(as_text=True)
    assert "Begin ronde 2" in page and "dagen geleden" in page
    response = client.post(f"/wegwijzer/{school['trajectory'].id}/rounds",
                           follow_redirects=True)
    body = response.get_data(as_text=True)
    assert response.status_code == 200 and "Ronde 2 is begonnen." in body
    assert "minder dan een jaar geleden" in body
    assert "Vergelijk ronde 1 met ronde 2" in body
    assert current_step(body) == "Breng de huidige situatie in kaart"


def test_another_schools_staff_get_404_and_an_invited_guest_403(app, make, school):
    scoring.score_as_member(school["care"], school["trajectory"].id, answers(6))
    guest = make.user("attendance_officer")
    db.session.add(Participant(trajectory_id=school["trajectory"].id, group="team",
                               user_id=guest.id, invited_by_id=school["care"].id,
                               round_id=services.current_round(school["trajectory"]).id))
    db.session.commit()
    path = f"/wegwijzer/{school['trajectory'].id}"
    outsider = make.logged_in(app, school["elsewhere"])
    assert outsider.post(f"{path}/rounds").status_code == 404
    assert outsider.get(f"{path}/comparison").status_code == 404
    invited = make.logged_in(app, guest)
    assert invited.post(f"{path}/rounds").status_code == 403
    assert invited.get(f"{path}/comparison").status_code == 200
    assert db.session.scalar(sa.select(sa.func.count(Round.id))) == 1


def test_the_comparison_shows_both_rounds_with_groups_under_five_hidden(app, make, school):
    trajectory = school["trajectory"]
    client = make.logged_in(app, school["care"])
    one = client.get(f"/wegwijzer/{trajectory.id}/comparison").get_data(as_text=True)
    assert "Er is nog maar één ronde." in one and "<svg" not in one
    members = [make.link(make.user("professional"), school["school"]) for _ in range(4)]
    for member in members:
        services.invite_member(school["care"], trajectory.id, member.id)
    for member in [school["care"], *members]:
        scoring.score_as_member(member, trajectory.id, answers(5))
    rounds.start_round(school["care"], trajectory.id)
    for member in [school["care"], *members]:
        scoring.score_as_member(member, trajectory.id, answers(7))
    body = client.get(f"/wegwijzer/{trajectory.id}/comparison").get_data(as_text=True)
    assert "<svg" in body and "De tabel hieronder geeft de getallen." in body
    assert "5.0 (5-5), n=5" in body and "7.0 (7-7), n=5" in body and "+2.0" in body
    assert body.count("&lt; 5") >= 2 * 2 * len(DOMAINS)  # students and parents, both rounds
    assert '<th scope="rowgroup"' in body
