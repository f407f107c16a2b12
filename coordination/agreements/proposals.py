"""The young person's own ideas: a proposed agreement, accepted or answered by the
coordinator (DOMAIN.md §9: "record ... the youth's own ideas")."""
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from coordination import access, limits
from coordination.agreements import services as agreements
from coordination.agreements.models import Proposal, ProposalAnswer
from coordination.audit import services as audit
from coordination.cases.services import case_to_manage
from coordination.errors import Conflict, Forbidden, NotFound
from coordination.extensions import db
from coordination.rules.audiences import PROPOSAL_AUDIENCE, can_see
from coordination.validation import checked_text

MAX_TEXT = limits.TEXT


def _clean(text, message):
    return checked_text(text, "text", message, MAX_TEXT,
                        _l("Keep it short: at most %(max)d characters.", max=MAX_TEXT))


def propose(actor, case_id, text):
    """The youth on the case proposes an agreement. Commits."""
    case = access.case_for(actor, case_id)
    if access.case_role(actor, case) != "youth":
        raise Forbidden()
    proposal = Proposal(case_id=case.id, author_id=actor.id,
                        text=_clean(text, _l("Write down your idea.")))
    db.session.add(proposal)
    audit.record(actor, "proposal.add", case=case)
    db.session.commit()
    return proposal


def for_case(actor, case):
    """Proposals the actor may see: the team and the youth; parents do not (the youth's own
    ideas are theirs to share)."""
    if not can_see(PROPOSAL_AUDIENCE, agreements.viewer_kind(actor, case)):
        return []
    return db.session.scalars(select(Proposal).where(Proposal.case_id == case.id)
                              .order_by(Proposal.id.desc())).all()


def _open_proposal(case, proposal_id):
    proposal = db.session.get(Proposal, proposal_id)
    if proposal is None or proposal.case_id != case.id:
        raise NotFound()
    return proposal


def _answer(actor, case, proposal, accepted, text=None, agreement_id=None):
    db.session.add(ProposalAnswer(proposal_id=proposal.id, by_id=actor.id, accepted=accepted,
                                  text=text, agreement_id=agreement_id))
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        raise Conflict(_l("This proposal has already been answered."), code="answered") from None
    audit.record(actor, "proposal.answer", case=case, accepted=accepted)
    db.session.commit()


def accept(actor, case_id, proposal_id, owner_user_id, due_date, visibility):
    """The coordinator turns the proposal into an agreement. Commits."""
    case = case_to_manage(actor, case_id)
    proposal = _open_proposal(case, proposal_id)
    if proposal.answer is not None:
        raise Conflict(_l("This proposal has already been answered."), code="answered")
    revision = agreements.create(actor, case.id, proposal.text, owner_user_id, due_date,
                                 visibility)
    _answer(actor, case, proposal, True, agreement_id=revision.agreement_id)
    return revision


def answer(actor, case_id, proposal_id, text):
    """The coordinator answers without (yet) making it an agreement. Commits."""
    case = case_to_manage(actor, case_id)
    proposal = _open_proposal(case, proposal_id)
    _answer(actor, case, proposal, False, text=_clean(text, _l("Write your answer.")))
