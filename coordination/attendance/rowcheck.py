"""Checking the rows of an attendance file (API.md "Attendance CSV"): a row's student,
date, times and kind, each distinct value checked once and remembered (memory bound).
Used by the row-by-row import (importer.py) and, per distinct value, by the import of a
plain file (plainfile.py)."""
import operator
import re
from datetime import date, time

from flask_babel import gettext as _

from coordination import csvfiles
from coordination.rules.windows import KINDS, OBSERVED_KINDS
from coordination.validation import in_range

COLUMNS = ("student_number", "date", "start", "end", "kind")
# API.md "The working day": the Dutch kinds are accepted as well.
DUTCH_KINDS = {"ongeoorloofd": "unauthorised", "ziek": "sick", "verlof": "leave",
               "te_laat": "late", "geschorst": "suspended", "luxe": "luxury",
               "twijfelachtig_ziek": "sick_doubtful"}
TIME = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$")
DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
MEMO = 10_000  # dates, times or school days remembered while parsing a file (memory bound)
MEMO_CHECKED = 20_000  # checked (school, date, start, end, kind) remembered (a few MB)


class RowParser:
    """Checks rows one by one. What a row says besides its student (date, times, kind)
    is checked once for each school and combination of those values, and remembered with
    its bound values: an export repeats a few hundred dates, a dozen lesson times and a
    few kinds, so most rows cost two dictionary lookups. `bind(value, column)` binds a
    date or time as the staging table's column does."""

    def __init__(self, students, calendars, today, bind, columns=None):
        if columns is not None:
            self.pick = operator.itemgetter(*(columns[c] for c in COLUMNS))
            self.width = len(columns)
        self.students, self.calendars, self.today = students, calendars, today
        self.bind = bind
        self.max_field = csvfiles.limits()[0]
        self.days, self.times, self.school_days, self.checked = {}, {}, {}, {}

    @staticmethod
    def _remember(memo, key, value, limit=MEMO):
        if len(memo) < limit:
            memo[key] = value
        return value

    def _day(self, raw):
        if raw in self.days:
            return self.days[raw]
        try:
            day = date.fromisoformat(raw) if DATE.match(raw) else None
        except ValueError:
            day = None
        return self._remember(self.days, raw,
                              day if day is not None and in_range(day) else None)

    def _time(self, raw):
        if raw in self.times:
            return self.times[raw]
        return self._remember(self.times, raw,
                              time.fromisoformat(raw) if TIME.match(raw) else None)

    def school_day(self, school_id, day):
        key = (school_id, day)
        if key in self.school_days:
            return self.school_days[key]
        return self._remember(self.school_days, key,
                              self.calendars.get(school_id).is_school_day(day))

    def _check(self, school_id, day, start, end, kind):
        """((day, start, end, kind) bound, None) or (None, message) for these values of a
        row of a student of `school_id`."""
        checked, problem = self.values(day, start, end, kind)
        if problem:
            return None, problem
        day = checked[0]
        if not self.school_day(school_id, day):
            return None, _("%(day)s is not a school day (weekend, holiday or closure).",
                           day=day.isoformat())
        return checked[4], None

    def values(self, day, start, end, kind):
        """((day, start, end, kind, (the same bound)), None) or (None, message) for these
        values of a row, but for the school day."""
        kind = kind.strip().lower()
        kind = DUTCH_KINDS.get(kind, kind)
        if kind not in KINDS:
            return None, _("Unknown kind %(kind)s.", kind=kind[:40])
        day = self._day(day.strip())
        if day is None:
            return None, _("The date is not a valid YYYY-MM-DD date.")
        start, end = self._time(start.strip()), self._time(end.strip())
        if start is None or end is None:
            return None, _("A time is not HH:MM.")
        if end <= start:
            return None, _("The end is not after the start.")
        if kind in OBSERVED_KINDS and day > self.today:
            return None, _("%(day)s is in the future: only leave and a suspension can be "
                           "registered ahead.", day=day.isoformat())
        bind = self.bind
        return (day, start, end, kind,
                (bind(day, "day"), bind(start, "start"), bind(end, "start"), kind)), None

    def parse(self, row):
        """(student id, (day, start, end, kind) bound) for a good row, (None, message) for
        a bad one."""
        if len(row) != self.width:
            return None, _("Expected %(n)s values, found %(found)s.", n=self.width,
                           found=len(row))
        number, day, start, end, kind = self.pick(row)
        number = number.strip()
        matches = self.students.get(number)
        if not matches:
            return None, _("Unknown student number %(number)s.", number=number[:32])
        if len(matches) > 1:
            return None, _("Student number %(number)s exists at several schools; import "
                           "per school.", number=number)
        student_id, school_id = matches[0]
        key = (school_id, day, start, end, kind)
        checked = self.checked.get(key)
        if checked is None:
            checked = self._remember(self.checked, key,
                                     self._check(school_id, day, start, end, kind),
                                     MEMO_CHECKED)
        values, problem = checked
        return (None, problem) if problem else (student_id, values)
