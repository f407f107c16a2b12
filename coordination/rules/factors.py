"""Risk and protective factors, life events and strengths on a case: the kinds, the areas
they are grouped by, and the few-line picture the case page shows.

Areas: seed 002 §2 (after Berends & Van Diest 2014) groups risk and protective factors
by the young person, the home, the school and the wider environment (peers,
neighbourhood). Life events are the "stressors and turning points" of Dupéré et al.
(2015) in the same section: moving, divorce, a death, a change of mentor, the move to
secondary school. Strengths (DOMAIN.md §9: "strengths, not only problems") count with
the protective factors in the balance.
"""
RISK = "risk"
PROTECTIVE = "protective"
LIFE_EVENT = "life_event"
STRENGTH = "strength"
KINDS = (RISK, PROTECTIVE, LIFE_EVENT, STRENGTH)
# What weighs on the young person, and what carries them.
BURDENS = frozenset({RISK})
SUPPORTS = frozenset({PROTECTIVE, STRENGTH})
# Kinds that must name the area they belong to.
NEEDS_AREA = frozenset({RISK, PROTECTIVE})
# A life event happened on a day.
NEEDS_DAY = frozenset({LIFE_EVENT})

YOUTH = "youth"
HOME = "home"
SCHOOL = "school"
ENVIRONMENT = "environment"
AREAS = (YOUTH, HOME, SCHOOL, ENVIRONMENT)

# Who wrote an item: the team, or the young person or a parent in their own words.
TEAM = "team"
FAMILY_SOURCES = ("youth", "parent")
SOURCES = (TEAM,) + FAMILY_SOURCES
# What a young person or parent adds: "what helps me" and "what makes school hard".
HELPS = "helps"
HARD = "hard"
FAMILY_KINDS = {HELPS: PROTECTIVE, HARD: RISK}

# The case page shows this many of the newest changes.
RECENT_CHANGES = 3


def balance(kinds):
    """Counts of burdens and supports among the kinds of the items still true, and which
    way the picture leans: 'risks', 'strengths' or 'even'. Life events are neither."""
    kinds = list(kinds)
    burdens = sum(1 for kind in kinds if kind in BURDENS)
    supports = sum(1 for kind in kinds if kind in SUPPORTS)
    if burdens > supports:
        leaning = "risks"
    elif supports > burdens:
        leaning = "strengths"
    else:
        leaning = "even"
    return {"risks": burdens, "strengths": supports, "leaning": leaning}


def recent_changes(changes, limit=RECENT_CHANGES):
    """The newest `limit` of (moment, what, item) changes, newest first; on the same moment
    the later-written item (higher id) first."""
    return sorted(changes, key=lambda c: (c[0], getattr(c[2], "id", 0)), reverse=True)[:limit]


def problems(kind, area, domain, happened_on, today, domains):
    """Field problems of a team item as {field: code}: 'unknown', 'missing', 'future'."""
    found = {}
    if kind not in KINDS:
        found["kind"] = "unknown"
    if area is not None and area not in AREAS:
        found["area"] = "unknown"
    elif area is None and kind in NEEDS_AREA:
        found["area"] = "missing"
    if domain is not None and domain not in domains:
        found["domain"] = "unknown"
    if happened_on is None and kind in NEEDS_DAY:
        found["happened_on"] = "missing"
    elif happened_on is not None and happened_on > today:
        found["happened_on"] = "future"
    return found
