"""What the outcomes of a home visit are called on the pages (Dutch by default)."""
from flask_babel import lazy_gettext as _l

# For OUTCOMES in coordination/visits/models.py.
OUTCOME_LABELS = {
    "met_youth": _l("Spoke with the young person"),
    "met_parent": _l("Spoke with a parent"),
    "met_both": _l("Spoke with the young person and a parent"),
    "nobody_home": _l("Nobody home"),
    "refused": _l("Refused at the door"),
}
