"""The plan per chosen Wegwijzer domain: interventions and recommendations the team
considers, and goals with actions.

Nothing here is changed or deleted (ORM guard here, database triggers in the migration):
an intervention is withdrawn by an `InterventionWithdrawal` of its own; a goal or action
(`PlanItem`, its identity) changes by a new `PlanRevision`, as agreements do.
"""
from datetime import date, datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from coordination.database import append_only
from coordination.extensions import db
from coordination.timeutil import utcnow


@append_only
class Intervention(db.Model):
    """An intervention or recommendation for one domain, with its NJi recognition level."""

    __tablename__ = "wegwijzer_interventions"

    id: Mapped[int] = mapped_column(primary_key=True)
    trajectory_id: Mapped[int] = mapped_column(ForeignKey("wegwijzer_trajectories.id"),
                                               index=True)
    domain: Mapped[str] = mapped_column(String(32))        # rules.wegwijzer.DOMAINS
    name: Mapped[str] = mapped_column(String(200))
    recognition: Mapped[str] = mapped_column(String(16))   # rules.wegwijzer_plan
    note: Mapped[str | None] = mapped_column(Text)         # why it fits, where to find it
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(default=utcnow)

    author = relationship("User", lazy="joined")
    withdrawal = relationship("InterventionWithdrawal", uselist=False, lazy="selectin",
                              viewonly=True)

    @property
    def current(self):
        return self.withdrawal is None


@append_only
class InterventionWithdrawal(db.Model):
    """That the team no longer considers an intervention, and why: it stays on record."""

    __tablename__ = "wegwijzer_intervention_withdrawals"

    id: Mapped[int] = mapped_column(primary_key=True)
    intervention_id: Mapped[int] = mapped_column(ForeignKey("wegwijzer_interventions.id"),
                                                 unique=True)
    reason: Mapped[str | None] = mapped_column(Text)
    by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(default=utcnow)

    by = relationship("User", lazy="joined")


@append_only
class PlanItem(db.Model):
    """A goal for a domain, or an action towards a goal; its state is its newest revision."""

    __tablename__ = "wegwijzer_plan_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    trajectory_id: Mapped[int] = mapped_column(ForeignKey("wegwijzer_trajectories.id"),
                                               index=True)
    domain: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(8))           # rules.wegwijzer_plan.KINDS
    goal_id: Mapped[int | None] = mapped_column(ForeignKey("wegwijzer_plan_items.id"),
                                                index=True)  # an action's goal
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


@append_only
class PlanRevision(db.Model):
    __tablename__ = "wegwijzer_plan_revisions"
    __table_args__ = (UniqueConstraint("item_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("wegwijzer_plan_items.id"), index=True)
    number: Mapped[int]
    text: Mapped[str] = mapped_column(Text)
    # A staff member of the school; indexed for their worklist.
    owner_user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    due_date: Mapped[date | None]
    status: Mapped[str] = mapped_column(String(16))        # rules.agreements.STATUSES
    reason: Mapped[str | None] = mapped_column(Text)       # why it changed (from 2 on)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(default=utcnow)

    owner = relationship("User", foreign_keys=[owner_user_id], lazy="joined")
    author = relationship("User", foreign_keys=[author_id], lazy="joined")

    def state(self):
        return {"text": self.text, "owner_user_id": self.owner_user_id,
                "due_date": self.due_date, "status": self.status}
