"""Demo data: a realistic region with three schools, 600 students and 40 open cases.

Everything comes from one seeded random generator, so every load gives the same people
and cases; only ages and dates are relative to today. No audit events are written: this
is demo data, not something a person did.
"""
import random
import unicodedata
from datetime import datetime, time, timedelta, timezone

import click
from sqlalchemy import insert, select

from coordination.accounts.models import (
    ADMIN,
    ANALYST,
    ATTENDANCE_OFFICER,
    COORDINATOR,
    PARENT,
    PROFESSIONAL,
    ROLES,
    YOUTH,
    User,
    UserMunicipality,
    municipality_key,
)
from coordination.accounts.passwords import hash_password
from coordination.attendance.models import Absence
from coordination.cases.models import (
    ABSENCE_KINDS,
    OPEN,
    TIERS,
    Case,
    CaseMember,
    CoordinatorHandover,
)
from coordination.demo import attendance
from coordination.demo.people import (
    ADULT_NAMES,
    AGES,
    DEMO_PASSWORD,
    DOMAIN,
    FAMILY_NAMES,
    GIVEN_NAMES,
    MUNICIPALITY,
    POSTCODE_LETTERS,
    STREETS,
    TOWNS,
)
from coordination.extensions import db
from coordination.followup import services as followup
from coordination.rules.followup import CONTACT_WORKING_DAYS, add_working_days
from coordination.schools.models import School
from coordination.students.models import Student
from coordination.tiers import services as tiers
from coordination.timeutil import AMSTERDAM, today_local

SEED = 2026
STUDENTS_PER_SCHOOL = 200

# key, name, BRIN, holiday region, its coordinator and mentor (staff keys), {level: weight}
SCHOOLS = (
    ("baken", "Het Baken vmbo", "04KX", "midden", "regie", "mentor.baken",
     {"vmbo-b": 25, "vmbo-k": 30, "vmbo-gt": 35, "pro": 10}),
    ("lyceum", "Stedelijk Lyceum", "17LM", "midden", "zorg.lyceum", "mentor.lyceum",
     {"havo": 55, "vwo": 45}),
    ("roc", "ROC Midden", "25PN", "midden", "zorg.roc", "slb.roc",
     {"mbo-1": 10, "mbo-2": 30, "mbo-3": 25, "mbo-4": 35}),
)
COORDINATOR_OF = {row[0]: row[4] for row in SCHOOLS}
MENTOR_OF = {row[0]: row[5] for row in SCHOOLS}
# Staff: key (= email local part)|name|role|job title|role on a case team|schools (*: all)
STAFF = [line.split("|") for line in """\
beheer|Jeroen Mulder|admin|Functioneel beheerder||
regie|Sanne Bakker|coordinator|Zorgcoördinator|care_coordinator|baken
zorg.lyceum|Mehmet Kaya|coordinator|Zorg- en ondersteuningscoördinator|care_coordinator|lyceum
zorg.roc|Ingrid van Dijk|coordinator|Coördinator studentondersteuning|care_coordinator|roc
mentor.baken|Thomas de Groot|professional|Mentor|mentor|baken
mentor.lyceum|Laura Hendriks|professional|Mentor|mentor|lyceum
slb.roc|Kees Verhoeven|professional|Studieloopbaanbegeleider|mentor|roc
jeugdarts|Anouk Smit|professional|Jeugdarts (JGZ)|school_doctor|*
jeugdhulp|Rachid El Idrissi|professional|Jeugdhulpverlener (wijkteam)|youth_care_worker|
smw|Marloes Dijkstra|professional|Schoolmaatschappelijk werker|youth_care_worker|baken roc
leerplicht|Peter van Dam|attendance_officer|Leerplichtambtenaar|attendance_officer|
rmc|Samira Bouali|attendance_officer|RMC-consulent|attendance_officer|
""".splitlines()]
CASE_ROLE = {row[0]: row[4] for row in STAFF}
# Who coordinates how many open cases, drawn from which school (40 in all).
CASE_PLAN = (
    ("regie", "baken", 15), ("zorg.lyceum", "lyceum", 8), ("zorg.roc", "roc", 9),
    ("leerplicht", "baken", 3), ("leerplicht", "lyceum", 2), ("rmc", "roc", 3),
)
# Extra conditions on the student, per coordinator (RMC: 18-23 without startkwalificatie).
FITS = {"rmc": lambda student, age: age >= 18 and not student.has_startkwalificatie,
        "leerplicht": lambda student, age: age < 18}
