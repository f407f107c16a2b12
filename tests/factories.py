"""Building blocks for tests: rows straight into the database, fast (no password hashing
unless a password is asked for)."""
import itertools
import secrets
from contextlib import contextmanager
from datetime import date

from sqlalchemy import event

from coordination.accounts.models import LoginSession, User, UserMunicipality, municipality_key
from coordination.accounts.passwords import hash_password
from coordination.accounts.tokens import issue_token
from coordination.agreements.models import Agreement, AgreementRevision, Proposal
from coordination.cases.models import CaseMember
from coordination.cases.services import new_case
from coordination.extensions import db
from coordination.meetings.models import Decision, Meeting
from coordination.schools.models import School
from coordination.students.models import Student
from coordination.wegwijzer import services as wegwijzer

_seq = itertools.count(1)


def school(name=None, region="midden", **kw):
    n = next(_seq)
    row = School(name=name or f"School {n}", brin=kw.pop("brin", f"{n % 100:02d}{chr(65 + n % 26)}{chr(65 + n // 26 % 26)}"),
                 region=region, **kw)
    db.session.add(row)
    db.session.commit()
    return row


def user(role="coordinator", name=None, password=None, municipalities=(), **kw):
    """A user; an attendance officer acts for the residents of `municipalities`."""
    n = next(_seq)
    row = User(email=kw.pop("email", f"user{n}@test.regie.nl"), name=name or f"{role.title()} {n}",
               role=role, password_hash=hash_password(password) if password else None, **kw)
    row.municipalities = [UserMunicipality(key=municipality_key(m), name=m) for m in municipalities]
    db.session.add(row)
    db.session.commit()
    return row


def link(user_row, school_row):
    """Link a professional to a school, so its students are in their reach."""
    user_row.schools.append(school_row)
    db.session.commit()
    return user_row


def student(school_row=None, dob=date(2011, 5, 1), **kw):
    n = next(_seq)
    row = Student(school_id=(school_row or school()).id, student_number=kw.pop("student_number", f"S{n:05d}"),
                  given_name=kw.pop("given_name", f"Sam{n}"), family_name=kw.pop("family_name", "de Vries"),
                  date_of_birth=dob, level=kw.pop("level", "vmbo-k"), **kw)
    db.session.add(row)
    db.session.commit()
    return row


def case(coordinator, student_row=None, members=(), **kw):
    """An open case with `members` given as (user, role) pairs."""
    student_row = student_row or student()
    row = new_case(student_row.id, coordinator.id, coordinator.id, "case opened")
    for name, value in kw.items():
        setattr(row, name, value)
    for member, role in members:
        db.session.add(CaseMember(case_id=row.id, user_id=member.id, role=role,
                                  added_by_id=coordinator.id))
    db.session.commit()
    return row


def agreement(case_row, author, text="Sam goes to school on Monday", visibility="everyone",
              owner=None, due_date=None, status="open"):
    """An agreement with its first revision; returns the revision."""
    row = Agreement(case_id=case_row.id, created_by_id=author.id)
    db.session.add(row)
    db.session.flush()
    revision = AgreementRevision(agreement_id=row.id, number=1, text=text, status=status,
                                 owner_user_id=(owner or author).id, due_date=due_date,
                                 visibility=visibility, author_id=author.id)
    db.session.add(revision)
    db.session.commit()
    return revision


def decision(case_row, author, text="Mentor calls every Monday"):
    """A meeting on the case with one decision; returns the decision."""
    meeting = Meeting(case_id=case_row.id, held_on=date(2026, 10, 1), attendees="team",
                      discussed="attendance", author_id=author.id)
    db.session.add(meeting)
    db.session.flush()
    row = Decision(meeting_id=meeting.id, text=text)
    db.session.add(row)
    db.session.commit()
    return row


def proposal(case_row, author=None, text="I want to start at ten"):
    """A proposal by the case's youth member (or the given author)."""
    author_id = author.id if author else next(
        (m.user_id for m in case_row.members if m.role == "youth"), case_row.coordinator_id)
    row = Proposal(case_id=case_row.id, author_id=author_id, text=text)
    db.session.add(row)
    db.session.commit()
    return row


def login(client, user_row):
    """Log a test client in without the password round trip."""
    record = LoginSession(id=secrets.token_urlsafe(16), user_id=user_row.id)
    db.session.add(record)
    db.session.commit()
    with client.session_transaction() as sess:
        sess["sid"] = record.id
        sess["_user_id"] = str(user_row.id)
        sess["_fresh"] = True
    return client


def logged_in(app, user_row):
    """A new test client of `app`, logged in as `user_row`."""
    return login(app.test_client(), user_row)


def case_team(dob):
    """A case whose team has a mentor, a parent and the young person (born `dob`):
    {"coordinator", "mentor", "parent", "youth", "case"}."""
    coordinator, mentor = user("coordinator"), user("professional")
    parent, youth = user("parent"), user("youth")
    case_row = case(coordinator, student_row=student(dob=dob), members=[
        (mentor, "mentor"), (parent, "parent"), (youth, "youth")])
    return {"coordinator": coordinator, "mentor": mentor, "parent": parent, "youth": youth,
            "case": case_row}


def wegwijzer_started():
    """A school whose care coordinator started a Wegwijzer trajectory:
    {"school", "care", "trajectory"}."""
    school_row = school()
    care = link(user("coordinator"), school_row)
    trajectory = wegwijzer.start(care, school_row.id, "Wegwijzer")
    return {"school": school_row, "care": care, "trajectory": trajectory}


def token(user_row):
    return {"Authorization": f"Bearer {issue_token(user_row)}"}


@contextmanager
def statements():
    """The SQL statements sent to the database inside the block, as a list."""
    sent = []

    def listen(conn, cursor, statement, *args):
        sent.append(statement)

    event.listen(db.engine, "before_cursor_execute", listen)
    try:
        yield sent
    finally:
        event.remove(db.engine, "before_cursor_execute", listen)
