"""The shared agreements log of a case. Append-only: a change is a new revision.

An `Agreement` only holds its identity; its state is its newest `AgreementRevision`.
Revisions are never updated or deleted (ORM guard here, database triggers in the
migration).
"""
from datetime import date, datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from coordination.agreements.labels import OWNER_KIND_LABELS
from coordination.database import append_only
from coordination.extensions import db
from coordination.timeutil import utcnow


class Agreement(db.Model):
    __tablename__ = "agreements"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Set when the agreement came out of a meeting's decision.
    # The concrete goal agreed with the parents that tier 2 requires (DOMAIN.md §6).
    tier_goal: Mapped[bool] = mapped_column(default=False)
    decision_id: Mapped[int | None] = mapped_column(
        ForeignKey("decisions.id"), index=True, unique=True)

    revisions = relationship("AgreementRevision", order_by="AgreementRevision.number",
                             viewonly=True)


@append_only
class AgreementRevision(db.Model):
    __tablename__ = "agreement_revisions"
    __table_args__ = (UniqueConstraint("agreement_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreements.id"), index=True)
    number: Mapped[int]
    text: Mapped[str] = mapped_column(Text)
    # A team member, or (owner_kind other than "user") the family, the parents, the young
    # person or a named person without an account (owner_name): the coordinator follows
    # those up.
    owner_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    owner_kind: Mapped[str] = mapped_column(String(16), server_default="user", default="user")
    owner_name: Mapped[str | None] = mapped_column(String(120))
    due_date: Mapped[date | None]
    status: Mapped[str] = mapped_column(String(16))
    visibility: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str | None] = mapped_column(Text)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(default=utcnow)

    owner = relationship("User", foreign_keys=[owner_user_id], lazy="joined")
    author = relationship("User", foreign_keys=[author_id], lazy="joined")

    def state(self):
        return {"text": self.text, "owner_user_id": self.owner_user_id,
                "due_date": self.due_date, "status": self.status,
                "visibility": self.visibility}

    @property
    def owner_label(self):
        """Who does it, as shown: the member's name, the person's name, or "the family"."""
        if self.owner is not None:
            return self.owner.name
        if self.owner_name:
            return self.owner_name
        return str(OWNER_KIND_LABELS.get(self.owner_kind, self.owner_kind))



@append_only
class AgreementComment(db.Model):
    """Someone's own view on an agreement ("this works for me", "I need …"). Youth and
    parents write these next to the professionals, with equal weight."""

    __tablename__ = "agreement_comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreements.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    text: Mapped[str] = mapped_column(Text)
    # The agreement's audience when the comment was written: it never widens later.
    visibility: Mapped[str] = mapped_column(String(16), server_default="team")
    at: Mapped[datetime] = mapped_column(default=utcnow)

    author = relationship("User", lazy="joined")


@append_only
class AgreementRead(db.Model):
    """That someone read a given revision of an agreement."""

    __tablename__ = "agreement_reads"
    __table_args__ = (UniqueConstraint("agreement_id", "user_id", "revision"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreements.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    revision: Mapped[int]
    # The audience of the revision that was read: it never widens later.
    visibility: Mapped[str] = mapped_column(String(16), server_default="team")
    at: Mapped[datetime] = mapped_column(default=utcnow)


@append_only
class Proposal(db.Model):
    """An agreement the young person proposes; the coordinator accepts or answers it."""

    __tablename__ = "agreement_proposals"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    text: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(default=utcnow)

    author = relationship("User", lazy="joined")
    answer = relationship("ProposalAnswer", uselist=False, lazy="selectin", viewonly=True)


@append_only
class ProposalAnswer(db.Model):
    __tablename__ = "proposal_answers"

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(ForeignKey("agreement_proposals.id"), unique=True)
    by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    accepted: Mapped[bool]
    text: Mapped[str | None] = mapped_column(Text)
    agreement_id: Mapped[int | None] = mapped_column(ForeignKey("agreements.id"))
    at: Mapped[datetime] = mapped_column(default=utcnow)

    by = relationship("User", lazy="joined")
