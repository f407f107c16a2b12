"""A demo region at the region's scale (issue 12): `flask demo load --scale region`.

25 schools of 1,200 students (30,000), 3,000 open cases over the tiers, 100 absence rows
per student over the last twelve months (3,000,000) and a year of agreements, reviews,
tier changes, home visits and follow-up of school leavers. `factor` multiplies the
region (schools, students, cases, rows and the people who work on them), never one
person's work: every coordinator has about 55 cases, the officer `leerplicht@` acts for
1 school and `rmc@` for 25 at any factor.

Everything is written in bulk, not as ORM objects (coordination/demo/bulk.py: one binary
COPY a table on PostgreSQL, Core executemany on SQLite), so the whole region loads in
minutes; the stored signal state is then computed by
`coordination.signals.store.refresh_stale`, as the scheduler would. The absences come
from the generator the attendance bench uses too (`student_absences`): most students are
regular, about one in ten follows a pattern that trips a signal near today, and the
cases go to those students first (absences.py); the year on the cases is drawn in
region_cases.py, the schools and the people in region_people.py. Deterministic: one
seeded generator.
"""
import random
import time as clock
from datetime import timedelta

from sqlalchemy import func, select

from coordination.accounts.models import PARENT, YOUTH, User, municipality_key, user_schools
from coordination.accounts.passwords import hash_password
from coordination.agreements.models import Agreement, AgreementRevision
from coordination.attendance.holidays import REGION_HOLIDAYS
from coordination.attendance.models import CalendarClosure
from coordination.cases.models import OPEN, Case, CaseMember, CoordinatorHandover
from coordination.demo import loader, people, region_people
from coordination.demo.absences import PROFILE_WEIGHTS, PROFILES, insert_absences
from coordination.demo.bulk import insert_rows
from coordination.demo.region_cases import case_rows, history_rows, rmc_key, school_plans
from coordination.demo.region_people import HOLIDAYS_2025, REGION, SCHOOL_KINDS
from coordination.extensions import db
from coordination.followup.models import ContactAttempt, Deregistration, Enrolment
from coordination.rules.calendar import SchoolCalendar
from coordination.schools.models import School
from coordination.students.models import Student
from coordination.tiers.models import Review, TierChange
from coordination.timeutil import today_local, utcnow
from coordination.visits.models import HomeVisit

SEED = 2027
SCHOOLS = 25
STUDENTS_PER_SCHOOL = 1200
CASES_PER_SCHOOL = 120  # of which FOLLOWUP_PER_SCHOOL follow-up cases of leavers
FOLLOWUP_PER_SCHOOL = 10
ABSENCES_PER_STUDENT = 100
BATCH = 5000


def _insert(table, rows):
    insert_rows(table, rows, BATCH)


def _ids(column, where, order):
    return db.session.scalars(select(column).where(where).order_by(order)).all()


