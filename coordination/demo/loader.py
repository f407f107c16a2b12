"""Demo data: a realistic region with three schools, 600 students and 40 open cases.

Everything comes from one seeded random generator, so every load gives the same people
and cases; only ages and dates are relative to today. No audit events are written: this
is demo data, not something a person did.
"""
import random
from datetime import timedelta

import click
from sqlalchemy import insert, select

from coordination.accounts.models import (
    ANALYST,
    ROLES,
    User,
    UserMunicipality,
    municipality_key,
)
from coordination.accounts.passwords import hash_password
from coordination.attendance.models import Absence
from coordination.demo import attendance, case_plans
from coordination.demo.draws import age, phone
from coordination.demo.people import (  # noqa: F401  (STAFF, DOMAIN: imported from here)
    ADULT_NAMES,
    AGES,
    ANALYST_LOGIN,
    DEMO_PASSWORD,
    DOMAIN,
    FAMILY_NAMES,
    GIVEN_NAMES,
    MENTOR_OF,
    MUNICIPALITY,
    OFFICER_MUNICIPALITIES,
    POSTCODE_LETTERS,
    SCHOOLS,
    SHOWN_LOGIN,
    STAFF,
    STREETS,
    TOWNS,
)
from coordination.extensions import db
from coordination.followup import services as followup
from coordination.rules.followup import CONTACT_WORKING_DAYS, add_working_days
from coordination.schools.models import School
from coordination.students.models import Student
from coordination.tiers import services as tiers
from coordination.timeutil import today_local

SEED = 2026
STUDENTS_PER_SCHOOL = 200


def has_data():
    """True when the users table has any row."""
    return db.session.scalar(select(User.id).limit(1)) is not None


def load(today=None):
    """Fill the demo region in one transaction and commit it; ages, cases and attendance
    are placed relative to `today` (default: today in the Netherlands)."""
    brins, emails = [row[2] for row in SCHOOLS], [f"{row[0]}@{DOMAIN}" for row in STAFF]
    if (db.session.scalar(select(User.id).where(User.email.in_(emails)).limit(1))
            or db.session.scalar(select(School.id).where(School.brin.in_(brins)).limit(1))):
        # A ClickException: `flask demo load` shows it as a plain error, not a traceback.
        raise click.ClickException("The demo data is already loaded (users or schools).")
    rng, today = random.Random(SEED), today or today_local()
    password_hash = hash_password(DEMO_PASSWORD)  # argon2 is slow: hash once, reuse
    schools, staff = _schools_and_staff(rng, password_hash)
    by_school = {  # student numbers: six digits, unique per school
        key: [_student(rng, schools[key].id, str(n), levels, staff[mentor].id, today)
              for n in rng.sample(range(100000, 1000000), STUDENTS_PER_SCHOOL)]
        for key, _, _, _, _, mentor, levels in SCHOOLS}
    db.session.add_all([s for group in by_school.values() for s in group])
    db.session.flush()
    plans = case_plans.case_plans(rng, by_school, today)
    cases = [case_plans.new_case(rng, staff, plan, today) for plan in plans]
    db.session.add_all(cases)
    db.session.flush()
    for plan, case in zip(plans, cases):
        db.session.add_all(case_plans.history(rng, staff, plan, case)
                           + case_plans.team(rng, staff, plan, case))
    db.session.add_all(case_plans.family(rng, plans, cases, password_hash))
    _reviews_due_soon(plans, cases, today)
    students = [s for group in by_school.values() for s in group]
    rows = attendance.absence_rows(rng, students, _pattern_students(plans), today)
    if rows:
        db.session.execute(insert(Absence), rows)
    db.session.commit()
    _leavers(rng, staff, students, {p["student"].id for p in plans}, today)


def _schools_and_staff(rng, password_hash):
    """The three schools and their staff, stored (flushed): ({key: School}, {key: User})."""
    schools = {row[0]: School(name=row[1], brin=row[2], region=row[3]) for row in SCHOOLS}
    staff = {key: User(email=f"{key}@{DOMAIN}", name=name, role=role, job_title=title,
                       phone=phone(rng), password_hash=password_hash,
                       schools=[schools[k] for k in (at.split() if at != "*" else schools)])
             for key, name, role, title, _, at in STAFF}
    for key, names in OFFICER_MUNICIPALITIES.items():
        staff[key].municipalities = [UserMunicipality(key=municipality_key(n), name=n)
                                     for n in names]
    # The partnership's policy analyst: figures for every school, no case, no student
    # (made apart from STAFF so that the seeded draws stay the same).
    staff[ANALYST_LOGIN] = User(email=f"{ANALYST_LOGIN}@{DOMAIN}", name="Femke Jansen",
                                role=ANALYST, job_title="Beleidsmedewerker samenwerkingsverband",
                                password_hash=password_hash, schools=list(schools.values()))
    db.session.add_all(list(schools.values()) + list(staff.values()))
    db.session.flush()
    return schools, staff


