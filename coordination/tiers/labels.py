"""Words for the tiered model and the four kinds of absence (DOMAIN.md §5, Heyne et al.
2019 in seed 002); what marks each kind and what tends to work is in
coordination/factors/labels.py, beside the chooser of the kinds."""
from flask_babel import lazy_gettext as _l

KIND_LABELS = {
    "unknown": _l("Not yet known"),
    "school_refusal": _l("School refusal"),
    "truancy": _l("Truancy"),
    "withdrawal": _l("School withdrawal (kept at home)"),
    "exclusion": _l("School exclusion (caused by the school)"),
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