class Region:
    """One load: ids and plans shared by the steps below."""

    def __init__(self, factor, today, echo, per_school=STUDENTS_PER_SCHOOL):
        self.per_school = per_school  # tests load a small region; cases stay one in ten
        self.cases_per_school = CASES_PER_SCHOOL * per_school // STUDENTS_PER_SCHOOL
        self.followup_per_school = max(1, FOLLOWUP_PER_SCHOOL * per_school
                                       // STUDENTS_PER_SCHOOL)
        self.rng = random.Random(SEED)
        self.today, self.echo = today, echo
        self.schools = max(1, round(SCHOOLS * factor))
        self.users = {}  # key -> id
        self.timings = {}

    def step(self, name, work):
        start, cpu = clock.perf_counter(), clock.process_time()
        result = work()
        db.session.commit()
        self.timings[name] = clock.perf_counter() - start
        self.echo(f"  {name:<40} {self.timings[name]:6.1f} s "
                  f"(this process's CPU {clock.process_time() - cpu:5.1f} s)")
        return result

    # people and places (region_people.py)
    def people(self):
        self.password_hash = hash_password(people.DEMO_PASSWORD)
        _insert(School.__table__, region_people.school_rows(self.schools))
        self.school_ids = _ids(School.id, School.brin.like("%RG"), School.id)
        _insert(User.__table__, region_people.staff_rows(self.schools, self.password_hash))
        self.users = dict(db.session.execute(select(User.email, User.id).where(
            User.email.like(f"%@{people.DOMAIN}"))).all())
        self.users = {email.split("@")[0]: uid for email, uid in self.users.items()}
        _insert(user_schools, [{"user_id": u, "school_id": self.school_ids[s - 1]}
                               for u, s in region_people.school_links(self.users,
                                                                      self.schools)])
        _insert(CalendarClosure.__table__, [
            {"region": REGION, "first": c.first, "last": c.last, "name": c.name,
             "by_id": self.users["beheer"]} for c in HOLIDAYS_2025])
        self.calendar = SchoolCalendar(REGION_HOLIDAYS[REGION] + HOLIDAYS_2025)
        self.days = self.calendar.school_days(self.today - timedelta(days=365), self.today)

    def students(self):
        rng, now, rows = self.rng, utcnow(), []
        self.profile = {}
        for s, school_id in enumerate(self.school_ids, 1):
            levels = SCHOOL_KINDS[s % 3][1]
            for n in range(self.per_school):
                level = rng.choices(list(levels), list(levels.values()))[0]
                age = rng.randint(*people.AGES[level])
                town, low, high = rng.choice(people.TOWNS)
                born = self.today - timedelta(days=365 * age + rng.randint(0, 364))
                municipality = people.MUNICIPALITY[town]
                rows.append({
                    "school_id": school_id, "student_number": f"{s:02d}{n:05d}",
                    "given_name": rng.choice(people.GIVEN_NAMES),
                    "family_name": rng.choice(people.FAMILY_NAMES), "date_of_birth": born,
                    "level": level, "has_startkwalificatie":
                        level in ("mbo-3", "mbo-4") and age >= 18 and rng.random() < 0.06,
                    "city": town, "municipality": municipality,
                    "municipality_key": municipality_key(municipality),
                    "address": f"{rng.choice(people.STREETS)} {rng.randint(1, 180)}",
                    "postcode": f"{rng.randint(low, high)} {rng.choice(people.POSTCODE_LETTERS)}",
                    "created_at": now})
        _insert(Student.__table__, rows)
        found = db.session.execute(select(Student.id, Student.school_id, Student.date_of_birth,
                                          Student.has_startkwalificatie)
                                   .order_by(Student.id)).all()
        self.by_school = {}
        for sid, school_id, born, has_sk in found:
            self.by_school.setdefault(school_id, []).append((sid, born, has_sk))
            self.profile[sid] = rng.choices(PROFILES, PROFILE_WEIGHTS)[0]

    def absences(self):
        """ABSENCES_PER_STUDENT rows a student (absences.py)."""
        self.absence_count = insert_absences(self.rng, self.by_school, self.profile,
                                             self.days, ABSENCES_PER_STUDENT, BATCH)

    # cases and their year
    def cases(self):
        self.plans = []
        for s, school_id in enumerate(self.school_ids, 1):
            self.plans += school_plans(self.rng, self.today, s, self.by_school[school_id],
                                       self.profile, self.cases_per_school,
                                       self.followup_per_school)
        _insert(Case.__table__, case_rows(self.rng, self.today, self.users, self.plans))
        case_of = dict(db.session.execute(select(Case.student_id, Case.id)).all())
        for plan in self.plans:
            plan["case"] = case_of[plan["student"]]

    def history(self):
        """Opening rows, teams, tier changes, reviews, agreements, visits, follow-up."""
        rows = history_rows(self.rng, self.today, self.users, self.school_ids, self.plans,
                            rmc_key)
        for key, model in (("opened", CoordinatorHandover), ("members", CaseMember),
                           ("tiers", TierChange), ("reviews", Review), ("visits", HomeVisit),
                           ("deregistrations", Deregistration), ("enrolments", Enrolment),
                           ("contacts", ContactAttempt), ("agreements", Agreement)):
            _insert(model.__table__, rows[key])
        revisions = rows["revisions"]
        agreement_ids = _ids(Agreement.id, Agreement.case_id.in_(
            [p["case"] for p in self.plans]), Agreement.id)
        for agreement_id, revision in zip(agreement_ids[-len(revisions):], revisions):
            revision["agreement_id"] = agreement_id
        _insert(AgreementRevision.__table__, revisions)
        self.counts = {"agreements": len(rows["agreements"]), "reviews": len(rows["reviews"]),
                       "tier changes": len(rows["tiers"]), "home visits": len(rows["visits"]),
                       "leavers": len(rows["deregistrations"]),
                       "re-enrolled": len(rows["enrolments"])}

    def family(self):
        """Parents and young people on cases (region_people.family_rows)."""
        rows, links = region_people.family_rows(self.rng, self.plans, self.password_hash)
        _insert(User.__table__, rows)
        ids = dict(db.session.execute(select(User.email, User.id).where(
            User.role.in_((PARENT, YOUTH)), User.email.like(f"%@{people.DOMAIN}"))).all())
        _insert(CaseMember.__table__, [
            {"case_id": plan["case"], "user_id": ids[f"{key}@{people.DOMAIN}"], "role": role,
             "added_by_id": self.users[plan["coord"]], "added_at": plan["opened_at"]}
            for key, plan, role in links])

def has_data():
    return loader.has_data()


def load(factor=1.0, today=None, echo=print, refresh=True, per_school=STUDENTS_PER_SCHOOL):
    """Fill the region (× factor) in bulk and commit it step by step; then compute the
    stored signal state of every student, the tier-2 verdicts and the region's figures per
    school (what the scheduler's tick would store). Returns {step: seconds} and counts."""
    from coordination.region import stored as figures
    from coordination.signals import effects
    from coordination.signals import store as signals

    if db.session.scalar(select(School.id).where(School.brin.like("%RG")).limit(1)):
        import click

        raise click.ClickException("The region demo is already loaded.")
    today = today or today_local()
    region = Region(factor, today, echo, per_school)
    bind = db.session.get_bind()
    if bind.dialect.name == "sqlite":  # loading only: durability is not needed meanwhile
        db.session.execute(db.text("PRAGMA synchronous=OFF"))
    total = clock.perf_counter()
    region.step("schools, users, calendar", region.people)
    region.step("students", region.students)
    region.step("absences", region.absences)
    region.step("cases", region.cases)
    region.step("agreements, reviews, visits, follow-up", region.history)
    region.step("parents and young people", region.family)
    if bind.dialect.name == "postgresql":
        # The planner's statistics still describe empty tables, and autovacuum comes when
        # it comes: the signal state below reads the absences by the million.
        region.step("ANALYZE", lambda: db.session.execute(db.text("ANALYZE")))
    loaded = clock.perf_counter() - total
    stored = 0
    if refresh:
        stored = region.step("signals.refresh_stale (stored state)",
                             lambda: signals.refresh_stale(today))
        region.step("effects.refresh_stale (did tier 2 help?)",
                    lambda: effects.refresh_stale(today))
        region.step("region figures per school", lambda: figures.refresh_stale(today))
    return _summary(region, loaded, stored, echo)


def _summary(region, loaded, stored, echo):
    """Echo what was loaded; the figures the bench reads back."""
    open_cases = db.session.scalar(select(func.count()).select_from(Case).where(
        Case.status == OPEN))
    by_tier = dict(db.session.execute(select(Case.tier, func.count()).where(
        Case.status == OPEN).group_by(Case.tier)).all())
    students = sum(len(v) for v in region.by_school.values())
    refreshed = region.timings.get("signals.refresh_stale (stored state)", 0)
    echo(f"Region loaded in {loaded:.0f} s (+ {refreshed:.0f} s signal state): "
         f"{region.schools} schools, {students} students, {open_cases} open cases "
         f"(tier 1/2/3: {by_tier.get(1, 0)}/{by_tier.get(2, 0)}/{by_tier.get(3, 0)}, "
         f"tier 2 {by_tier.get(2, 0) / students:.1%} and tier 3 {by_tier.get(3, 0) / students:.1%}"
         f" of students), {region.absence_count} absence rows, "
         + ", ".join(f"{v} {k}" for k, v in region.counts.items())
         + f"; signal state stored for {stored} students.")
    return {"timings": region.timings, "loaded": loaded, "students": students,
            "open_cases": open_cases, "absences": region.absence_count}

