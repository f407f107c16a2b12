"""A meeting takes the case's picture as its starting point: its agenda lists factors of
the case, a decision points at the factor it addresses; audiences hold throughout."""
from datetime import date, datetime, timedelta

import pytest
import sqlalchemy as sa

from coordination.database import RowIsImmutable
from coordination.errors import Forbidden, NotFound, ValidationError
from coordination.extensions import db
from coordination.factors import services as factors
from coordination.meetings import planning, services
from coordination.meetings.models import AgendaItem, DecisionFactor, Meeting, PlannedMeeting
from coordination.timeutil import AMSTERDAM, utcnow


@pytest.fixture
def team(app, make):
    team = make.case_team(date(2009, 1, 1))
    coordinator, case = team["coordinator"], team["case"]
    shared = factors.add(coordinator, case.id, "risk", "Is bullied", "everyone", area="school")
    secret = factors.add(coordinator, case.id, "risk", "Father drinks", "team", area="home")
    youth_only = factors.add(coordinator, case.id, "strength", "Plays in a band", "team_youth")
    return {**team, "shared": shared, "secret": secret, "youth_only": youth_only}


def _next_week():
    return datetime.combine(date.today() + timedelta(days=7), datetime.min.time().replace(
        hour=10), tzinfo=AMSTERDAM)


def test_a_planned_meeting_lists_the_factors_to_discuss(team):
    case = team["case"]
    planned = planning.plan(team["mentor"], case.id, _next_week(), "Room 2",
                            [team["shared"].id, team["secret"].id])
    agenda = services.agendas(team["mentor"], case, [planned])
    assert [f.text for f in agenda[planned.id]] == ["Is bullied", "Father drinks"]


def test_the_parent_sees_only_the_factors_on_the_agenda_meant_for_them(team):
    case = team["case"]
    planned = planning.plan(team["coordinator"], case.id, _next_week(), "Room 2", [
        team["shared"].id, team["secret"].id, team["youth_only"].id])
    assert [f.text for f in services.agendas(team["parent"], case, [planned])[planned.id]] == [
        "Is bullied"]
    assert [f.text for f in services.agendas(team["youth"], case, [planned])[planned.id]] == [
        "Is bullied", "Plays in a band"]
    links = services.factor_links(team["parent"], case)
    assert set(links) == {team["shared"].id}


def test_a_factor_of_another_case_is_refused_and_nothing_is_stored(team, make):
    other_case = make.case(team["coordinator"])
    foreign = factors.add(team["coordinator"], other_case.id, "risk", "Elsewhere", "everyone",
                          area="home")
    with pytest.raises(ValidationError) as caught:
        planning.plan(team["coordinator"], team["case"].id, _next_week(), "Room 2",
                      [team["shared"].id, foreign.id])
    assert caught.value.status == 422 and set(caught.value.fields) == {"factor_ids"}
    with pytest.raises(ValidationError):
        services.record(team["coordinator"], team["case"].id, date.today(), "a", "b", ["x"],
                        [foreign.id])
    assert db.session.scalar(sa.select(sa.func.count(AgendaItem.id))) == 0
    assert db.session.scalar(sa.select(sa.func.count(PlannedMeeting.id))) == 0
    assert db.session.scalar(sa.select(sa.func.count(Meeting.id))) == 0


def test_a_factor_no_longer_true_cannot_go_on_the_agenda(team):
    case = team["case"]
    factors.end(team["coordinator"], case.id, team["shared"].id, "Solved")
    with pytest.raises(ValidationError):
        planning.plan(team["coordinator"], case.id, _next_week(), "Room 2", [team["shared"].id])
    assert team["shared"].id not in {f.id for f in services.agenda_choices(
        team["coordinator"], case)}


