"""Registering students: validation and duplicates, nothing half-stored."""
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from coordination.errors import Conflict, Forbidden, NotFound, ValidationError
from coordination.extensions import db
from coordination.students import services
from coordination.students.models import Student
from coordination.timeutil import today_local


def data(school, **kw):
    base = {"student_number": "123456", "given_name": "Noor", "family_name": "van Dijk",
            "date_of_birth": date(2011, 4, 2), "school_id": school.id, "level": "havo",
            "has_startkwalificatie": False, "postcode": "3511ab"}
    return {**base, **kw}


def count():
    return db.session.scalar(sa.select(sa.func.count(Student.id)))


def test_register_a_student_and_audit_it(app, make):
    school = make.school()
    actor = make.user("professional", schools=[school])
    student = services.register_student(actor, data(school))
    assert (student.full_name, student.postcode, student.created_by_id) == (
        "Noor van Dijk", "3511 AB", actor.id)
    from coordination.audit.models import AuditEvent
    assert db.session.scalar(sa.select(AuditEvent.action).where(
        AuditEvent.student_id == student.id)) == "student.create"


def test_the_same_number_at_the_same_school_is_a_conflict(app, make):
    school = make.school()
    actor = make.user("professional", schools=[school])
    services.register_student(actor, data(school))
    with pytest.raises(Conflict) as caught:
        services.register_student(actor, data(school, given_name="Other"))
    assert caught.value.code == "duplicate_student_number"
    # The same number at another school is a different student.
    make.link(actor, make.school())
    services.register_student(actor, data(actor.schools[-1]))
    assert count() == 2


def test_a_date_of_birth_in_the_future_is_refused(app, make):
    tomorrow = today_local() + timedelta(days=1)
    school = make.school()
    with pytest.raises(ValidationError) as caught:
        services.register_student(make.user("professional", schools=[school]),
                                  data(school, date_of_birth=tomorrow))
    assert "date_of_birth" in caught.value.fields and count() == 0


def test_a_vso_profile_outside_vso_is_refused(app, make):
    school = make.school()
    with pytest.raises(ValidationError) as caught:
        services.register_student(make.user("professional", schools=[school]),
                                  data(school, vso_profile="arbeidsmarkt"))
    assert set(caught.value.fields) == {"vso_profile"} and count() == 0


def test_a_school_one_is_not_linked_to_is_like_a_missing_one(app, make):
    own, other = make.school(), make.school()
    actor = make.user("professional", schools=[own])
    answers = []
    for school_id in (other.id, 999999):
        with pytest.raises(NotFound) as caught:
            services.register_student(actor, data(own, school_id=school_id))
        answers.append({k: [str(m) for m in v] for k, v in caught.value.fields.items()})
    assert answers[0] == answers[1] and list(answers[0]) == ["school_id"]
    assert count() == 0


@pytest.mark.parametrize("role", ["parent", "youth", "admin"])
def test_only_professionals_register_students(app, make, role):
    with pytest.raises(Forbidden):
        services.register_student(make.user(role), data(make.school()))
