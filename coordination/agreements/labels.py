"""Labels of the agreements area, for pages and forms."""
from flask_babel import lazy_gettext as _l

# Who owns an agreement besides a team member (issue 11, finding 6: an agreement made at
# the door, "Moeder belt de mentor voor vrijdag"). "person": a named person without an
# account, whose name is in owner_name.
OWNER_KIND_LABELS = {
    "family": _l("The family"),
    "parents": _l("The parents"),
    "youth": _l("The young person"),
    "person": _l("Someone else (write the name)"),
}