def test_the_team_may_pick_the_familys_own_words_and_the_family_plans_nothing(team):
    own = factors.add_own(team["youth"], team["case"].id, "hard", "Mornings", "team")
    mentor = team["mentor"]
    # The team sees it (audience `team`), so the mentor may pick it; the author too.
    planning.plan(mentor, team["case"].id, _next_week(), "Room 2", [own.id])
    with pytest.raises(Forbidden):
        planning.plan(team["parent"], team["case"].id, _next_week(), "Home", [own.id])


def test_more_factors_go_on_a_planned_agenda_but_the_same_one_not_twice(team):
    case = team["case"]
    planned = planning.plan(team["coordinator"], case.id, _next_week(), "Room 2",
                            [team["shared"].id])
    added = planning.add_to_agenda(team["mentor"], case.id, planned.id,
                                   [team["shared"].id, team["secret"].id])
    assert [f.id for f in added] == [team["secret"].id]
    with pytest.raises(ValidationError):
        planning.add_to_agenda(team["mentor"], case.id, planned.id, [team["shared"].id])
    with pytest.raises(Forbidden):
        planning.add_to_agenda(team["parent"], case.id, planned.id, [team["shared"].id])


def test_the_agenda_of_another_cases_meeting_is_not_found(team, make):
    other_case = make.case(team["coordinator"])
    planned = planning.plan(team["coordinator"], other_case.id, _next_week(), "Room 2")
    with pytest.raises(NotFound):
        planning.add_to_agenda(team["coordinator"], team["case"].id, planned.id,
                               [team["shared"].id])


def test_a_recorded_meeting_keeps_the_factors_it_discussed(team):
    case = team["case"]
    meeting = services.record(team["coordinator"], case.id, date.today(), "a", "b", [],
                              [team["secret"].id])
    assert [f.text for f in services.discussed(team["coordinator"], case, [meeting])[
        meeting.id]] == ["Father drinks"]
    links = services.factor_links(team["coordinator"], case)
    assert links[team["secret"].id] == [("discussed", meeting.held_on, None)]


def test_a_decision_points_at_the_factor_it_addresses_once(team):
    case = team["case"]
    meeting = services.record(team["coordinator"], case.id, date.today(), "a", "b",
                              ["Mentor talks with the class"], [team["shared"].id])
    decision = meeting.decisions[0]
    services.link_decision(team["mentor"], case.id, decision.id, team["shared"].id)
    assert services.addressed(team["mentor"], case, [meeting]) == {
        decision.id: team["shared"]}
    with pytest.raises(ValidationError) as caught:
        services.link_decision(team["mentor"], case.id, decision.id, team["secret"].id)
    assert set(caught.value.fields) == {"factor_id"}
    assert (("decision", meeting.held_on, "Mentor talks with the class")
            in services.factor_links(team["coordinator"], case)[team["shared"].id])
    # Decisions are the team's record: the parent is not told about them through the factor.
    assert services.factor_links(team["parent"], case) == {}
    link = db.session.scalar(sa.select(DecisionFactor))
    link.factor_id = team["secret"].id
    with pytest.raises(RowIsImmutable):
        db.session.flush()
    db.session.rollback()


def test_a_decision_cannot_point_at_a_factor_of_another_case(team, make):
    other_case = make.case(team["coordinator"])
    foreign = factors.add(team["coordinator"], other_case.id, "risk", "Elsewhere", "everyone",
                          area="home")
    meeting = services.record(team["coordinator"], team["case"].id, date.today(), "a", "b",
                              ["decide"])
    with pytest.raises(ValidationError) as caught:
        services.link_decision(team["coordinator"], team["case"].id, meeting.decisions[0].id,
                               foreign.id)
    assert caught.value.status == 422
    assert db.session.scalar(sa.select(sa.func.count(DecisionFactor.id))) == 0


def test_a_started_meeting_takes_no_more_agenda_items(team):
    case = team["case"]
    planned = planning.plan(team["coordinator"], case.id, _next_week(), "Room 2")
    with pytest.raises(NotFound):
        planning.planned_on(case, planned.id, now=utcnow() + timedelta(days=8))
