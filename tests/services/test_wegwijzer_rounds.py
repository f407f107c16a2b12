"""Wegwijzer rounds against the database: a new round only after scores, team members
take part again, representatives anew, scores stay with their round, the comparison."""
from datetime import timedelta

import pytest
import sqlalchemy as sa

from coordination.database import RowIsImmutable
from coordination.errors import Conflict, Forbidden, NotFound
from coordination.extensions import db
from coordination.rules.wegwijzer import DOMAINS
from coordination.timeutil import utcnow
from coordination.wegwijzer import rounds, scoring, services
from coordination.wegwijzer.models import Participant, Round, Score, Trajectory


@pytest.fixture
def setting(app, make):
    return make.wegwijzer_started()


def answers(score):
    return {d: (score, None) for d in DOMAINS}


def token_of(link):
    return link.rsplit("/", 1)[1]


def team_of_five(setting, make, score):
    members = [make.link(make.user("professional"), setting["school"]) for _ in range(4)]
    for member in members:
        services.invite_member(setting["care"], setting["trajectory"].id, member.id)
    for member in [setting["care"], *members]:
        scoring.score_as_member(member, setting["trajectory"].id, answers(score))
    return members


def test_a_new_round_waits_for_scores_in_the_current_one(setting):
    with pytest.raises(Conflict):
        rounds.start_round(setting["care"], setting["trajectory"].id)
    assert db.session.scalar(sa.select(sa.func.count(Round.id))) == 1


def test_only_the_schools_staff_start_a_round(setting, make):
    scoring.score_as_member(setting["care"], setting["trajectory"].id, answers(6))
    guest = make.user("attendance_officer")
    db.session.add(Participant(trajectory_id=setting["trajectory"].id, group="team",
                               user_id=guest.id, invited_by_id=setting["care"].id,
                               round_id=services.current_round(setting["trajectory"]).id))
    db.session.commit()
    with pytest.raises(Forbidden):
        rounds.start_round(guest, setting["trajectory"].id)
    with pytest.raises(NotFound):
        rounds.start_round(make.link(make.user("coordinator"), make.school()),
                           setting["trajectory"].id)


def test_the_team_takes_part_again_and_representatives_are_invited_anew(setting, make):
    members = team_of_five(setting, make, 6)
    moved = members[0]
    moved.schools.clear()
    db.session.commit()
    scoring.invite_representative(setting["care"], setting["trajectory"].id, "parents",
                                   "Ouderraad", "ouders@example.nl")
    new, too_soon = rounds.start_round(setting["care"], setting["trajectory"].id)
    assert (new.number, too_soon) == (2, True)
    again = db.session.scalars(sa.select(Participant).where(
        Participant.round_id == new.id)).all()
    assert {p.user_id for p in again} == {setting["care"].id, *[m.id for m in members[1:]]}
    assert all(p.group == "team" and p.scored_at is None for p in again)


def test_a_member_scores_again_in_the_new_round_and_the_old_scores_stay(setting, make):
    team_of_five(setting, make, 4)
    new, _ = rounds.start_round(setting["care"], setting["trajectory"].id)
    scoring.score_as_member(setting["care"], setting["trajectory"].id, answers(9))
    with pytest.raises(Conflict):
        scoring.score_as_member(setting["care"], setting["trajectory"].id, answers(9))
    first = db.session.scalar(sa.select(Round).where(Round.number == 1))
    old = db.session.scalars(sa.select(Score.score).join(Participant).where(
        Participant.round_id == first.id)).all()
    assert len(old) == 5 * len(DOMAINS) and set(old) == {4}
    report = services.report(setting["care"], setting["trajectory"].id)
    assert report["round"].id == new.id
    assert report["scored"]["team"] == 1 and report["invited"]["team"] == 5


def test_an_unused_link_of_the_previous_round_stops_working(setting):
    link = scoring.invite_representative(setting["care"], setting["trajectory"].id,
                                          "students", "Leerlingenraad", "raad@example.nl")
    scoring.score_as_member(setting["care"], setting["trajectory"].id, answers(6))
    rounds.start_round(setting["care"], setting["trajectory"].id)
    with pytest.raises(NotFound):
        scoring.score_with_link(token_of(link), answers(7))


