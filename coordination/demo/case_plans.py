"""Which students of the small demo region get a case and with whom, and each case's
opening, hand-over, team and family accounts (loader.py draws them in this order)."""
from datetime import timedelta

from coordination.accounts.models import PARENT, YOUTH, User
from coordination.cases.models import (
    ABSENCE_KINDS,
    OPEN,
    TIERS,
    Case,
    CaseMember,
    CoordinatorHandover,
)
from coordination.demo.draws import age, moment, phone, slug
from coordination.demo.people import (
    ADULT_NAMES,
    CASE_ROLE,
    COORDINATOR_OF,
    DOMAIN,
    FAMILY_NAMES,
    MENTOR_OF,
    SHOWN_LOGIN,
)

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
TIER_WEIGHTS = (65, 27, 8)  # for TIERS: mostly tier 1, few tier 3
KIND_WEIGHTS = (50, 20, 15, 8, 7)  # for ABSENCE_KINDS: mostly "unknown" yet


def case_plans(rng, by_school, today):
    """Which student gets a case coordinated by whom; each student at most once."""
    taken, plans = set(), []
    for coord, school, count in CASE_PLAN:
        fits = FITS.get(coord, lambda student, age: True)
        pool = [s for s in by_school[school]
                if s.id not in taken and fits(s, age(s.date_of_birth, today))]
        for student in rng.sample(pool, count):
            taken.add(student.id)
            plans.append({"coord": coord, "school": school, "student": student,
                          "age": age(student.date_of_birth, today),
                          "days": rng.randint(5, 170), "previous": None})
    for coord, previous, reason in HANDOVERS:
        plan = next(p for p in plans if p["coord"] == coord)
        plan.update(previous=previous, reason=reason, days=rng.randint(60, 150))
    return plans


def new_case(rng, staff, plan, today):
    plan["first"] = plan["previous"] or plan["coord"]  # who coordinated from the start
    plan["first_id"] = staff[plan["first"]].id
    plan["opener"] = rng.choice((plan["first"], plan["first"], MENTOR_OF[plan["school"]]))
    plan["opened_at"] = moment(rng, today - timedelta(days=plan["days"]))
    return Case(
        student_id=plan["student"].id, status=OPEN, coordinator_id=staff[plan["coord"]].id,
        opened_by_id=staff[plan["opener"]].id, opened_at=plan["opened_at"],
        tier=rng.choices(TIERS, TIER_WEIGHTS)[0],
        absence_kind=rng.choices(ABSENCE_KINDS, KIND_WEIGHTS)[0],
    )


def history(rng, staff, plan, case):
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


def team(rng, staff, plan, case):
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


def family(rng, plans, cases, password_hash):
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
    local = SHOWN_LOGIN[role] if shown else f"{slug(given)}.{slug(family)}"
    email = next(e for n in range(1, 100)
                 if (e := f"{local}{n if n > 1 else ''}@{DOMAIN}") not in emails)
    emails.add(email)
    user = User(email=email, name=f"{given} {family}", role=role, phone=phone(rng),
                password_hash=password_hash)
    return [user, CaseMember(case_id=case.id, user=user, role=role,
                             added_by_id=plan["first_id"],
                             added_at=plan["opened_at"] + timedelta(days=rng.randint(1, 4)))]
