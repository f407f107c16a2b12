"""What parents, youth and professionals say about an agreement, and who read it."""
from collections import defaultdict

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from coordination import access, limits
from coordination.agreements.models import AgreementComment, AgreementRead
from coordination.agreements.services import visible_current
from coordination.audit import services as audit
from coordination.extensions import db
from coordination.rules.audiences import sees_remark
from coordination.validation import checked_text

MAX_COMMENT = limits.TEXT


def add_comment(actor, case_id, agreement_id, text):
    """Anyone who may see the agreement may add their view. Commits."""
    case = access.case_for(actor, case_id)
    current = visible_current(actor, case, agreement_id)
    text = checked_text(text, "text", _l("Write your view first."), MAX_COMMENT,
                        _l("Keep it short: at most %(max)d characters.", max=MAX_COMMENT))
    comment = AgreementComment(agreement_id=current.agreement_id, author_id=actor.id, text=text,
                               visibility=current.visibility)
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
                                     revision=current.number, visibility=current.visibility))
        audit.record(actor, "agreement.read", case=case, agreement_id=current.agreement_id)
        db.session.commit()


def comments_by_agreement(revisions, viewer):
    """{agreement_id: [comments oldest first]} for the current `revisions`, in one query:
    only comments written for an audience the viewer ('professional', 'youth', 'parent')
    belongs to (a comment keeps the audience of the moment it was written)."""
    current = {r.agreement_id: r.visibility for r in revisions}
    grouped = defaultdict(list)
    if current:
        for comment in db.session.scalars(select(AgreementComment).where(
                AgreementComment.agreement_id.in_(list(current))).order_by(AgreementComment.id)):
            if sees_remark(comment.visibility, current[comment.agreement_id], viewer):
                grouped[comment.agreement_id].append(comment)
    return grouped


def readers_by_agreement(revisions, viewer):
    """{agreement_id: {user_id, …} who read the current revision} in one query; read marks
    keep the audience of the revision that was read."""
    current = {r.agreement_id: r for r in revisions}
    grouped = defaultdict(set)
    if current:
        rows = db.session.execute(select(
            AgreementRead.agreement_id, AgreementRead.user_id, AgreementRead.revision,
            AgreementRead.visibility).where(AgreementRead.agreement_id.in_(list(current))))
        for agreement_id, user_id, revision, visibility in rows:
            now = current[agreement_id]
            if now.number == revision and sees_remark(visibility, now.visibility, viewer):
                grouped[agreement_id].add(user_id)
    return grouped