def test_a_round_after_more_than_a_year_is_not_too_soon(app, make):
    school = make.school()
    care = make.link(make.user("coordinator"), school)
    long_ago = utcnow() - timedelta(days=400)
    trajectory = Trajectory(school_id=school.id, title="Wegwijzer", started_by_id=care.id,
                            started_at=long_ago)
    db.session.add(trajectory)
    db.session.flush()
    first = Round(trajectory_id=trajectory.id, number=1, started_by_id=care.id,
                  started_at=long_ago)
    db.session.add(first)
    db.session.flush()
    db.session.add(Participant(trajectory_id=trajectory.id, round_id=first.id, group="team",
                               user_id=care.id, invited_by_id=care.id, scored_at=long_ago))
    db.session.commit()
    assert rounds.start_round(care, trajectory.id)[1] is False


def test_the_comparison_puts_both_rounds_side_by_side_per_group(setting, make):
    team_of_five(setting, make, 5)
    assert rounds.comparison(setting["care"], setting["trajectory"].id)["rows"] is None
    rounds.start_round(setting["care"], setting["trajectory"].id)
    for member in db.session.scalars(sa.select(Participant.user_id).where(
            Participant.round_id == services.current_round(setting["trajectory"]).id)):
        scoring.score_as_member(db.session.get(type(setting["care"]), member),
                                 setting["trajectory"].id, answers(7))
    page = rounds.comparison(setting["care"], setting["trajectory"].id)
    assert (page["previous"].number, page["current"].number) == (1, 2)
    team = page["rows"][0]["groups"]["team"]
    assert (team["previous"]["mean"], team["current"]["mean"], team["change"]) == (5, 7, 2)
    assert page["rows"][0]["groups"]["students"]["change"] is None


def test_the_comparison_is_hidden_from_another_schools_staff(setting, make):
    with pytest.raises(NotFound):
        rounds.comparison(make.link(make.user("coordinator"), make.school()),
                          setting["trajectory"].id)


def test_someone_invited_only_to_an_earlier_round_still_sees_the_trajectory(setting, make):
    guest = make.user("attendance_officer")
    db.session.add(Participant(trajectory_id=setting["trajectory"].id, group="team",
                               user_id=guest.id, invited_by_id=setting["care"].id,
                               round_id=services.current_round(setting["trajectory"]).id))
    db.session.commit()
    scoring.score_as_member(setting["care"], setting["trajectory"].id, answers(6))
    rounds.start_round(setting["care"], setting["trajectory"].id)
    assert services.report(guest, setting["trajectory"].id)["me"] is None


def test_a_round_is_never_changed(setting):
    first = services.current_round(setting["trajectory"])
    first.number = 5
    with pytest.raises(RowIsImmutable):
        db.session.commit()
    db.session.rollback()
    with pytest.raises(sa.exc.DBAPIError):  # the trigger, below the ORM
        db.session.execute(sa.text("UPDATE wegwijzer_rounds SET number = 5"))
    db.session.rollback()


def test_the_stage_follows_the_round(setting, make):
    def stage():
        context = services.report(setting["care"], setting["trajectory"].id)
        return next(s["stage"] for s in rounds.overview(context)["steps"]
                    if s["state"] == "current")

    assert stage() == "core_team"
    colleague = make.link(make.user("professional"), setting["school"])
    services.invite_member(setting["care"], setting["trajectory"].id, colleague.id)
    assert stage() == "current_situation"
    for member in (setting["care"], colleague):
        scoring.score_as_member(member, setting["trajectory"].id, answers(6))
    assert stage() == "vision"
    services.choose(setting["care"], setting["trajectory"].id, list(DOMAINS[:3]))
    assert stage() == "plan"
    rounds.start_round(setting["care"], setting["trajectory"].id)
    assert stage() == "current_situation"
