"""The Wegwijzer services against the database: who may run and score, one-time links."""
from datetime import timedelta

import pytest
import sqlalchemy as sa

from coordination.errors import Conflict, Forbidden, NotFound, ValidationError
from coordination.extensions import db
from coordination.rules.wegwijzer import DOMAINS
from coordination.timeutil import utcnow
from coordination.wegwijzer import scoring, services
from coordination.wegwijzer.models import Participant


@pytest.fixture
def setting(app, make):
    return make.wegwijzer_started()


def answers(score=7, note=None):
    return {d: (score, note) for d in DOMAINS}


def token_of(link):
    return link.rsplit("/", 1)[1]


def test_a_colleague_from_another_school_cannot_be_invited(setting, make):
    other = make.link(make.user("professional"), make.school())
    with pytest.raises(ValidationError) as err:
        services.invite_member(setting["care"], setting["trajectory"].id, other.id)
    assert "user_id" in err.value.fields


def test_inviting_someone_twice_is_a_field_error(setting, make):
    colleague = make.link(make.user("professional"), setting["school"])
    services.invite_member(setting["care"], setting["trajectory"].id, colleague.id)
    with pytest.raises(ValidationError):
        services.invite_member(setting["care"], setting["trajectory"].id, colleague.id)


def test_a_member_scores_once(setting):
    scoring.score_as_member(setting["care"], setting["trajectory"].id, answers())
    with pytest.raises(Conflict):
        scoring.score_as_member(setting["care"], setting["trajectory"].id, answers())


def test_every_domain_needs_a_score_and_a_short_note(setting):
    partial = answers()
    partial["classmates"] = (None, "x" * 301)
    with pytest.raises(ValidationError) as err:
        scoring.score_as_member(setting["care"], setting["trajectory"].id, partial)
    assert set(err.value.fields) == {"score_classmates", "note_classmates"}


def test_staff_not_taking_part_cannot_score(setting, make):
    colleague = make.link(make.user("professional"), setting["school"])
    with pytest.raises(Forbidden):
        scoring.score_as_member(colleague, setting["trajectory"].id, answers())


def test_someone_not_at_the_school_does_not_see_it(setting, make):
    with pytest.raises(NotFound):
        services.report(make.user("coordinator"), setting["trajectory"].id)


def test_a_link_works_once(setting):
    link = scoring.invite_representative(setting["care"], setting["trajectory"].id,
                                          "students", "Leerlingenraad", "raad@example.nl")
    scoring.score_with_link(token_of(link), answers(5, "Veel toetsen"))
    with pytest.raises(NotFound):
        scoring.score_with_link(token_of(link), answers())


def test_an_expired_link_no_longer_works(setting):
    link = scoring.invite_representative(setting["care"], setting["trajectory"].id,
                                          "parents", "Ouderraad", "ouders@example.nl")
    participant = db.session.scalar(sa.select(Participant).where(
        Participant.group == "parents"))
    participant.expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    assert scoring.representative_for(token_of(link)) is None


def test_only_the_hash_of_the_link_is_stored(setting):
    link = scoring.invite_representative(setting["care"], setting["trajectory"].id,
                                          "parents", "Ouderraad", "ouders@example.nl")
    stored = db.session.scalar(sa.select(Participant.token_hash).where(
        Participant.group == "parents"))
    assert token_of(link) not in stored and len(stored) == 64
