"""A demo region at the region's scale (issue 12): `flask demo load --scale region`.

25 schools of 1,200 students (30,000), 3,000 open cases over the tiers, 100 absence rows
per student over the last twelve months (3,000,000) and a year of agreements, reviews,
tier changes, home visits and follow-up of school leavers. `factor` multiplies the
region (schools, students, cases, rows and the people who work on them), never one
person's work: every coordinator has about 55 cases, the officer `leerplicht@` acts for
1 school and `rmc@` for 25 at any factor.

Everything is written with bulk Core inserts (executemany), not ORM objects, so the whole
region loads in minutes; the stored signal state is then computed by
`coordination.signals.store.refresh_stale`, as the scheduler would. The absences come
from the generator the attendance bench uses too (`student_absences`): most students are
regular, about one in ten follows a pattern that trips a signal near today, and the
cases go to those students first. Deterministic: one seeded generator.
"""
import random
import time as clock
from datetime import date, datetime, time, timedelta, timezone

from sqlalchemy import func, insert, select

from coordination.accounts.models import (
    ADMIN,
    ANALYST,
    ATTENDANCE_OFFICER,
    COORDINATOR,
    PARENT,
    PROFESSIONAL,
    YOUTH,
    User,
    municipality_key,
    user_schools,
)
from coordination.accounts.passwords import hash_password
from coordination.agreements.models import Agreement, AgreementRevision
from coordination.attendance.holidays import REGION_HOLIDAYS
from coordination.attendance.models import Absence, CalendarClosure
from coordination.cases.models import CLOSED, OPEN, Case, CaseMember, CoordinatorHandover
from coordination.demo import loader, people
from coordination.extensions import db
from coordination.followup.models import ContactAttempt, Deregistration, Enrolment
from coordination.rules.calendar import Closure, SchoolCalendar
from coordination.schools.models import School
from coordination.students.models import Student
from coordination.tiers.models import Review, TierChange
from coordination.timeutil import AMSTERDAM, today_local, utcnow
from coordination.visits.models import HomeVisit

SEED = 2027
REGION = "midden"
SCHOOLS = 25
STUDENTS_PER_SCHOOL = 1200
CASES_PER_SCHOOL = 120  # of which FOLLOWUP_PER_SCHOOL follow-up cases of leavers
FOLLOWUP_PER_SCHOOL = 10
ABSENCES_PER_STUDENT = 100
SCHOOLS_PER_RMC = 25  # rmc@ acts for the first 25 schools, rmc2@ for the next 25, ...
TIER_WEIGHTS = (25, 60, 15)  # of the 2,750 school cases: 5.5 % of students at tier 2, 1.4 % at 3
BATCH = 5000
# Region midden's holidays of 2025-2026, as an admin enters them on the calendar page (the
# shipped calendar starts in 2026-2027): the absences go back twelve months.
HOLIDAYS_2025 = (
    Closure(date(2025, 10, 18), date(2025, 10, 26), "Herfstvakantie"),
    Closure(date(2025, 12, 20), date(2026, 1, 4), "Kerstvakantie"),
    Closure(date(2026, 2, 14), date(2026, 2, 22), "Voorjaarsvakantie"),
    Closure(date(2026, 4, 3), date(2026, 4, 6), "Pasen"),
    Closure(date(2026, 4, 25), date(2026, 5, 10), "Meivakantie"),
    Closure(date(2026, 5, 14), date(2026, 5, 15), "Hemelvaart"),
    Closure(date(2026, 5, 25), date(2026, 5, 25), "Pinkstermaandag"),
    Closure(date(2026, 7, 18), date(2026, 8, 30), "Zomervakantie"),
)
SCHOOL_KINDS = (  # name pattern, {level: weight}
    ("Vmbo {}", {"vmbo-b": 25, "vmbo-k": 30, "vmbo-gt": 35, "pro": 10}),
    ("Lyceum {}", {"havo": 55, "vwo": 45}),
    ("ROC {}", {"mbo-1": 10, "mbo-2": 30, "mbo-3": 25, "mbo-4": 35}),
)
AGREEMENTS = (
    "Mentorgesprek elke maandag om 8.30 uur",
    "Ouders bellen de school vóór 8.00 uur bij ziekte",
    "Aanmelding bij het wijkteam voor gezinsondersteuning",
    "Afspraak met de jeugdarts over de ziekmeldingen",
    "Rooster aangepast: start om 10.00 uur, vier weken",
    "Huiswerkbegeleiding twee middagen per week",
    "Time-outkaart: mag naar de zorgcoördinator als het te veel wordt",
    "Terugkeer naar volledige lestijd in drie stappen",
)
VISIT_NOTES = ("Gesprek met moeder en jongere; afspraken herhaald.",
               "Niemand thuis; briefkaart achtergelaten.",
               "Vader wil meewerken; jongere slaapt slecht.")
