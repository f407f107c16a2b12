from flask_babel import lazy_gettext as _l

from coordination.rules.region import ABOVE, BELOW, WITHIN

VERDICT_LABELS = {
    BELOW: _l("below the expected share"),
    WITHIN: _l("within the expected share"),
    ABOVE: _l("above the expected share"),
}

TABLE_LABELS = {
    "total": _l("The region in figures"),
    "tiers": _l("Open cases by tier, against the expected share"),
    "by_school": _l("By school"),
    "by_level": _l("By level"),
    "wegwijzer": _l("By school: the latest Wegwijzer beside the tiers and thuiszitters"),
}
