"""One student's absences summed per day, and runs of school days (the building blocks of
rules/signals.py). Plain values in, decisions out: no clock, no database.

A run of school days skips weekends and holidays (and the weekdays the student is not
taught: the calendar passed is the student's, rules/timetable.py). A run may end on the
last registered school day: on a school day with nothing registered yet (Monday morning
before the day's import) the run up to the school day before still holds.
"""
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, time, timedelta

from coordination.rules.calendar import week_of
from coordination.rules.timetable import counted_hours

KINDS = ("unauthorised", "sick", "leave", "late", "suspended", "luxury", "sick_doubtful")
# Kinds a school can only register once the day has come (issue 11 finding 9): leave and a
# suspension may be entered ahead, a missed lesson or a sick day may not.
OBSERVED_KINDS = frozenset({"unauthorised", "sick", "late", "luxury", "sick_doubtful"})
# API.md: duo_16h_4w counts unauthorised, luxury and sick_doubtful hours.
UNAUTHORISED = frozenset({"unauthorised", "luxury", "sick_doubtful"})
RUN_LIMIT_DAYS = 800            # how far back a run of school days is followed


@dataclass(frozen=True)
class Signal:
    """A signal true since `since` (API.md "Signal codes"), with what it counted."""

    code: str
    since: date
    details: dict = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class Absence:
    day: date
    start: time
    end: time
    kind: str

    @property
    def minutes(self) -> int:
        return max((self.end.hour * 60 + self.end.minute)
                   - (self.start.hour * 60 + self.start.minute), 0)

    @property
    def hours(self) -> float:
        return self.minutes / 60


class Record:
    """One student's absences, summed per day and kind (clock hours), and the hours each
    day counts for the 16-hour report (lesson hours when `lesson_hours`)."""

    def __init__(self, absences, lesson_hours=False):
        self.hours = defaultdict(lambda: defaultdict(float))
        self.report_hours = defaultdict(float)
        for absence in absences:
            self.hours[absence.day][absence.kind] += absence.hours
            if absence.kind in UNAUTHORISED:
                self.report_hours[absence.day] += counted_hours(absence.minutes, lesson_hours)

    def kinds_hours(self, day, kinds):
        return sum(h for k, h in self.hours.get(day, {}).items() if k in kinds)

    def missed(self, day, count_late=True):
        return sum(h for k, h in self.hours.get(day, {}).items() if count_late or k != "late")

    def has(self, day, kind):
        return self.hours.get(day, {}).get(kind, 0) > 0

    def registered(self, day):
        return any(h > 0 for h in self.hours.get(day, {}).values())


def each_day(first, last):
    """Every calendar day from `first` through `last`."""
    day = first
    while day <= last:
        yield day
        day += timedelta(days=1)


def working_days_after(day, count):
    """The working day (Monday-Friday) `count` working days after `day`."""
    while count > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            count -= 1
    return day


def add_months(day, months):
    """The same day `months` later, or the month's last day when it has fewer days."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


def effective_end(record, calendar, on):
    """The last registered school day up to `on`: `on` itself unless it is a school day
    with nothing registered yet (then the run is read up to the school day before)."""
    if calendar.is_school_day(on) and not record.registered(on):
        return on - timedelta(days=1)
    return on


def run_back(calendar, on, test):
    """School days ending at the last school day <= on on which `test` holds, oldest first."""
    run, day = [], on
    limit = on - timedelta(days=RUN_LIMIT_DAYS)
    while day > limit:
        if calendar.is_school_day(day):
            if not test(day):
                break
            run.append(day)
        day -= timedelta(days=1)
    return run[::-1]


def full_weeks(calendar, run):
    """The Mondays of the school weeks every school day of which (up to the run's end) is
    in the run, oldest first: a week in which the run starts late does not count."""
    if not run:
        return []
    weeks = sorted({week_of(d) for d in run})
    first_week = weeks[0]
    if calendar.school_days(first_week, run[0] - timedelta(days=1)):
        weeks = weeks[1:]
    return weeks


def weeks_run(record, calendar, on, test):
    """(run of school days on which `test` holds up to the last registered school day,
    the Mondays of its full school weeks)."""
    run = run_back(calendar, effective_end(record, calendar, on), test)
    return run, full_weeks(calendar, run)
