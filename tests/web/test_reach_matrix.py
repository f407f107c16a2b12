"""Reach, route by route: every route that names a student, for every role, from inside
and outside the student's school and municipality (issue 9).

Walks `app.url_map`, so a new student route is checked without being listed here. For an
actor outside reach the answer must be the answer for a student that does not exist:
the same status, and for the API the same body. Inside reach the route must not hide the
student (any answer but 404).
"""
from datetime import date, time

import pytest

from coordination.attendance.models import Absence
from coordination.extensions import db

MISSING = 2_000_000  # a student id that does not exist

# actor: (role, linked to the student's school?, acts for the student's municipality?)
ACTORS = {
    "mentor_here": ("professional", True, False),
    "mentor_elsewhere": ("professional", False, False),
    "coordinator_here": ("coordinator", True, False),
    "coordinator_elsewhere": ("coordinator", False, False),
    "officer_of_residence": ("attendance_officer", False, True),
    "officer_of_school": ("attendance_officer", True, False),
    "officer_elsewhere": ("attendance_officer", False, False),
    "admin": ("admin", True, False),
    "parent_elsewhere": ("parent", False, False),
    # figures for the student's school and municipality, never the student
    "analyst_here": ("analyst", True, True),
}
IN_REACH = {"mentor_here", "coordinator_here", "officer_of_residence", "officer_of_school"}


@pytest.fixture
def world(make):
    here, elsewhere = make.school(region="midden"), make.school(region="midden")
    student = make.student(here, municipality="Zeist", dob=date(2011, 1, 1))
    absence = Absence(student_id=student.id, day=date(2026, 11, 2), start=time(8, 30),
                      end=time(9, 30), kind="unauthorised", source="import")
    db.session.add(absence)
    db.session.commit()
    people = {}
    for name, (role, at_school, resident) in ACTORS.items():
        people[name] = make.user(
            role, schools=[here if at_school else elsewhere] if role != "parent" else [],
            municipalities=["Zeist" if resident else "Utrecht"]
            if role in ("attendance_officer", "analyst") else ())
    return student, absence, people


def student_routes(app):
    for rule in app.url_map.iter_rules():
        if "student_id" in rule.arguments and "case_id" not in rule.arguments:
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                yield rule, method


def url(rule, student_id, absence_id):
    return (rule.rule.replace("<int:student_id>", str(student_id))
            .replace("<int:absence_id>", str(absence_id)))


def ask(app, make, person, method, path):
    client = app.test_client()
    headers = {}
    if path.startswith("/api/"):
        headers = make.token(person)
    else:
        make.login(client, person)
    body = {} if method == "POST" else None
    response = client.open(path, method=method, headers=headers,
                           json=body if path.startswith("/api/") else None,
                           data=body if not path.startswith("/api/") else None)
    return response.status_code, response.get_json(silent=True)


def test_routes_that_name_a_student_follow_reach(app, make, world):
    student, absence, people = world
    routes = list(student_routes(app))
    assert len(routes) >= 8  # the walk finds the student routes
    failures = []
    for rule, method in routes:
        for name, person in people.items():
            db.session.expire_all()
            got = ask(app, make, person, method, url(rule, student.id, absence.id))
            missing = ask(app, make, person, method, url(rule, MISSING, absence.id))
            # The privacy officer (an admin) exports any student (AVG), nothing else.
            if name in IN_REACH or (name == "admin" and "export" in rule.endpoint):
                if got[0] == 404:
                    failures.append(f"{method} {rule.rule} as {name}: 404 inside reach")
            elif got != missing:
                failures.append(f"{method} {rule.rule} as {name}: {got[0]} {got[1]} but a "
                                f"missing student gives {missing[0]} {missing[1]}")
    assert not failures, "\n".join(failures)


def test_opening_a_case_through_the_api_follows_reach(app, client, make, world):
    student, _absence, people = world
    answers = {}
    for name in ("coordinator_elsewhere", "officer_elsewhere", "mentor_elsewhere"):
        person = people[name]
        for student_id in (student.id, MISSING):
            response = client.post("/api/v1/cases", headers=make.token(person),
                                   json={"student_id": student_id, "coordinator_id": person.id})
            answers.setdefault(name, []).append((response.status_code, response.get_json()))
    for name, (hidden, missing) in answers.items():
        assert hidden == missing and hidden[0] == 422, name
    response = client.post("/api/v1/cases", headers=make.token(people["officer_of_residence"]),
                           json={"student_id": student.id,
                                 "coordinator_id": people["officer_of_residence"].id})
    assert response.status_code == 201
