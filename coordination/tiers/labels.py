"""Words for the tiered model and the four kinds of absence, with what tends to work
(DOMAIN.md §5, Heyne et al. 2019 in seed 002)."""
from flask_babel import lazy_gettext as _l

KIND_LABELS = {
    "unknown": _l("Not yet known"),
    "school_refusal": _l("School refusal"),
    "truancy": _l("Truancy"),
    "withdrawal": _l("School withdrawal (kept at home)"),
    "exclusion": _l("School exclusion (caused by the school)"),
}
WHAT_WORKS = {
    "unknown": _l("Find out first: talk with the young person and the parents."),
    "school_refusal": _l("Emotional distress; parents know and try. Tends to work: CBT, a "
                         "gradual return, social skills, a school that adapts."),
    "truancy": _l("Absent without permission, hidden from parents. Tends to work: a positive "
                  "climate, constructive discipline, close monitoring."),
    "withdrawal": _l("Parents keep the child home or make no effort. Tends to work: investing "
                     "in working with the parents."),
    "exclusion": _l("Caused by the school (improper discipline, needs not met, sent home). "
                    "Tends to work: proper support; follow the suspension and expulsion rules."),
}
OUTCOME_LABELS = {
    "continue": _l("Continue in this tier"),
    "escalate": _l("Escalate one tier"),
    "deescalate": _l("De-escalate one tier"),
    "close": _l("Close the case"),
}
TIER_LABELS = {
    1: _l("Tier 1: all students, prevention"),
    2: _l("Tier 2: emerging absence, a goal with the parents"),
    3: _l("Tier 3: severe absence, intensive, daily attendance check"),
}