STATUS_DONE = ("done", "done", "not_met", "cancelled")

# --- the absence generator (shared with bench/attendance_region.py) ---------------------

LESSONS = tuple((time(h, 30), time(h + 1, 30)) for h in range(8, 14))  # six hours a day
TIMES = LESSONS + ((time(8, 30), time(8, 45)),)  # the six lessons, then a late arrival
LATE = len(LESSONS)
PROFILES = ("regular", "truant", "long_sick", "suspended", "luxury")
PROFILE_WEIGHTS = (90, 5, 3, 1, 1)
BLOCKS = ("sick_spell", "late", "leave", "unauthorised")
BLOCK_WEIGHTS = (4, 75, 8, 13)


def _run(rows, last, length, lessons, kind):
    """`lessons` lessons a day missed on `length` school days up to day index `last`."""
    for day in range(max(0, last - length + 1), last + 1):
        for lesson in range(lessons):
            rows.setdefault((day, lesson), kind)


def _pattern(rng, rows, profile, last, count):
    """The profile's absences, ending at most a few school days before day index `last`."""
    if profile == "truant":  # part-day truancy: more than 16 hours in 4 weeks, long runs
        lessons = rng.choice((3, 4))
        _run(rows, last - rng.randint(0, 2), min(rng.randint(8, 30), count // lessons),
             lessons, "unauthorised")
    elif profile == "long_sick":
        _run(rows, last - rng.randint(0, 2), rng.randint(4, 12), len(LESSONS), "sick")
    elif profile == "suspended":
        _run(rows, last - rng.randint(0, 8), rng.randint(1, 7), len(LESSONS), "suspended")
    elif profile == "luxury":
        _run(rows, last - rng.randint(0, 15), rng.randint(1, 3), len(LESSONS), "luxury")


def _regular(rng, rows, days, count):
    while len(rows) < count:
        block, day = rng.choices(BLOCKS, BLOCK_WEIGHTS)[0], rng.randrange(days)
        if block == "sick_spell":
            _run(rows, day, rng.randint(1, 3), len(LESSONS), "sick")
        elif block == "late":
            rows.setdefault((day, LATE), "late")
        elif block == "leave":
            _run(rows, day, 1, 2, "leave")
        else:
            rows.setdefault((day, rng.randrange(len(LESSONS))), "unauthorised")


def absences_of(rng, profile, count, days):
    """[((day index, index in TIMES), kind)]: `count` distinct absences of one student
    with this profile, on day indexes 0 … days - 1 (the pattern ends near the last)."""
    rows = {}
    _pattern(rng, rows, profile, days - 1, count)
    _regular(rng, rows, days, count)
    return list(rows.items())[:count]


def student_absences(rng, count, days):
    """A random profile's `count` absences (see absences_of)."""
    return absences_of(rng, rng.choices(PROFILES, PROFILE_WEIGHTS)[0], count, days)


# --- loading ------------------------------------------------------------------------------

def _insert(table, rows):
    for i in range(0, len(rows), BATCH):
        db.session.execute(insert(table), rows[i:i + BATCH])


def _ids(column, where, order):
    return db.session.scalars(select(column).where(where).order_by(order)).all()


def _moment(rng, day):
    local = datetime.combine(day, time(rng.randint(8, 16), rng.choice((0, 15, 30, 45))),
                             tzinfo=AMSTERDAM)
    return local.astimezone(timezone.utc)


def coordinator_key(school, k):
    """The login of a school's k-th coordinator (1 or 2); school 1's first is `regie`."""
    return "regie" if (school, k) == (1, 1) else f"zorg{k}.s{school:02d}"


def rmc_key(school):
    group = (school - 1) // SCHOOLS_PER_RMC
    return "rmc" if group == 0 else f"rmc{group + 1}"


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

    # users and schools
    def _user(self, key, name, role, title=None):
        return {"email": f"{key}@{people.DOMAIN}", "name": name, "role": role,
                "job_title": title, "password_hash": self.password_hash}

    def people(self):
        self.password_hash = hash_password(people.DEMO_PASSWORD)
        _insert(School.__table__, [
            {"name": SCHOOL_KINDS[s % 3][0].format(f"Midden {s:02d}"), "brin": f"{s:02d}RG",
             "region": REGION} for s in range(1, self.schools + 1)])
        self.school_ids = _ids(School.id, School.brin.like("%RG"), School.id)
        users = [self._user("beheer", "Jeroen Mulder", ADMIN, "Functioneel beheerder"),
                 self._user("leerplicht", "Peter van Dam", ATTENDANCE_OFFICER,
                            "Leerplichtambtenaar (1 school)"),
                 self._user("import.s01", "Roosterbureau Midden 01", COORDINATOR,
                            "Administratie (aanwezigheid)")]
        for s in range(1, self.schools + 1):
            for k in (1, 2):
                users.append(self._user(coordinator_key(s, k), f"Zorgcoördinator {s}.{k}",
                                        COORDINATOR, "Zorgcoördinator"))
            users.append(self._user(f"mentor.s{s:02d}", f"Mentor {s}", PROFESSIONAL, "Mentor"))
            users.append(self._user(f"jeugdhulp.s{s:02d}", f"Jeugdhulp {s}", PROFESSIONAL,
                                    "Jeugdhulpverlener"))
            if (s - 1) % SCHOOLS_PER_RMC == 0:
                users.append(self._user(rmc_key(s), f"RMC-consulent {rmc_key(s)}",
                                        ATTENDANCE_OFFICER, "RMC-consulent"))
        users.append(self._user("analist", "Fatima Bakker", ANALYST,
                                "Beleidsmedewerker samenwerkingsverband"))
        _insert(User.__table__, users)
        self.users = dict(db.session.execute(select(User.email, User.id).where(
            User.email.like(f"%@{people.DOMAIN}"))).all())
        self.users = {email.split("@")[0]: uid for email, uid in self.users.items()}
        links = [(self.users["leerplicht"], 1), (self.users["import.s01"], 1)]
        for s in range(1, self.schools + 1):
            keys = (coordinator_key(s, 1), coordinator_key(s, 2), f"mentor.s{s:02d}", rmc_key(s))
            links += [(self.users[key], s) for key in keys]
            if s <= SCHOOLS_PER_RMC:  # the partnership's figures: the first 25 schools
                links.append((self.users["analist"], s))
        _insert(user_schools, [{"user_id": u, "school_id": self.school_ids[s - 1]}
                               for u, s in links])
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
        """ABSENCES_PER_STUDENT rows a student, by school in day order, with the driver's
        executemany (values bound as SQLAlchemy binds them)."""
        engine = db.session.get_bind()
        dialect = engine.dialect
        days = [binder(dialect, "day")(day) for day in self.days]
        starts = [binder(dialect, "start")(start) for start, _ in TIMES]
        ends = [binder(dialect, "end")(end) for _, end in TIMES]
        fixed = (binder(dialect, "source")("import"), binder(dialect, "withdrawn")(False))
        # Registered on the day itself, as a school's daily export brings them: the
        # attendance feed (tiers/attendance_feed.py) treats rows created in the last two
        # days as new, and must not see a year of them as new.
        created = [binder(dialect, "created_at")(
            datetime.combine(day, time(17), tzinfo=AMSTERDAM).astimezone(timezone.utc))
            for day in self.days]
        sql = insert_sql(dialect, "absences", ABSENCE_COLUMNS)
        connection = db.session.connection().connection.dbapi_connection
        cursor, count = connection.cursor(), 0
        indexes = _secondary_indexes(cursor, dialect.name)
        for name, _ in indexes:  # built once at the end: faster than row by row
            cursor.execute(f"DROP INDEX {name}")
        for students in self.by_school.values():
            rows = sorted((day, sid, lesson, kind) for sid, _, _ in students
                          for (day, lesson), kind in absences_of(
                              self.rng, self.profile[sid], ABSENCES_PER_STUDENT, len(self.days)))
            params = [(sid, days[day], starts[lesson], ends[lesson], kind, *fixed,
                       created[day]) for day, sid, lesson, kind in rows]
            for i in range(0, len(params), BATCH):
                cursor.executemany(sql, params[i:i + BATCH])
            count += len(params)
        for _, create in indexes:
            cursor.execute(create)
        self.absence_count = count

    # cases and their year
    def cases(self):
        rng, today = self.rng, self.today
        self.plans = []
        for s, school_id in enumerate(self.school_ids, 1):
            students = self.by_school[school_id]
            at_risk = [st for st in students if self.profile[st[0]] != "regular"]
            regular = [st for st in students if self.profile[st[0]] == "regular"]
            rng.shuffle(at_risk)
            want = self.cases_per_school - self.followup_per_school
            chosen = (at_risk + rng.sample(regular, max(0, want - len(at_risk))))[:want]
            taken = {st[0] for st in chosen}
            for n, (sid, born, _) in enumerate(chosen):
                days = rng.randint(10, 330)
                self.plans.append({
                    "school": s, "student": sid, "coord": coordinator_key(s, 1 + n % 2),
                    "tier": rng.choices((1, 2, 3), TIER_WEIGHTS)[0],
                    "opened": today - timedelta(days=days), "followup": False})
            leavers = [st for st in students if st[0] not in taken and not st[2]
                       and 16 <= (today - st[1]).days // 365 < 23]
            for sid, born, _ in rng.sample(leavers, min(self.followup_per_school,
                                                        len(leavers))):
                left = today - timedelta(days=rng.randint(5, 300))
                self.plans.append({
                    "school": s, "student": sid, "coord": rmc_key(s), "tier": 1,
                    "opened": left, "followup": True, "left": left,
                    "enrolled": (left + timedelta(days=rng.randint(20, 90))
                                 if rng.random() < 0.3 else None)})
        rows = []
        for plan in self.plans:
            plan["opened_at"] = _moment(rng, plan["opened"])
            tier2 = plan["opened"] + timedelta(days=rng.randint(0, 20))
            plan["tier2"] = tier2 if plan["tier"] >= 2 else None
            closed = plan["followup"] and plan["enrolled"] and plan["enrolled"] < self.today
            rows.append({
                "student_id": plan["student"], "status": CLOSED if closed else OPEN,
                "closed_at": _moment(rng, plan["enrolled"]) if closed else None,
                "tier": plan["tier"], "absence_kind": rng.choice(
                    ("unknown", "school_refusal", "truancy", "withdrawal", "exclusion")),
                "coordinator_id": self.users[plan["coord"]],
                "opened_by_id": self.users[plan["coord"]], "opened_at": plan["opened_at"],
                "followup": plan["followup"] and not closed,
                "review_from": tier2,
                "next_review_on": (today + timedelta(days=rng.randint(-5, 42))
                                   if plan["tier"] >= 2 and not closed else None)})
        _insert(Case.__table__, rows)
        case_of = dict(db.session.execute(select(Case.student_id, Case.id)).all())
        for plan in self.plans:
            plan["case"] = case_of[plan["student"]]

    def history(self):
        """Opening rows, teams, tier changes, reviews, agreements, visits, follow-up."""
        rng, today, users = self.rng, self.today, self.users
        opened, members, tiers, reviews = [], [], [], []
        agreements, revisions, visits = [], [], []
        deregistrations, enrolments, contacts = [], [], []
        for plan in self.plans:
            case, coord = plan["case"], users[plan["coord"]]
            s = plan["school"]
            opened.append({"case_id": case, "from_user_id": None, "to_user_id": coord,
                           "by_user_id": coord, "reason": "case opened",
                           "at": plan["opened_at"]})
            team = {f"mentor.s{s:02d}": "mentor"}
            if plan["tier"] == 3:
                team[f"jeugdhulp.s{s:02d}"] = "youth_care_worker"
            if s == 1 and plan["tier"] >= 2:
                team["leerplicht"] = "attendance_officer"
            for key, role in team.items():
                members.append({"case_id": case, "user_id": users[key], "role": role,
                                "added_by_id": coord, "added_at": plan["opened_at"]})
            if plan["tier2"]:
                tiers.append({"case_id": case, "from_tier": 1, "to_tier": 2, "by_id": coord,
                              "reason": "Verzuim houdt aan ondanks gesprekken op school",
                              "on": plan["tier2"], "at": _moment(rng, plan["tier2"])})
                day = plan["tier2"] + timedelta(days=42)
                while day < today:
                    reviews.append({"case_id": case, "outcome": "continue",
                                    "note": "Doel deels gehaald; we gaan door.",
                                    "reviewed_on": day, "next_review_on": day + timedelta(42),
                                    "by_id": coord, "at": _moment(rng, day)})
                    day += timedelta(days=42)
            if plan["tier"] == 3:
                on = min(today, plan["tier2"] + timedelta(days=rng.randint(14, 60)))
                tiers.append({"case_id": case, "from_tier": 2, "to_tier": 3, "by_id": coord,
                              "reason": "Jeugdhulp nodig: opschaling naar niveau 3",
                              "on": on, "at": _moment(rng, on)})
                for _ in range(rng.randint(1, 3)):
                    since = (today - plan["opened"]).days
                    on = plan["opened"] + timedelta(days=rng.randint(0, since))
                    visits.append({"case_id": case, "visited_on": on, "visited_at": "16:30",
                                   "outcome": rng.choice(("met_youth", "met_parent", "met_both",
                                                          "nobody_home", "refused")),
                                   "summary": rng.choice(VISIT_NOTES), "visibility": "team",
                                   "by_id": users[rmc_key(s)], "at": _moment(rng, on)})
            if plan["followup"]:
                deregistrations.append({"student_id": plan["student"], "case_id": case,
                                        "left_on": plan["left"], "by_id": coord,
                                        "reason": rng.choice(("study_choice", "school_climate",
                                                              "labour_market")),
                                        "at": _moment(rng, plan["left"])})
                for n in range(rng.randint(1, 4)):
                    on = min(today, plan["left"] + timedelta(days=3 + 7 * n))
                    contacts.append({"case_id": case, "on": on, "channel": rng.choice(
                        ("phone", "text_message", "email", "letter")),
                        "reached": rng.random() < 0.6, "said": "Zoekt een andere opleiding.",
                        "by_id": coord, "at": _moment(rng, on)})
                if plan["enrolled"] and plan["enrolled"] < today:
                    other = self.school_ids[(s % len(self.school_ids))]
                    enrolments.append({"student_id": plan["student"], "school_id": other,
                                       "enrolled_on": plan["enrolled"], "by_id": coord,
                                       "at": _moment(rng, plan["enrolled"])})
                continue
            for n in range(rng.randint(1, 4)):
                agreements.append({"case_id": case, "created_by_id": coord,
                                   "created_at": plan["opened_at"] + timedelta(days=7 * n),
                                   "tier_goal": n == 0 and plan["tier"] >= 2})
                due = plan["opened"] + timedelta(days=rng.randint(14, 120))
                revisions.append({
                    "text": rng.choice(AGREEMENTS), "due_date": due,
                    "owner_user_id": rng.choice((coord, users[f"mentor.s{s:02d}"])),
                    "status": "open" if due >= today or rng.random() < 0.25
                    else rng.choice(STATUS_DONE),
                    "visibility": rng.choice(("team", "team_youth", "everyone")),
                    "author_id": coord, "number": 1,
                    "at": plan["opened_at"] + timedelta(days=7 * n)})
        _insert(CoordinatorHandover.__table__, opened)
        _insert(CaseMember.__table__, members)
        _insert(TierChange.__table__, tiers)
        _insert(Review.__table__, reviews)
        _insert(HomeVisit.__table__, visits)
        _insert(Deregistration.__table__, deregistrations)
        _insert(Enrolment.__table__, enrolments)
        _insert(ContactAttempt.__table__, contacts)
        _insert(Agreement.__table__, agreements)
        agreement_ids = _ids(Agreement.id, Agreement.case_id.in_(
            [p["case"] for p in self.plans]), Agreement.id)
        for agreement_id, revision in zip(agreement_ids[-len(revisions):], revisions):
            revision["agreement_id"] = agreement_id
        _insert(AgreementRevision.__table__, revisions)
        self.counts = {"agreements": len(agreements), "reviews": len(reviews),
                       "tier changes": len(tiers), "home visits": len(visits),
                       "leavers": len(deregistrations), "re-enrolled": len(enrolments)}

    def family(self):
        """A parent on one case in ten and a young person (14+) on one in thirty; `ouder@`
        and `jongere@` are on one of regie@'s cases."""
        rng, rows, links = self.rng, [], []
        regie = [p for p in self.plans if p["coord"] == "regie" and p["tier"] >= 2]
        ordinary = [p for p in self.plans if not p["followup"] and p not in regie[:1]]
        with_parent = regie[:1] + rng.sample(ordinary, len(self.plans) // 10)
        with_youth = regie[:1] + rng.sample(ordinary, len(self.plans) // 30)
        for role, plans, short in ((PARENT, with_parent, "ouder"), (YOUTH, with_youth, "jongere")):
            for n, plan in enumerate(plans):
                key = short if n == 0 else f"{short}.{plan['case']:05d}"
                rows.append(self._user(key, f"{rng.choice(people.ADULT_NAMES)} "
                                       f"{rng.choice(people.FAMILY_NAMES)}", role))
                links.append((key, plan, role))
        _insert(User.__table__, rows)
        ids = dict(db.session.execute(select(User.email, User.id).where(
            User.role.in_((PARENT, YOUTH)), User.email.like(f"%@{people.DOMAIN}"))).all())
        _insert(CaseMember.__table__, [
            {"case_id": plan["case"], "user_id": ids[f"{key}@{people.DOMAIN}"], "role": role,
             "added_by_id": self.users[plan["coord"]], "added_at": plan["opened_at"]}
            for key, plan, role in links])


ABSENCE_COLUMNS = ("student_id", "day", "start", "end", "kind", "source", "withdrawn",
                   "created_at")


def insert_sql(dialect, table, columns):
    """An INSERT in the driver's own parameter style, for executemany."""
    mark = "?" if dialect.paramstyle == "qmark" else "%s"
    names = ", ".join(dialect.identifier_preparer.quote(c) for c in columns)
    return f"INSERT INTO {table} ({names}) VALUES ({', '.join([mark] * len(columns))})"


def binder(dialect, column):
    """The function SQLAlchemy applies to a value of this `absences` column before the
    driver."""
    kind = Absence.__table__.c[column].type.dialect_impl(dialect)
    return kind.bind_processor(dialect) or (lambda value: value)


def _secondary_indexes(cursor, dialect):
    """[(name, CREATE statement)] of the indexes on `absences` besides its primary key."""
    if dialect == "sqlite":
        cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' "
                       "AND tbl_name = 'absences' AND sql IS NOT NULL")
    else:
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = "
                       "'absences' AND schemaname = current_schema() "
                       "AND indexname <> 'pk_absences'")
    return list(cursor.fetchall())


def has_data():
    return loader.has_data()


def load(factor=1.0, today=None, echo=print, refresh=True, per_school=STUDENTS_PER_SCHOOL):
    """Fill the region (× factor) in bulk and commit it step by step; then compute the
    stored signal state of every student. Returns {step: seconds} and counts."""
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
    loaded = clock.perf_counter() - total
    stored = 0
    if refresh:
        stored = region.step("signals.refresh_stale (stored state)",
                             lambda: signals.refresh_stale(today))
        region.step("effects.refresh_stale (did tier 2 help?)",
                    lambda: effects.refresh_stale(today))
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


def login_lines():
    """The region's logins: one per kind of person the bench and load test use."""
    shown = (("coordinator (school 1)", "regie"), ("coordinator (school 2)", "zorg1.s02"),
             ("officer, 1 school", "leerplicht"), ("officer, 25 schools", "rmc"),
             ("mentor", "mentor.s01"), ("parent", "ouder"), ("youth", "jongere"),
             ("school importer", "import.s01"), ("analyst, 25 schools", "analist"),
             ("admin", "beheer"))
    lines = [f"Region demo logins (password {people.DEMO_PASSWORD}):"]
    lines += [f"  {label:<24} {key}@{people.DOMAIN}" for label, key in shown]
    lines.append("  API token for the importer: flask users token import.s01@"
                 f"{people.DOMAIN}")
    return lines
