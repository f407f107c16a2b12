"""Users, their API tokens, their login sessions and the login throttle."""
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import Column, ForeignKey, String, Table
from sqlalchemy.orm import Mapped, mapped_column, relationship

from coordination.extensions import db
from coordination.timeutil import utcnow

ADMIN = "admin"
COORDINATOR = "coordinator"
PROFESSIONAL = "professional"
ATTENDANCE_OFFICER = "attendance_officer"
PARENT = "parent"
YOUTH = "youth"
# Policy staff of a partnership or municipality (API.md "The region"): figures for the
# schools and municipalities they are linked to, never a case or a student.
ANALYST = "analyst"
ROLES = (ADMIN, COORDINATOR, PROFESSIONAL, ATTENDANCE_OFFICER, PARENT, YOUTH, ANALYST)
# API.md: "the first three after admin are the professional roles (any of them may
# coordinate a case)".
PROFESSIONAL_ROLES = frozenset({COORDINATOR, PROFESSIONAL, ATTENDANCE_OFFICER})
FAMILY_ROLES = frozenset({PARENT, YOUTH})

# Schools a professional works for (a mentor at one, an attendance officer at several), or
# whose figures an analyst sees.
user_schools = Table(
    "user_schools",
    db.metadata,
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("school_id", ForeignKey("schools.id", ondelete="CASCADE"), primary_key=True),
)


def municipality_key(name):
    """How a municipality name is compared: case and spacing do not matter."""
    return " ".join((name or "").split()).casefold() or None


class UserMunicipality(db.Model):
    """A municipality an attendance officer acts for: they reach the students who live there
    (DOMAIN.md §3: "attendance officers work for a municipality and act for the children who
    live there, whatever school they attend"). For an analyst: the figures cover the
    students who live there."""

    __tablename__ = "user_municipalities"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                         primary_key=True)
    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    name: Mapped[str] = mapped_column(String(80))


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(32))
    job_title: Mapped[str | None] = mapped_column(String(120))
    phone: Mapped[str | None] = mapped_column(String(32))
    locale: Mapped[str | None] = mapped_column(String(5))
    password_hash: Mapped[str | None] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(default=True)
    digest: Mapped[bool] = mapped_column(default=False)  # one mail a day instead of each
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    # Loaded on demand (the admin list asks for it): not with every user a query loads.
    schools = relationship("School", secondary=user_schools)
    municipalities = relationship(UserMunicipality, order_by=UserMunicipality.name,
                                  cascade="all, delete-orphan")

    @property
    def is_active(self):
        return self.active

    @property
    def is_professional(self):
        return self.role in PROFESSIONAL_ROLES

    @property
    def is_family(self):
        return self.role in FAMILY_ROLES

    def __repr__(self):
        return f"<User {self.id} {self.role}>"


class ApiToken(db.Model):
    """A bearer token; only its SHA-256 is stored."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[datetime | None]

    user = relationship(User)


class LoginSession(db.Model):
    """A server-side record of a login, so that logout really ends it."""

    __tablename__ = "login_sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    ended_at: Mapped[datetime | None]
    ip: Mapped[str | None] = mapped_column(String(45))

    user = relationship(User, lazy="joined")


class LoginThrottle(db.Model):
    """Failed logins in a row for one account or one client address, and when the next
    attempt may be checked (rules/logins.py). In the database, so that every worker and
    server sees the same count."""

    __tablename__ = "login_throttles"

    # "account:<keyed hash of the email>" or "address:<IP, or the /64 of an IPv6 address>"
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    failures: Mapped[int] = mapped_column(default=0)
    last_failure_at: Mapped[datetime | None] = mapped_column(index=True)
    next_allowed_at: Mapped[datetime | None]
