"""The Wegwijzer (seed 003): eight domains a school scores from 1 ("when it does not go
well") to 10 ("when it goes well"), by its team and, as the manual advises, by student
and parent representatives; the report per domain and group, and the choice of about
three domains to work on.

Privacy: a group's scores are shown only when at least MIN_GROUP_SIZE participants of
that group scored the domain (the region figures' "< 5" rule), so no one's score can be
read back from a small group.
"""
from statistics import mean, median

EDUCATION_SOCIETY = "education_society"
SCHOOL_CLIMATE = "school_climate"
HOME_SITUATION = "home_situation"
SENSITIVE_TEACHING = "sensitive_teaching"
CLASSMATES = "classmates"
MENTAL_CAPITAL = "mental_capital"
LEARNING_FUTURE = "learning_future"
COLLABORATION = "collaboration"
# In the manual's order (seed 003, Bijlage 2).
DOMAINS = (EDUCATION_SOCIETY, SCHOOL_CLIMATE, HOME_SITUATION, SENSITIVE_TEACHING, CLASSMATES,
           MENTAL_CAPITAL, LEARNING_FUTURE, COLLABORATION)

TEAM = "team"
STUDENTS = "students"
PARENTS = "parents"
GROUPS = (TEAM, STUDENTS, PARENTS)
REPRESENTATIVE_GROUPS = (STUDENTS, PARENTS)

LOWEST, HIGHEST = 1, 10
MIN_GROUP_SIZE = 5
# "We raden aan om ongeveer 3 domeinen te selecteren" (seed 003 §2); a fourth is allowed.
ADVISED_CHOICES = 3
MAX_CHOICES = 4


def valid_score(value):
    return isinstance(value, int) and not isinstance(value, bool) and LOWEST <= value <= HIGHEST


def spread(scores):
    """How the scores of one group on one domain lie: n, lowest, highest, median, mean
    (one decimal) and how many gave each score. None when nobody scored."""
    scores = list(scores)
    if not scores:
        return None
    return {"n": len(scores), "low": min(scores), "high": max(scores),
            "median": median(scores), "mean": round(float(mean(scores)), 1),
            "counts": {s: scores.count(s) for s in range(LOWEST, HIGHEST + 1)}}


def shown(scores):
    """The spread when the group is large enough to show; else {"hidden": True} (with no
    count, so a group of 1-4 is not told apart from an empty one beyond "< 5")."""
    scores = list(scores)
    if len(scores) < MIN_GROUP_SIZE:
        return {"hidden": True, "n": None}
    return {"hidden": False, **spread(scores)}


def report(scores):
    """`scores`: (group, domain, score) triples. Per domain in the manual's order:
    {"domain", "groups": {group: shown(...)}, "all": shown(all groups together),
    "difference": largest gap between the means of the shown groups, or None}."""
    by = {(g, d): [] for g in GROUPS for d in DOMAINS}
    for group, domain, score in scores:
        if (group, domain) in by and valid_score(score):
            by[(group, domain)].append(score)
    rows = []
    for domain in DOMAINS:
        groups = {g: shown(by[(g, domain)]) for g in GROUPS}
        everyone = [s for g in GROUPS for s in by[(g, domain)]]
        rows.append({"domain": domain, "groups": groups, "all": shown(everyone),
                     "difference": difference(groups)})
    return rows


def difference(groups):
    """The largest gap between the means of the groups that are shown; None when fewer
    than two groups are shown."""
    means = [g["mean"] for g in groups.values() if not g["hidden"]]
    if len(means) < 2:
        return None
    return round(max(means) - min(means), 1)


def most_different(rows, limit=3):
    """The domains where the shown groups differ most, largest gap first (ties in the
    manual's order); domains with fewer than two groups shown are left out."""
    ranked = [r for r in rows if r["difference"] is not None and r["difference"] > 0]
    ranked.sort(key=lambda r: -r["difference"])
    return [r["domain"] for r in ranked[:limit]]


def choice_problem(domains):
    """None when the choice of domains to work on is fine; else 'none', 'unknown' or
    'too_many'."""
    if not domains:
        return "none"
    if any(d not in DOMAINS for d in domains):
        return "unknown"
    if len(set(domains)) > MAX_CHOICES:
        return "too_many"
    return None


