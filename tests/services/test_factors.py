"""Factors, life events and strengths on a case, and the set of kinds of absence."""
from datetime import date

import pytest
import sqlalchemy as sa

from coordination.audit.models import AuditEvent
from coordination.database import RowIsImmutable
from coordination.errors import Conflict, Forbidden, NotFound, ValidationError
from coordination.extensions import db
from coordination.factors import kinds, services
from coordination.factors.models import CaseFactor, FactorEnding


@pytest.fixture
def team(app, make):
    return make.case_team(date(2011, 1, 1))


def actions(case):
    return db.session.scalars(sa.select(AuditEvent.action).where(
        AuditEvent.case_id == case.id).order_by(AuditEvent.id)).all()


def test_a_team_item_is_stored_with_author_and_audited(team):
    case = team["case"]
    factor = services.add(team["mentor"], case.id, "risk", "  Is bullied ", "team",
                          area="school", domain="classmates")
    assert (factor.text, factor.source, factor.author_id) == (
        "Is bullied", "team", team["mentor"].id)
    assert actions(case) == ["factor.add"]


def test_family_cannot_write_the_teams_view(team):
    with pytest.raises(Forbidden):
        services.add(team["parent"], team["case"].id, "strength", "x", "everyone")


def test_an_outsider_does_not_see_the_case(team, make):
    with pytest.raises(NotFound):
        services.add(make.user("coordinator"), team["case"].id, "strength", "x", "everyone")


def test_a_youth_under_16_cannot_keep_an_item_from_the_parents(team):
    with pytest.raises(ValidationError) as err:
        services.add(team["coordinator"], team["case"].id, "strength", "x", "team_youth")
    assert "visibility" in err.value.fields


def test_the_parents_see_only_what_is_shared_with_them_and_their_own(team):
    case = team["case"]
    services.add(team["coordinator"], case.id, "strength", "everyone", "everyone")
    services.add(team["coordinator"], case.id, "strength", "team only", "team")
    services.add_own(team["parent"], case.id, "hard", "my own, team only", "team")
    services.add_own(team["youth"], case.id, "helps", "the youth's, team only", "team")
    seen = {f.text for f in services.for_case(team["parent"], case)}
    assert seen == {"everyone", "my own, team only"}
    assert len(services.for_case(team["mentor"], case)) == 4


def test_family_words_are_stored_as_theirs(team):
    factor = services.add_own(team["youth"], team["case"].id, "helps", "Mijn mentor", "everyone")
    assert (factor.kind, factor.source) == ("protective", "youth")


def test_a_professional_cannot_add_family_words(team):
    with pytest.raises(Forbidden):
        services.add_own(team["mentor"], team["case"].id, "helps", "x", "everyone")


def test_no_longer_true_is_a_record_and_the_item_stays(team):
    case = team["case"]
    factor = services.add(team["coordinator"], case.id, "risk", "Angst", "team", area="youth")
    services.end(team["mentor"], case.id, factor.id, "Therapie helpt")
    db.session.expire_all()
    stored = db.session.get(CaseFactor, factor.id)
    assert stored.text == "Angst" and not stored.current
    assert stored.ending.reason == "Therapie helpt"
    with pytest.raises(Conflict):
        services.end(team["coordinator"], case.id, factor.id)


def test_factors_cannot_be_edited_or_deleted(team):
    factor = services.add(team["coordinator"], team["case"].id, "strength", "x", "team")
    factor.text = "changed"
    with pytest.raises(RowIsImmutable):
        db.session.flush()
    db.session.rollback()
    with pytest.raises(RowIsImmutable):
        db.session.execute(sa.delete(FactorEnding))


def test_family_may_end_only_their_own_words(team):
    case = team["case"]
    theirs = services.add_own(team["parent"], case.id, "hard", "Ruzie thuis", "everyone")
    teams = services.add(team["coordinator"], case.id, "strength", "Sport", "everyone")
    with pytest.raises(Forbidden):
        services.end(team["parent"], case.id, teams.id)
    services.end(team["parent"], case.id, theirs.id)


def test_a_hidden_item_is_not_found_for_the_family(team):
    case = team["case"]
    hidden = services.add(team["coordinator"], case.id, "risk", "x", "team", area="home")
    with pytest.raises(NotFound):
        services.end(team["parent"], case.id, hidden.id)


def test_the_picture_counts_what_is_still_true_and_shows_three_changes(team):
    case, coordinator = team["case"], team["coordinator"]
    risk = services.add(coordinator, case.id, "risk", "Angst", "team", area="youth")
    services.add(coordinator, case.id, "strength", "Sport", "team")
    services.add(coordinator, case.id, "protective", "Mentor", "team", area="school")
    services.end(coordinator, case.id, risk.id)
    picture = services.case_picture(coordinator, case)["factor_picture"]
    assert picture["balance"] == {"risks": 0, "strengths": 2, "leaning": "strengths"}
    assert [(what, f.text) for _, what, f in picture["changes"]] == [
        ("ended", "Angst"), ("added", "Mentor"), ("added", "Sport")]


def test_the_factors_page_is_one_audited_read(team):
    services.page(team["parent"], team["case"].id)
    assert actions(team["case"]) == ["factor.list"]


def test_more_than_one_kind_with_a_primary_one(team):
    case = team["case"]
    kinds.choose(team["coordinator"], case.id, ["school_refusal", "withdrawal"], "withdrawal")
    assert kinds.kinds_of(case) == ["withdrawal", "school_refusal"]
    assert case.absence_kind == "withdrawal"


def test_one_kind_is_the_primary_one_by_itself(team):
    case = team["case"]
    kinds.choose(team["coordinator"], case.id, ["truancy"])
    assert case.absence_kind == "truancy"


def test_several_kinds_need_the_one_that_fits_best(team):
    with pytest.raises(ValidationError) as err:
        kinds.choose(team["coordinator"], team["case"].id, ["truancy", "exclusion"])
    assert "primary" in err.value.fields


def test_only_the_coordinator_chooses_kinds(team):
    with pytest.raises(Forbidden):
        kinds.choose(team["mentor"], team["case"].id, ["truancy"])

