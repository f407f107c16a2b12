"""What parents, youth and professionals say about an agreement, and who read it."""
from collections import defaultdict

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from coordination import access
from coordination.agreements.models import AgreementComment, AgreementRead
from coordination.agreements.services import visible_current
from coordination.audit import services as audit
from coordination.errors import ValidationError
from coordination.extensions import db

MAX_COMMENT = 2000


def add_comment(actor, case_id, agreement_id, text):
    """Anyone who may see the agreement may add their view. Commits."""
    case = access.case_for(actor, case_id)
    current = visible_current(actor, case, agreement_id)
    text = (text or "").strip()
    if not text:
        raise ValidationError(fields={"text": [_l("Write your view first.")]})
    if len(text) > MAX_COMMENT:
        raise ValidationError(fields={"text": [
            _l("Keep it short: at most %(max)d characters.", max=MAX_COMMENT)]})
    comment = AgreementComment(agreement_id=current.agreement_id, author_id=actor.id, text=text)
    db.session.add(comment)
    audit.record(actor, "agreement.comment", case=case, agreement_id=current.agreement_id)
    db.session.commit()
    return comment


def mark_read(actor, case_id, agreement_id):
    """Record that the actor read the current revision (once per revision). Commits."""
    case = access.case_for(actor, case_id)
    current = visible_current(actor, case, agreement_id)
    exists = db.session.scalar(select(AgreementRead.id).where(
        AgreementRead.agreement_id == current.agreement_id, AgreementRead.user_id == actor.id,
        AgreementRead.revision == current.number))
    if exists is None:
        db.session.add(AgreementRead(agreement_id=current.agreement_id, user_id=actor.id,
                                     revision=current.number))
        audit.record(actor, "agreement.read", case=case, agreement_id=current.agreement_id)
        db.session.commit()


def comments_by_agreement(agreement_ids):
    """{agreement_id: [comments oldest first]} in one query."""
    grouped = defaultdict(list)
    if agreement_ids:
        for comment in db.session.scalars(select(AgreementComment).where(
                AgreementComment.agreement_id.in_(agreement_ids)).order_by(AgreementComment.id)):
            grouped[comment.agreement_id].append(comment)
    return grouped


def readers_by_agreement(revisions):
    """{agreement_id: {user_id, …} who read the current revision} in one query."""
    current = {r.agreement_id: r.number for r in revisions}
    grouped = defaultdict(set)
    if current:
        rows = db.session.execute(select(
            AgreementRead.agreement_id, AgreementRead.user_id, AgreementRead.revision).where(
            AgreementRead.agreement_id.in_(list(current))))
        for agreement_id, user_id, revision in rows:
            if current[agreement_id] == revision:
                grouped[agreement_id].add(user_id)
    return grouped