def _reviews_due_soon(plans, cases, today):
    """Two of regie@'s cases (without a parent account) have a review clock that runs out
    now, so the scheduler has work from its first minute: one review is due tomorrow, and
    one was due yesterday (its first tick escalates that case and tells the team)."""
    regie = [case for plan, case in zip(plans, cases) if plan["coord"] == "regie"][5:]
    for case, days in zip(sorted(regie, key=lambda c: c.tier < 2), (1, -1)):
        case.tier = max(case.tier, 2)
        tiers.schedule_review(case, today - timedelta(days=42), today + timedelta(days=days))


def _left_for_contact_today(student, today):
    """The last day of leaving school whose first contact is due today (or, on a weekend,
    on the last working day before it)."""
    left = today - timedelta(days=1)
    while add_working_days(left, CONTACT_WORKING_DAYS) > today:
        left -= timedelta(days=1)
    return left


def _leavers(rng, staff, students, with_case, today):
    """Three young people who left school recently: the follow-up list is not empty, and
    the first one's contact is due today. And a 14-year-old who left last week with no new
    school: absoluut verzuim, on the attendance officer's desk at once."""
    officer = staff["leerplicht"]
    residents = set(OFFICER_MUNICIPALITIES["leerplicht"])
    free = [s for s in students if s.id not in with_case and not s.has_startkwalificatie
            and s.municipality in residents]
    pool = [s for s in free if 18 <= age(s.date_of_birth, today) < 23]
    for student, days in zip(rng.sample(pool, 3), (None, 40, 120)):
        left_on = (_left_for_contact_today(student, today) if days is None
                   else today - timedelta(days=days))
        followup.deregister(officer, student.id, left_on,
                            rng.choice(("study_choice", "school_climate", "labour_market")))
    child = rng.choice([s for s in free if age(s.date_of_birth, today) == 14])
    followup.deregister(officer, child.id, today - timedelta(days=7), "other")


def _pattern_students(plans):
    """Give each attendance pattern to a case student, so the demo shows every signal."""
    adults = [p for p in plans if p["coord"] == "rmc"]
    others = [p for p in plans if p["coord"] != "rmc"]
    chosen = dict(zip(attendance.PATTERNS[:-1], (p["student"].id for p in others)))
    if adults:
        chosen["rmc"] = adults[0]["student"].id
    return chosen


def login_lines():
    """One demo login per role, for the demo users that exist in the database."""
    users = db.session.scalars(
        select(User).where(User.email.like(f"%@{DOMAIN}")).order_by(User.id)).all()
    shown = {}  # per role the usual demo login, else the first user with that role
    for user in sorted(users, key=lambda u: u.email != f"{SHOWN_LOGIN.get(u.role)}@{DOMAIN}"):
        shown.setdefault(user.role, user)
    lines = [f"  {role:<19} {shown[role].email:<27} {DEMO_PASSWORD}"
             for role in ROLES if role in shown]
    if lines:
        lines.insert(0, f"Demo logins (role, email, password {DEMO_PASSWORD}):")
    return lines


def _student(rng, school_id, number, levels, creator_id, today):
    level = rng.choices(list(levels), list(levels.values()))[0]
    age = rng.randint(*AGES[level])
    town, low, high = rng.choice(TOWNS)
    birthday = today - timedelta(days=rng.randint(0, 364))  # the last one: `age` today
    birthday -= timedelta(days=(birthday.month, birthday.day) == (2, 29))  # no 29 Feb
    born = birthday.replace(year=birthday.year - age)
    # A few mbo-3/4 students already hold a havo diploma, hence a startkwalificatie.
    has_sk = level in ("mbo-3", "mbo-4") and age >= 18 and rng.random() < 0.06
    suffix = rng.choice(("",) * 12 + ("a", "b", " bis"))
    return Student(
        school_id=school_id, student_number=number, given_name=rng.choice(GIVEN_NAMES),
        family_name=rng.choice(FAMILY_NAMES), date_of_birth=born, level=level,
        has_startkwalificatie=has_sk, city=town, municipality=MUNICIPALITY[town],
        created_by_id=creator_id,
        address=f"{rng.choice(STREETS)} {rng.randint(1, 180)}{suffix}",
        postcode=f"{rng.randint(low, high)} {rng.choice(POSTCODE_LETTERS)}",
    )
