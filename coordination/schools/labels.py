"""Names of the weekdays a school teaches, for the timetable forms and pages."""
from flask_babel import lazy_gettext as _l

WEEKDAY_LABELS = {1: _l("Monday"), 2: _l("Tuesday"), 3: _l("Wednesday"), 4: _l("Thursday"),
                  5: _l("Friday")}
