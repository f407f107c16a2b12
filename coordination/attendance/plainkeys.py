"""The sort key of a row of a plain attendance file (plainfile.py), and what is found from
the keys while reading: student id | day | start | end | kind packed into one integer,
from the high bits to the low, in the order of `absences`' indexes. Each distinct
student number and each distinct "rest" of a line (date, times, kind) is checked once by
the importer's own checks (`rowcheck.RowParser`)."""
import bisect
import operator
from itertools import islice, repeat

from coordination.rules.windows import KINDS

MAX_DAY_ROWS = 500_000  # rows of one day held for the overlap check; more: `overlapping`
MAX_VALUES = 200_000  # distinct numbers or rests remembered (memory bound); more: give up
# The sort key: student id | day | start | end | kind, from the high bits to the low.
KIND_BITS, TIME_BITS, DAY_BITS = 3, 11, 16  # days: EVENT_DATE_MIN + 179 years
END_SHIFT = KIND_BITS
START_SHIFT = END_SHIFT + TIME_BITS
DAY_SHIFT = START_SHIFT + TIME_BITS
STUDENT_SHIFT = DAY_SHIFT + DAY_BITS  # 41: student ids below 2**22 (4,194,304)
VALUES_MASK = (1 << STUDENT_SHIFT) - 1
TIME_MASK = (1 << TIME_BITS) - 1
KIND_RANK = {kind: rank for rank, kind in enumerate(sorted(KINDS))}  # text order, as stored


class Abandon(Exception):
    """Not a plain file, or a row the row-by-row import has to judge."""


class Keys:
    """Student numbers and rests of a line as parts of the sort key, found once per
    distinct value by the importer's checks (`rowcheck.RowParser`)."""

    def __init__(self, parser, columns, delimiter, students, first_day):
        self.parser, self.delimiter = parser, delimiter
        self.students, self.first_day = students, first_day
        rest = [c for c in sorted(columns, key=columns.get) if c != "student_number"]
        self.order = [rest.index(c) for c in ("date", "start", "end", "kind")]
        self.numbers, self.rests = {}, {}
        self.school_of, self.day_of = {}, {}  # student part: school id; rest: day
        schools = {school for matches in students.values() for _id, school in matches}
        # One school (an import for a school, or a school's own staff): a rest's day is
        # checked against its calendar once; otherwise each (school, day) of the file.
        self.school = schools.pop() if len(schools) == 1 else None
        self.school_days = set()
        self.values = {}  # key: (day, start, end, kind) bound, for VALUES
        self.days = {}  # day bound: its offset, for DAYS

    def number(self, raw):
        if len(raw) > self.parser.max_field:
            raise Abandon
        matches = self.students.get(raw.strip())
        if not matches or len(matches) > 1 or matches[0][0] >= 1 << (63 - STUDENT_SHIFT):
            raise Abandon
        student_id, school_id = matches[0]
        self.school_of[student_id << STUDENT_SHIFT] = school_id
        return student_id << STUDENT_SHIFT

    def rest(self, raw):
        parts = raw.split(self.delimiter)
        if len(parts) != 4 or max(map(len, parts)) > self.parser.max_field:
            raise Abandon
        day, start, end, kind = map(parts.__getitem__, self.order)
        checked, problem = self.parser.values(day, start, end, kind)
        if problem:
            raise Abandon
        day, start, end, kind, bound = checked
        offset = day.toordinal() - self.first_day
        if not 0 <= offset < 1 << DAY_BITS:
            raise Abandon
        if self.school is not None and not self.parser.school_day(self.school, day):
            raise Abandon
        key = (offset << DAY_SHIFT | (start.hour * 60 + start.minute) << START_SHIFT
               | (end.hour * 60 + end.minute) << END_SHIFT | KIND_RANK[kind])
        self.values[key] = bound
        self.day_of[key] = day
        self.days[bound[0]] = offset
        return key

    def lookup(self, memo, fill, raws):
        try:
            return list(map(memo.__getitem__, raws))
        except KeyError:
            for raw in set(raws).difference(memo):
                memo[raw] = fill(raw)
            if len(memo) > MAX_VALUES:
                raise Abandon from None
            return list(map(memo.__getitem__, raws))

    def keys(self, numbers, rests):
        """The sort keys of rows of these numbers and rests: every one a school day of the
        student's school."""
        found = self.lookup(self.numbers, self.number, numbers)
        rests = self.lookup(self.rests, self.rest, rests)
        if self.school is None:
            pairs = set(zip(map(self.school_of.__getitem__, found),
                            map(self.day_of.__getitem__, rests)))
            for school_id, day in pairs.difference(self.school_days):
                if not self.parser.school_day(school_id, day):
                    raise Abandon
            self.school_days |= pairs
            if len(self.school_days) > MAX_VALUES:
                raise Abandon
        return list(map(operator.or_, found, rests)), rests


class InDayOrder:
    """Overlaps among the rows of a file in day order (as registration systems export),
    found while staging: the rows of each day, sorted, compared with their neighbours
    (see `overlapping`). `found` is None once the file turns out not to be in day order:
    then `overlapping` asks the database."""

    def __init__(self):
        self.day, self.carried, self.found = -1, [], False

    def add(self, keys, rests):
        if self.found is not False:
            return
        days = list(map(operator.rshift, rests, repeat(DAY_SHIFT)))
        if days[0] < self.day or not all(map(operator.le, days, islice(days, 1, None))):
            self.found = None
            return
        last = days[-1]
        if last == self.day:  # the whole block is of the day carried
            self.carried += keys
            if len(self.carried) > MAX_DAY_ROWS:
                self.found, self.carried = None, []
            return
        cut = bisect.bisect_left(days, last)  # the rows of the last day: carried
        self.found = _neighbours_overlap(sorted(self.carried + keys[:cut]))
        self.day, self.carried = last, keys[cut:]

    def result(self):
        if self.found is False:
            self.found = _neighbours_overlap(sorted(self.carried))
        return self.found


def _neighbours_overlap(keys):
    """In sorted keys: is a key below its predecessor's student, day and end as start?"""
    upper = map(operator.or_, map(operator.and_, keys, repeat(-1 << DAY_SHIFT)),
                map(operator.lshift, map(operator.and_, map(operator.rshift, keys,
                                                             repeat(END_SHIFT)),
                                         repeat(TIME_MASK)), repeat(START_SHIFT)))
    return any(map(operator.lt, islice(keys, 1, None), upper))