def school_domain_scores(scores):
    """A school's Wegwijzer beside its figures in the region overview, from all
    participants' scores of its latest trajectory that has scores (every group together).
    `scores`: (domain, score) pairs. Per domain in the manual's order: the median (1 to
    10; the scores are ordered answers, so the median, not the mean), or None when fewer
    than MIN_GROUP_SIZE participants scored that domain (`shown`: the "< 5" rule)."""
    by = {d: [] for d in DOMAINS}
    for domain, score in scores:
        if domain in by and valid_score(score):
            by[domain].append(score)
    result = {}
    for domain in DOMAINS:
        figures = shown(by[domain])
        median = None if figures["hidden"] else figures["median"]
        result[domain] = int(median) if median is not None and median == int(median) \
            else median
    return result
# The manual's stepwise plan, "Aan de slag met 7 stappen" (seed 003 §1, "De kracht van
# een schoolbrede aanpak"), is the trajectory's stages, in this order.
CORE_TEAM = "core_team"                   # Stap 1: Stel een kernteam samen
CURRENT_SITUATION = "current_situation"   # Stap 2: Breng de huidige situatie in kaart
VISION = "vision"                         # Stap 3: Herijk of ontwikkel een visie
GOALS = "goals"                           # Stap 4: Kies doelen
PLAN = "plan"                             # Stap 5: Maak een plan
CARRY_OUT = "carry_out"                   # Stap 6: Voer het plan uit
LOOK_BACK = "look_back"                   # Stap 7: Kijk terug en blik vooruit
STAGES = (CORE_TEAM, CURRENT_SITUATION, VISION, GOALS, PLAN, CARRY_OUT, LOOK_BACK)

# "after a year scores again" (issue 13); the manual updates itself once a year too
# (seed 003, Bijlage 1). A new round sooner is allowed, with a warning.
ROUND_INTERVAL_DAYS = 365


def current_stage(*, invited, scored, chosen, plan_made=False, plan_done=False,
                  round_number=1, round_age_days=0):
    """The step of the manual the school is at in its current round, derived from what
    happened in that round (the step is never set by hand, so it cannot go stale):

    - only the person who started the first round takes part: 1, the core team;
    - someone invited has not scored yet: 2, mapping the current situation;
    - everyone scored, no domains chosen: 3, the team discusses the report and its
      vision ("Bepaal samen waarmee je aan de slag wilt", seed 003 §2);
    - domains chosen (choosing them is step 4, the goals): 5, make a plan;
    - a plan made: 6, carry it out; 7, look back, once the plan is done or a year has
      passed since the round started; a new round then starts again at step 2.

    `invited`/`scored`: participants of the current round; `chosen`: domains chosen in it.
    """
    if plan_made:
        return LOOK_BACK if plan_done or round_age_days >= ROUND_INTERVAL_DAYS else CARRY_OUT
    if chosen:
        return PLAN
    if round_number == 1 and invited <= 1 and not scored:
        return CORE_TEAM
    if scored == 0 or scored < invited:
        return CURRENT_SITUATION
    return VISION


def stage_steps(current):
    """The stages in order, each {"stage", "number", "state"}: "done" before the current
    one, "current", then "to_do"."""
    at = STAGES.index(current)
    return [{"stage": s, "number": i + 1,
             "state": "done" if i < at else "current" if i == at else "to_do"}
            for i, s in enumerate(STAGES)]


def may_start_round(previous_scored):
    """A new round only after the previous one has scores: else there is nothing to
    compare with."""
    return previous_scored > 0


def round_too_soon(days_since_previous):
    """Warn (never block) when the previous round started less than a year ago."""
    return days_since_previous < ROUND_INTERVAL_DAYS


def _change(before, after):
    if before["hidden"] or after["hidden"]:
        return None
    return round(after["mean"] - before["mean"], 1)


def compare(previous, current):
    """Two rounds side by side. `previous`, `current`: (group, domain, score) triples of
    each round. Per domain in the manual's order: {"domain", "groups": {group: {"previous",
    "current", "change"}}, "all": {...}}, where previous and current are `shown(...)` (so
    the "< 5" rule holds per round and group) and change is the current mean minus the
    previous one, one decimal, or None when either side is hidden."""
    before = {r["domain"]: r for r in report(previous)}
    after = {r["domain"]: r for r in report(current)}
    rows = []
    for domain in DOMAINS:
        b, a = before[domain], after[domain]
        groups = {g: {"previous": b["groups"][g], "current": a["groups"][g],
                      "change": _change(b["groups"][g], a["groups"][g])} for g in GROUPS}
        rows.append({"domain": domain, "groups": groups,
                     "all": {"previous": b["all"], "current": a["all"],
                             "change": _change(b["all"], a["all"])}})
    return rows
