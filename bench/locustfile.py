"""The load test's people (bench/load.py starts it: `python -m bench load`).

50 users in the proportions of a region's working day: coordinators on their worklists,
case lists, cases and students; attendance officers on their reports due and worklists;
parents and young people in the portal (their case page); and one school pushing an
attendance file through the API now and then. Sessions come from the JSON file named by
REGIE_LOAD_USERS (bench/load.py logs every account in before the test): each simulated
person takes the next account of its kind, so coordinators of different schools work at
once.
Loopback only: the host is the gunicorn that bench/load.py started on 127.0.0.1.
"""
import itertools
import json
import os
import random
import re

from locust import HttpUser, between, task

LINK_CASE = re.compile(r'href="/cases/(\d+)"')
LINK_STUDENT = re.compile(r'href="/students/(\d+)"')

with open(os.environ["REGIE_LOAD_USERS"]) as people:
    PEOPLE = json.load(people)
NEXT = {kind: itertools.cycle(cookies) for kind, cookies in PEOPLE["sessions"].items()}
KINDS = ("sick", "late", "unauthorised", "leave")


class Person(HttpUser):
    abstract = True
    kind = None
    wait_time = between(1, 4)

    def on_start(self):
        # Logged in before the test (bench/load.py): people are at work, not logging in.
        name, _, value = next(NEXT[self.kind]).partition("=")
        self.client.cookies.set(name, value)
        self.cases, self.students = [], []

    def page(self, path, name):
        answer = self.client.get(path, name=name)
        return answer.text if answer.ok else ""


class Coordinator(Person):
    kind = "coordinator"
    weight = 20

    @task(3)
    def worklist(self):
        self.page("/worklist", "/worklist")

    @task(3)
    def case_list(self):
        body = self.page("/cases/", "/cases/")
        self.cases = LINK_CASE.findall(body)[:30] or self.cases

    @task(4)
    def case(self):
        if self.cases:
            body = self.page(f"/cases/{random.choice(self.cases)}", "/cases/[id]")
            self.students = LINK_STUDENT.findall(body)[:1] + self.students[:20]

    @task(2)
    def student(self):
        if self.students:
            self.page(f"/students/{random.choice(self.students)}", "/students/[id]")


class Officer(Person):
    kind = "officer"
    weight = 10

    @task(3)
    def reports_due(self):
        self.page("/attendance/reports", "/attendance/reports")

    @task(2)
    def worklist(self):
        self.page("/worklist", "/worklist")

    @task(1)
    def case_list(self):
        self.page("/cases/", "/cases/")


class Parent(Person):
    kind = "parent"
    weight = 12

    @task
    def portal(self):
        self.page("/cases/", "/cases/ (portal)")  # one case: redirected to it


class Youth(Person):
    kind = "youth"
    weight = 7

    @task
    def portal(self):
        self.page("/cases/", "/cases/ (portal)")


class School(HttpUser):
    """A school's registration system: a small attendance file through the API."""
    fixed_count = 1
    wait_time = between(5, 10)

    def on_start(self):
        self.headers = {"Authorization": f"Bearer {PEOPLE['token']}",
                        "Content-Type": "text/csv"}
        self.numbers = PEOPLE["student_numbers"]
        self.days = PEOPLE["school_days"]  # recent school days of the region, not today

    @task
    def push_import(self):
        day = random.choice(self.days)
        rows = ["student_number,date,start,end,kind"]
        # An hour after the region's lessons, so no row overlaps one stored by the demo;
        # the same student and day always get the same kind: a repeat is a duplicate.
        for number in random.sample(self.numbers, 100):
            kind = KINDS[hash((number, day)) % len(KINDS)]
            rows.append(f"{number},{day},14:30,15:30,{kind}")
        with self.client.post(f"/api/v1/attendance/import?school_id={PEOPLE['school_id']}",
                              data="\n".join(rows) + "\n", headers=self.headers,
                              name="/api/v1/attendance/import", catch_response=True) as answer:
            if answer.status_code != 200:
                answer.failure(f"{answer.status_code}: {answer.text[:200]}")
