"""The young person proposes; the coordinator accepts (an agreement) or answers, once."""
import pytest
import sqlalchemy as sa

from coordination.agreements import proposals
from coordination.agreements import services as agreements
from coordination.agreements.models import AgreementRevision
from coordination.errors import Conflict, Forbidden, ValidationError
from coordination.extensions import db


@pytest.fixture
def family(make):
    coordinator, mentor = make.user("coordinator"), make.user("professional")
    parent, youth = make.user("parent"), make.user("youth")
    case = make.case(coordinator, members=[(mentor, "mentor"), (parent, "parent"), (youth, "youth")])
    return case, coordinator, mentor, parent, youth


def test_a_youth_proposal_becomes_an_agreement_once(app, family):
    case, coordinator, mentor, parent, youth = family
    proposal = proposals.propose(youth, case.id, "I start at ten on Mondays")
    revision = proposals.accept(coordinator, case.id, proposal.id, youth.id, None, "everyone")
    assert revision.text == "I start at ten on Mondays" and revision.owner_user_id == youth.id
    with pytest.raises(Conflict):
        proposals.answer(coordinator, case.id, proposal.id, "Too late")
    assert [r.text for r in agreements.current_for(parent, case)] == ["I start at ten on Mondays"]


def test_an_answer_without_agreement_and_who_may_do_what(app, family):
    case, coordinator, mentor, parent, youth = family
    for person in (parent, mentor):
        with pytest.raises(Forbidden):
            proposals.propose(person, case.id, "idea")
    with pytest.raises(ValidationError):
        proposals.propose(youth, case.id, "x" * 20000)
    proposal = proposals.propose(youth, case.id, "No school on Fridays")
    with pytest.raises(Forbidden):
        proposals.answer(mentor, case.id, proposal.id, "no")
    proposals.answer(coordinator, case.id, proposal.id, "Let us talk about Fridays first")
    db.session.expire_all()
    [seen] = proposals.for_case(youth, case)
    assert seen.answer.accepted is False and seen.answer.text.startswith("Let us talk")
    assert proposals.for_case(parent, case) == []
    assert db.session.scalar(sa.select(sa.func.count(AgreementRevision.id))) == 0
