"""The region demo's cases, as rows for bulk inserts: who gets a case and who coordinates
it, and a year on each: the opening hand-over and the team, tier changes and reviews, home
visits on tier-3 cases, agreements, and the leaving, contact attempts and re-enrolment of
the follow-up cases. Draws from the
region's seeded generator in a fixed order, so a load is the same every time.
"""
from datetime import timedelta

from coordination.cases.models import CLOSED, OPEN
from coordination.demo.draws import moment

SCHOOLS_PER_RMC = 25  # rmc@ acts for the first 25 schools, rmc2@ for the next 25, ...
TIER_WEIGHTS = (25, 60, 15)  # of the 2,750 school cases: 5.5 % of students at tier 2, 1.4 % at 3
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
TABLES = ("opened", "members", "tiers", "reviews", "visits", "deregistrations", "enrolments",
          "contacts", "agreements", "revisions")


def coordinator_key(school, k):
    """The login of a school's k-th coordinator (1 or 2); school 1's first is `regie`."""
    return "regie" if (school, k) == (1, 1) else f"zorg{k}.s{school:02d}"


def rmc_key(school):
    group = (school - 1) // SCHOOLS_PER_RMC
    return "rmc" if group == 0 else f"rmc{group + 1}"


def school_plans(rng, today, s, students, profile, cases, followup):
    """The `cases` plans of school `s` (of which `followup` leavers in follow-up): its
    at-risk students first. `students`: [(id, born, has startkwalificatie)]."""
    at_risk = [st for st in students if profile[st[0]] != "regular"]
    regular = [st for st in students if profile[st[0]] == "regular"]
    rng.shuffle(at_risk)
    want = cases - followup
    chosen = (at_risk + rng.sample(regular, max(0, want - len(at_risk))))[:want]
    taken = {st[0] for st in chosen}
    plans = []
    for n, (sid, born, _) in enumerate(chosen):
        days = rng.randint(10, 330)
        plans.append({
            "school": s, "student": sid, "coord": coordinator_key(s, 1 + n % 2),
            "tier": rng.choices((1, 2, 3), TIER_WEIGHTS)[0],
            "opened": today - timedelta(days=days), "followup": False})
    leavers = [st for st in students if st[0] not in taken and not st[2]
               and 16 <= (today - st[1]).days // 365 < 23]
    for sid, born, _ in rng.sample(leavers, min(followup, len(leavers))):
        left = today - timedelta(days=rng.randint(5, 300))
        plans.append({
            "school": s, "student": sid, "coord": rmc_key(s), "tier": 1,
            "opened": left, "followup": True, "left": left,
            "enrolled": (left + timedelta(days=rng.randint(20, 90))
                         if rng.random() < 0.3 else None)})
    return plans


def case_rows(rng, today, users, plans):
    """The cases' rows; each plan gets its opening moment and tier-2 day."""
    rows = []
    for plan in plans:
        plan["opened_at"] = moment(rng, plan["opened"])
        tier2 = plan["opened"] + timedelta(days=rng.randint(0, 20))
        plan["tier2"] = tier2 if plan["tier"] >= 2 else None
        closed = plan["followup"] and plan["enrolled"] and plan["enrolled"] < today
        rows.append({
            "student_id": plan["student"], "status": CLOSED if closed else OPEN,
            "closed_at": moment(rng, plan["enrolled"]) if closed else None,
            "tier": plan["tier"], "absence_kind": rng.choice(
                ("unknown", "school_refusal", "truancy", "withdrawal", "exclusion")),
            "coordinator_id": users[plan["coord"]],
            "opened_by_id": users[plan["coord"]], "opened_at": plan["opened_at"],
            "followup": plan["followup"] and not closed,
            "review_from": tier2,
            "next_review_on": (today + timedelta(days=rng.randint(-5, 42))
                               if plan["tier"] >= 2 and not closed else None)})
    return rows


def history_rows(rng, today, users, school_ids, plans, officer_key):
    """{table key (TABLES): [row dict]} for the planned cases; `officer_key(school)`: the
    login of the officer who visits."""
    rows = {name: [] for name in TABLES}
    for plan in plans:
        _opening(rows, users, plan)
        _tiers(rng, today, rows, users[plan["coord"]], plan)
        if plan["tier"] == 3:
            _visits(rng, today, rows, users[officer_key(plan["school"])], plan)
        if plan["followup"]:
            _leaving(rng, today, rows, users[plan["coord"]], plan, school_ids)
        else:
            _agreements(rng, today, rows, users, plan)
    return rows


def _opening(rows, users, plan):
    case, coord, s = plan["case"], users[plan["coord"]], plan["school"]
    rows["opened"].append({"case_id": case, "from_user_id": None, "to_user_id": coord,
                           "by_user_id": coord, "reason": "case opened",
                           "at": plan["opened_at"]})
    team = {f"mentor.s{s:02d}": "mentor"}
    if plan["tier"] == 3:
        team[f"jeugdhulp.s{s:02d}"] = "youth_care_worker"
    if s == 1 and plan["tier"] >= 2:
        team["leerplicht"] = "attendance_officer"
    for key, role in team.items():
        rows["members"].append({"case_id": case, "user_id": users[key], "role": role,
                                "added_by_id": coord, "added_at": plan["opened_at"]})


def _tiers(rng, today, rows, coord, plan):
    """Tier 2 with a review every six weeks since, and tier 3 some weeks after tier 2."""
    case = plan["case"]
    if plan["tier2"]:
        rows["tiers"].append({"case_id": case, "from_tier": 1, "to_tier": 2, "by_id": coord,
                              "reason": "Verzuim houdt aan ondanks gesprekken op school",
                              "on": plan["tier2"], "at": moment(rng, plan["tier2"])})
        day = plan["tier2"] + timedelta(days=42)
        while day < today:
            rows["reviews"].append({"case_id": case, "outcome": "continue",
                                    "note": "Doel deels gehaald; we gaan door.",
                                    "reviewed_on": day, "next_review_on": day + timedelta(42),
                                    "by_id": coord, "at": moment(rng, day)})
            day += timedelta(days=42)
    if plan["tier"] == 3:
        on = min(today, plan["tier2"] + timedelta(days=rng.randint(14, 60)))
        rows["tiers"].append({"case_id": case, "from_tier": 2, "to_tier": 3, "by_id": coord,
                              "reason": "Jeugdhulp nodig: opschaling naar niveau 3",
                              "on": on, "at": moment(rng, on)})


def _visits(rng, today, rows, officer, plan):
    for _ in range(rng.randint(1, 3)):
        since = (today - plan["opened"]).days
        on = plan["opened"] + timedelta(days=rng.randint(0, since))
        rows["visits"].append({
            "case_id": plan["case"], "visited_on": on, "visited_at": "16:30",
            "outcome": rng.choice(("met_youth", "met_parent", "met_both", "nobody_home",
                                   "refused")),
            "summary": rng.choice(VISIT_NOTES), "visibility": "team", "by_id": officer,
            "at": moment(rng, on)})


def _leaving(rng, today, rows, coord, plan, school_ids):
    """Leaving school, contact attempts since, and for some a new school."""
    case = plan["case"]
    rows["deregistrations"].append({
        "student_id": plan["student"], "case_id": case, "left_on": plan["left"],
        "by_id": coord, "reason": rng.choice(("study_choice", "school_climate",
                                              "labour_market")),
        "at": moment(rng, plan["left"])})
    for n in range(rng.randint(1, 4)):
        on = min(today, plan["left"] + timedelta(days=3 + 7 * n))
        rows["contacts"].append({"case_id": case, "on": on, "channel": rng.choice(
            ("phone", "text_message", "email", "letter")),
            "reached": rng.random() < 0.6, "said": "Zoekt een andere opleiding.",
            "by_id": coord, "at": moment(rng, on)})
    if plan["enrolled"] and plan["enrolled"] < today:
        other = school_ids[(plan["school"] % len(school_ids))]
        rows["enrolments"].append({"student_id": plan["student"], "school_id": other,
                                   "enrolled_on": plan["enrolled"], "by_id": coord,
                                   "at": moment(rng, plan["enrolled"])})


def _agreements(rng, today, rows, users, plan):
    """One to four agreements, each with its first revision (agreement_id set later)."""
    coord, s = users[plan["coord"]], plan["school"]
    for n in range(rng.randint(1, 4)):
        rows["agreements"].append({"case_id": plan["case"], "created_by_id": coord,
                                   "created_at": plan["opened_at"] + timedelta(days=7 * n),
                                   "tier_goal": n == 0 and plan["tier"] >= 2})
        due = plan["opened"] + timedelta(days=rng.randint(14, 120))
        rows["revisions"].append({
            "text": rng.choice(AGREEMENTS), "due_date": due,
            "owner_user_id": rng.choice((coord, users[f"mentor.s{s:02d}"])),
            "status": "open" if due >= today or rng.random() < 0.25
            else rng.choice(STATUS_DONE),
            "visibility": rng.choice(("team", "team_youth", "everyone")),
            "author_id": coord, "number": 1,
            "at": plan["opened_at"] + timedelta(days=7 * n)})
