"""What burdens and what carries a young person, recorded on the case (DOMAIN.md §8-9),
and the kinds of absence that fit the case (more than one may: seed 002 §1.2, §7).

A factor is written once and never changed; "no longer true" is a `FactorEnding` of its
own (ORM guard here, database triggers in the migration). Nothing is deleted, except by
the retention purge with the rest of the case.
"""
from datetime import date, datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from coordination.database import append_only
from coordination.extensions import db
from coordination.timeutil import utcnow


@append_only
class CaseFactor(db.Model):
    """A risk or protective factor, a life event or a strength, by the team or, in their
    own words, by the young person or a parent."""

    __tablename__ = "case_factors"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))        # rules.factors.KINDS
    area: Mapped[str | None] = mapped_column(String(16))  # rules.factors.AREAS
    domain: Mapped[str | None] = mapped_column(String(32))  # rules.wegwijzer.DOMAINS
    text: Mapped[str] = mapped_column(Text)
    happened_on: Mapped[date | None]                      # life events
    visibility: Mapped[str] = mapped_column(String(16))   # rules.audiences.VISIBILITIES
    source: Mapped[str] = mapped_column(String(16))       # team, youth or parent
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(default=utcnow)

    author = relationship("User", lazy="joined")
    ending = relationship("FactorEnding", uselist=False, lazy="selectin", viewonly=True)

    @property
    def current(self):
        return self.ending is None


@append_only
class FactorEnding(db.Model):
    """That a factor is no longer true, since when and why: the factor itself stays."""

    __tablename__ = "case_factor_endings"

    id: Mapped[int] = mapped_column(primary_key=True)
    factor_id: Mapped[int] = mapped_column(ForeignKey("case_factors.id"), unique=True)
    reason: Mapped[str | None] = mapped_column(Text)
    by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(default=utcnow)

    by = relationship("User", lazy="joined")


class CaseAbsenceKind(db.Model):
    """One of the kinds of absence (Heyne et al. 2019) that fit the case. The primary one
    is also `Case.absence_kind` (the API's answer); a new choice replaces the set, and
    the audit log keeps every choice."""

    __tablename__ = "case_absence_kinds"
    __table_args__ = (UniqueConstraint("case_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    is_primary: Mapped[bool] = mapped_column(default=False)
    chosen_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    chosen_at: Mapped[datetime] = mapped_column(default=utcnow)
