"""A school's Wegwijzer trajectory (seed 003): who takes part, their scores on the eight
domains, and the domains the team chose to work on.

A trajectory runs in rounds: the first starts with it, and after about a year the school
scores again in a new round and compares both (coordination/wegwijzer/rounds.py).
Participants are invited per round; scores are written once (append-only) and belong to
their round through the participant (no round column on the append-only scores): a
participant scores each domain once. Student and parent representatives have no account:
they score through a one-time link, of which only the SHA-256 is stored.
"""
from datetime import datetime

from sqlalchemy import ForeignKey, SmallInteger, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from coordination.database import append_only
from coordination.extensions import db
from coordination.timeutil import utcnow


class Trajectory(db.Model):
    __tablename__ = "wegwijzer_trajectories"

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    started_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    started_at: Mapped[datetime] = mapped_column(default=utcnow)

    school = relationship("School", lazy="joined")
    started_by = relationship("User", lazy="joined")
    participants = relationship("Participant", order_by="Participant.id", viewonly=True)
    rounds = relationship("Round", order_by="Round.number", viewonly=True)


@append_only
class Round(db.Model):
    """A scoring round of a trajectory, numbered from 1."""

    __tablename__ = "wegwijzer_rounds"
    __table_args__ = (UniqueConstraint("trajectory_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    trajectory_id: Mapped[int] = mapped_column(ForeignKey("wegwijzer_trajectories.id"),
                                               index=True)
    number: Mapped[int] = mapped_column(SmallInteger)
    started_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    started_at: Mapped[datetime] = mapped_column(default=utcnow)

    started_by = relationship("User", lazy="joined")


class Participant(db.Model):
    """A team member (an account), or a student or parent representative (a name and a
    one-time link)."""

    __tablename__ = "wegwijzer_participants"
    __table_args__ = (UniqueConstraint("round_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    trajectory_id: Mapped[int] = mapped_column(ForeignKey("wegwijzer_trajectories.id"),
                                               index=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("wegwijzer_rounds.id"), index=True)
    group: Mapped[str] = mapped_column(String(16))  # rules.wegwijzer.GROUPS
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    name: Mapped[str | None] = mapped_column(String(120))
    token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    expires_at: Mapped[datetime | None]
    scored_at: Mapped[datetime | None]
    invited_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    invited_at: Mapped[datetime] = mapped_column(default=utcnow)

    user = relationship("User", foreign_keys=[user_id], lazy="joined")
    trajectory = relationship(Trajectory, lazy="joined")

    @property
    def label(self):
        return self.user.name if self.user is not None else self.name


@append_only
class Score(db.Model):
    __tablename__ = "wegwijzer_scores"
    __table_args__ = (UniqueConstraint("participant_id", "domain"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("wegwijzer_participants.id"),
                                                index=True)
    domain: Mapped[str] = mapped_column(String(32))
    score: Mapped[int] = mapped_column(SmallInteger)
    note: Mapped[str | None] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(default=utcnow)


class Choice(db.Model):
    """A domain the team chose to work on; a new choice replaces the set (audited)."""

    __tablename__ = "wegwijzer_choices"
    __table_args__ = (UniqueConstraint("trajectory_id", "domain"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    trajectory_id: Mapped[int] = mapped_column(ForeignKey("wegwijzer_trajectories.id"),
                                               index=True)
    domain: Mapped[str] = mapped_column(String(32))
    chosen_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    chosen_at: Mapped[datetime] = mapped_column(default=utcnow)
