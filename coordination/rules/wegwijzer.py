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