# Cases whose first coordinator handed over: current coordinator, previous one, reason.
HANDOVERS = (
    ("regie", "jeugdhulp", "Overdracht na verhuizing naar andere wijk"),
    ("rmc", "zorg.roc",
     "Student is 18 geworden en heeft de opleiding verlaten; het RMC neemt de regie over"),
)
# The login login_lines() shows per role.
ANALYST_LOGIN = "beleid"
SHOWN_LOGIN = {ADMIN: "beheer", COORDINATOR: "regie", PROFESSIONAL: "mentor.baken",
               ATTENDANCE_OFFICER: "leerplicht", PARENT: "ouder", YOUTH: "jongere",
               ANALYST: ANALYST_LOGIN}
TIER_WEIGHTS = (65, 27, 8)  # for TIERS: mostly tier 1, few tier 3
KIND_WEIGHTS = (50, 20, 15, 8, 7)  # for ABSENCE_KINDS: mostly "unknown" yet

# Attendance officers act for the residents of municipalities, not for schools
# (DOMAIN.md §3): the leerplichtambtenaar for four, the RMC-consulent for the whole region.
OFFICER_MUNICIPALITIES = {
    "leerplicht": ("Utrecht", "Nieuwegein", "Houten", "IJsselstein"),
    "rmc": tuple(sorted(set(MUNICIPALITY.values()))),
}

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
    schools = {row[0]: School(name=row[1], brin=row[2], region=row[3]) for row in SCHOOLS}
    staff = {key: User(email=f"{key}@{DOMAIN}", name=name, role=role, job_title=title,
                       phone=_phone(rng), password_hash=password_hash,
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
    by_school = {  # student numbers: six digits, unique per school
        key: [_student(rng, schools[key].id, str(n), levels, staff[mentor].id, today)
              for n in rng.sample(range(100000, 1000000), STUDENTS_PER_SCHOOL)]
        for key, _, _, _, _, mentor, levels in SCHOOLS}
    db.session.add_all([s for group in by_school.values() for s in group])
    db.session.flush()
    plans = _case_plans(rng, by_school, today)
    cases = [_new_case(rng, staff, plan, today) for plan in plans]
    db.session.add_all(cases)
    db.session.flush()
    for plan, case in zip(plans, cases):
        db.session.add_all(_history(rng, staff, plan, case) + _team(rng, staff, plan, case))
    db.session.add_all(_family(rng, plans, cases, password_hash))
    _reviews_due_soon(plans, cases, today)
    students = [s for group in by_school.values() for s in group]
    rows = attendance.absence_rows(rng, students, _pattern_students(plans), today)
    if rows:
        db.session.execute(insert(Absence), rows)
    db.session.commit()
    _leavers(rng, staff, students, {p["student"].id for p in plans}, today)


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
    pool = [s for s in free if 18 <= _age(s.date_of_birth, today) < 23]
    for student, days in zip(rng.sample(pool, 3), (None, 40, 120)):
        left_on = (_left_for_contact_today(student, today) if days is None
                   else today - timedelta(days=days))
        followup.deregister(officer, student.id, left_on,
                            rng.choice(("study_choice", "school_climate", "labour_market")))
    child = rng.choice([s for s in free if _age(s.date_of_birth, today) == 14])
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


def _case_plans(rng, by_school, today):
    """Which student gets a case coordinated by whom; each student at most once."""
    taken, plans = set(), []
    for coord, school, count in CASE_PLAN:
        fits = FITS.get(coord, lambda student, age: True)
        pool = [s for s in by_school[school]
                if s.id not in taken and fits(s, _age(s.date_of_birth, today))]
        for student in rng.sample(pool, count):
            taken.add(student.id)
            plans.append({"coord": coord, "school": school, "student": student,
                          "age": _age(student.date_of_birth, today),
                          "days": rng.randint(5, 170), "previous": None})
    for coord, previous, reason in HANDOVERS:
        plan = next(p for p in plans if p["coord"] == coord)
        plan.update(previous=previous, reason=reason, days=rng.randint(60, 150))
    return plans


def _new_case(rng, staff, plan, today):
    plan["first"] = plan["previous"] or plan["coord"]  # who coordinated from the start
    plan["first_id"] = staff[plan["first"]].id
    plan["opener"] = rng.choice((plan["first"], plan["first"], MENTOR_OF[plan["school"]]))
    plan["opened_at"] = _moment(rng, today - timedelta(days=plan["days"]))
    return Case(
        student_id=plan["student"].id, status=OPEN, coordinator_id=staff[plan["coord"]].id,
        opened_by_id=staff[plan["opener"]].id, opened_at=plan["opened_at"],
        tier=rng.choices(TIERS, TIER_WEIGHTS)[0],
        absence_kind=rng.choices(ABSENCE_KINDS, KIND_WEIGHTS)[0],
    )


def _history(rng, staff, plan, case):
    """The opening row, and for a handed-over case the hand-over itself."""
    first_id = plan["first_id"]
    rows = [CoordinatorHandover(
        case_id=case.id, from_user_id=None, to_user_id=first_id,
        by_user_id=staff[plan["opener"]].id, reason="case opened", at=plan["opened_at"])]
    if plan["previous"]:
        plan["handover_at"] = plan["opened_at"] + timedelta(
            days=rng.randint(14, plan["days"] - 7))
        rows.append(CoordinatorHandover(
            case_id=case.id, from_user_id=first_id, to_user_id=case.coordinator_id,
            by_user_id=first_id, reason=plan["reason"], at=plan["handover_at"]))
    return rows


def _team(rng, staff, plan, case):
    """2-5 professionals; the coordinator is never a member of their own case."""
    roles = {MENTOR_OF[plan["school"]]: "mentor"}
    if plan["previous"]:
        roles[plan["previous"]] = "previous_coordinator"
    social = "smw" if plan["school"] != "lyceum" and rng.random() < 0.5 else "jeugdhulp"
    candidates = [COORDINATOR_OF[plan["school"]], "jeugdarts", social,
                  "leerplicht" if plan["age"] < 18 else "rmc"]
    rng.shuffle(candidates)
    if case.tier == 3:  # tier 3: youth care at the table
        candidates.insert(0, "jeugdhulp")
    target = rng.randint(2, 5)
    for key in candidates:
        if len(roles) < target and key != plan["coord"] and key not in roles:
            roles[key] = CASE_ROLE[key]
    return [CaseMember(
        case_id=case.id, user_id=staff[key].id, role=role, added_by_id=plan["first_id"],
        added_at=plan["handover_at"] if role == "previous_coordinator"
        else plan["opened_at"] + timedelta(days=rng.randint(0, 3)),
    ) for key, role in roles.items()]


def _family(rng, plans, cases, password_hash):
    """Parent accounts on 10 cases (5 of them regie@'s) and youth accounts on 4."""
    regie = [i for i, p in enumerate(plans) if p["coord"] == "regie"]
    others = [i for i in range(len(plans)) if i not in regie]
    with_parent = regie[:5] + sorted(rng.sample(others, 5))
    with_youth = with_parent[:2] + [i for i in with_parent[2:] if plans[i]["age"] >= 14][:2]
    emails, rows = set(), []
    for role, indexes in ((PARENT, with_parent), (YOUTH, with_youth)):
        for n, i in enumerate(indexes):
            rows += _family_member(rng, plans[i], cases[i], role, n == 0, emails,
                                   password_hash)
    return rows


def _family_member(rng, plan, case, role, shown, emails, password_hash):
    """A parent or youth account and its membership; `shown` gets the short login."""
    given, family = plan["student"].given_name, plan["student"].family_name
    if role == PARENT:
        given = rng.choice(ADULT_NAMES)
        family = family if rng.random() < 0.8 else rng.choice(FAMILY_NAMES)
    local = SHOWN_LOGIN[role] if shown else f"{_slug(given)}.{_slug(family)}"
    email = next(e for n in range(1, 100)
                 if (e := f"{local}{n if n > 1 else ''}@{DOMAIN}") not in emails)
    emails.add(email)
    user = User(email=email, name=f"{given} {family}", role=role, phone=_phone(rng),
                password_hash=password_hash)
    return [user, CaseMember(case_id=case.id, user=user, role=role,
                             added_by_id=plan["first_id"],
                             added_at=plan["opened_at"] + timedelta(days=rng.randint(1, 4)))]


def _slug(text):
    text = unicodedata.normalize("NFKD", text.replace("ı", "i"))  # ı: Turkish dotless i
    return "".join(c for c in text.encode("ascii", "ignore").decode().lower() if c.isalnum())


def _phone(rng):
    return f"06-{rng.randint(10000000, 99999999)}"


def _moment(rng, day):
    """A time during a school day on `day`, in UTC."""
    local = datetime.combine(day, time(rng.randint(8, 16), rng.choice((0, 15, 30, 45))),
                             tzinfo=AMSTERDAM)
    return local.astimezone(timezone.utc)


def _age(born, today):
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))

