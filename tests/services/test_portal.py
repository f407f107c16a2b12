"""Invitations: one-time, 7 days, a new one replaces the old; under-12s get none."""
from datetime import timedelta

import pytest
import sqlalchemy as sa

from coordination.accounts.services import authenticate
from coordination.errors import Forbidden, NotFound, ValidationError
from coordination.extensions import db
from coordination.mail.models import OutboxMessage
from coordination.portal import services
from coordination.portal.models import Invitation
from coordination.timeutil import today_local


def family_case(make, age_years=14, role="parent"):
    coordinator, person = make.user("coordinator"), make.user(role)
    dob = today_local() - timedelta(days=int(365.25 * age_years) + 5)
    case = make.case(coordinator, make.student(dob=dob), members=[(person, role)])
    return case, coordinator, person, case.members[0]


def token_of(link):
    return link.rsplit("/", 1)[1]


def test_an_invitation_is_mailed_and_sets_a_password_once(app, make):
    case, coordinator, parent, member = family_case(make)
    with app.test_request_context():
        link = services.invite(coordinator, case.id, member.id)
    message = db.session.scalar(sa.select(OutboxMessage))
    assert message.to_address == parent.email and link in message.body_text
    assert "Regie" in message.subject
    services.accept(token_of(link), "een lange zin als wachtwoord", "een lange zin als wachtwoord")
    assert authenticate(parent.email, "een lange zin als wachtwoord").id == parent.id
    with pytest.raises(NotFound):
        services.accept(token_of(link), "nog een lange zin hier", "nog een lange zin hier")


def test_a_new_link_replaces_the_old_and_links_expire(app, make):
    case, coordinator, parent, member = family_case(make)
    with app.test_request_context():
        old = services.invite(coordinator, case.id, member.id)
        new = services.invite(coordinator, case.id, member.id)
    assert services.valid_invitation(token_of(old)) is None
    assert services.valid_invitation(token_of(new)) is not None
    invitation = db.session.scalar(sa.select(Invitation).order_by(Invitation.id.desc()))
    db.session.execute(sa.update(Invitation).where(Invitation.id == invitation.id).values(
        expires_at=invitation.expires_at - timedelta(days=8)))
    db.session.commit()
    db.session.expire_all()
    assert services.valid_invitation(token_of(new)) is None


@pytest.mark.parametrize("age, ok", [(11, False), (12, True)])
def test_a_youth_under_12_gets_no_portal_account(app, make, age, ok):
    case, coordinator, youth, member = family_case(make, age_years=age, role="youth")
    with app.test_request_context():
        if ok:
            assert services.invite(coordinator, case.id, member.id)
        else:
            with pytest.raises(ValidationError):
                services.invite(coordinator, case.id, member.id)
            assert db.session.scalar(sa.select(sa.func.count(OutboxMessage.id))) == 0


def test_only_the_coordinator_invites_and_passwords_are_checked(app, make):
    case, coordinator, parent, member = family_case(make)
    with app.test_request_context():
        with pytest.raises(Forbidden):
            services.invite(parent, case.id, member.id)
        link = services.invite(coordinator, case.id, member.id)
    with pytest.raises(ValidationError):
        services.accept(token_of(link), "short", "short")
    with pytest.raises(ValidationError):
        services.accept(token_of(link), "een lange zin als wachtwoord", "iets anders helemaal")
    assert services.valid_invitation(token_of(link)) is not None  # not used up by a failure


def test_only_the_invited_account_joins_and_keeps_its_password(app, make):
    from coordination.cases.models import CaseMember
    from coordination.cases.team import add_member
    parent = make.user("parent", password="een lange zin als wachtwoord")
    other_parent = make.user("parent", password="nog een lange zin hier")
    coordinator = make.user("coordinator")
    case = make.case(coordinator)
    with app.test_request_context():
        invitation = add_member(coordinator, case.id, parent.id, "parent")
    token = token_of(invitation.link)
    with pytest.raises(Forbidden):  # never resets a password through a link
        services.accept(token, "een nieuw wachtwoord!", "een nieuw wachtwoord!")
    with pytest.raises(NotFound):
        services.join(other_parent, token)
    assert services.join(parent, token) == case.id
    assert db.session.scalar(sa.select(CaseMember.role).where(
        CaseMember.case_id == case.id, CaseMember.user_id == parent.id)) == "parent"
    assert authenticate(parent.email, "een lange zin als wachtwoord").id == parent.id
    with pytest.raises(NotFound):  # used up
        services.join(parent, token)


def test_a_portal_invitation_is_not_sent_to_someone_who_already_has_a_password(app, make):
    coordinator, parent = make.user("coordinator"), make.user("parent", password="x" * 12)
    case = make.case(coordinator, members=[(parent, "parent")])
    with app.test_request_context():
        with pytest.raises(ValidationError):
            services.invite(coordinator, case.id, case.members[0].id)
    assert db.session.scalar(sa.select(sa.func.count(OutboxMessage.id))) == 0
