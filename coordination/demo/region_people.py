"""The region demo's people and places (region.py): its schools, the staff and the
schools they are linked to, last school year's holidays, the parents and young people on
cases, and the logins shown. Rows only: region.py inserts them."""
from datetime import date

from coordination.accounts.models import (
    ADMIN,
    ANALYST,
    ATTENDANCE_OFFICER,
    COORDINATOR,
    PARENT,
    PROFESSIONAL,
    YOUTH,
)
from coordination.demo import people
from coordination.demo.region_cases import SCHOOLS_PER_RMC, coordinator_key, rmc_key
from coordination.rules.calendar import Closure

REGION = "midden"
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


def user_row(key, name, role, password_hash, title=None):
    return {"email": f"{key}@{people.DOMAIN}", "name": name, "role": role,
            "job_title": title, "password_hash": password_hash}


def school_rows(schools):
    """Schools 1 to `schools`, each of a kind in turn; their BRIN codes end in RG."""
    return [{"name": SCHOOL_KINDS[s % 3][0].format(f"Midden {s:02d}"), "brin": f"{s:02d}RG",
             "region": REGION} for s in range(1, schools + 1)]


def staff_rows(schools, password_hash):
    """The admin, the officer of school 1 and its importer, two coordinators, a mentor
    and a youth worker per school, an RMC officer per SCHOOLS_PER_RMC schools and the
    analyst."""
    def user(key, name, role, title):
        return user_row(key, name, role, password_hash, title)

    users = [user("beheer", "Jeroen Mulder", ADMIN, "Functioneel beheerder"),
             user("leerplicht", "Peter van Dam", ATTENDANCE_OFFICER,
                  "Leerplichtambtenaar (1 school)"),
             user("import.s01", "Roosterbureau Midden 01", COORDINATOR,
                  "Administratie (aanwezigheid)")]
    for s in range(1, schools + 1):
        for k in (1, 2):
            users.append(user(coordinator_key(s, k), f"Zorgcoördinator {s}.{k}",
                              COORDINATOR, "Zorgcoördinator"))
        users.append(user(f"mentor.s{s:02d}", f"Mentor {s}", PROFESSIONAL, "Mentor"))
        users.append(user(f"jeugdhulp.s{s:02d}", f"Jeugdhulp {s}", PROFESSIONAL,
                          "Jeugdhulpverlener"))
        if (s - 1) % SCHOOLS_PER_RMC == 0:
            users.append(user(rmc_key(s), f"RMC-consulent {rmc_key(s)}",
                              ATTENDANCE_OFFICER, "RMC-consulent"))
    users.append(user("analist", "Fatima Bakker", ANALYST,
                      "Beleidsmedewerker samenwerkingsverband"))
    return users


def school_links(users, schools):
    """[(user id, school number)]: who works at which school (`users`: key -> id)."""
    links = [(users["leerplicht"], 1), (users["import.s01"], 1)]
    for s in range(1, schools + 1):
        keys = (coordinator_key(s, 1), coordinator_key(s, 2), f"mentor.s{s:02d}", rmc_key(s))
        links += [(users[key], s) for key in keys]
        if s <= SCHOOLS_PER_RMC:  # the partnership's figures: the first 25 schools
            links.append((users["analist"], s))
    return links


def family_rows(rng, plans, password_hash):
    """(user rows, [(key, plan, role)]): a parent on one case in ten and a young person
    (14+) on one in thirty; `ouder@` and `jongere@` are on one of regie@'s cases."""
    rows, links = [], []
    regie = [p for p in plans if p["coord"] == "regie" and p["tier"] >= 2]
    ordinary = [p for p in plans if not p["followup"] and p not in regie[:1]]
    with_parent = regie[:1] + rng.sample(ordinary, len(plans) // 10)
    with_youth = regie[:1] + rng.sample(ordinary, len(plans) // 30)
    for role, chosen, short in ((PARENT, with_parent, "ouder"), (YOUTH, with_youth, "jongere")):
        for n, plan in enumerate(chosen):
            key = short if n == 0 else f"{short}.{plan['case']:05d}"
            rows.append(user_row(key, f"{rng.choice(people.ADULT_NAMES)} "
                                 f"{rng.choice(people.FAMILY_NAMES)}", role, password_hash))
            links.append((key, plan, role))
    return rows, links


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
