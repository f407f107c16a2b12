"""Attendance and legal signals on a date (API.md signal codes; seed 002 §1, DOMAIN.md §3-4).

Every rule takes the absences of one student, the school calendar and plain facts, and
an explicit date `on`; nothing reads the clock or the database.

Interpretations where the sources leave room (each has a test):
- A window "of 4 weeks up to D" is the 28 calendar days D-27 … D; "2 weeks" is D-13 … D;
  "15 weeks" is D-104 … D; "12 school weeks" is the last 60 school days up to D.
- Scheduled school time is SCHOOL_DAY_HOURS per school day (a setting; the registration
  holds missed lessons, not timetables).
- An "absent day" counts when at least half a school day was missed (late arrivals do
  not count); "not attending" a school day (RMC) means missing the whole day.
- Runs of school days skip weekends and holidays; an authorised absence (e.g. sick)
  between unauthorised days ends an unauthorised run.
"""
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, time, timedelta

from coordination.rules.legal_status import age_on, birthday

KINDS = ("unauthorised", "sick", "leave", "late", "suspended", "luxury", "sick_doubtful")
# API.md: duo_16h_4w counts unauthorised, luxury and sick_doubtful hours.
UNAUTHORISED = frozenset({"unauthorised", "luxury", "sick_doubtful"})

DUO_HOURS = 16                 # seed 002: "meer dan zestien uur ... binnen vier weken"
DUO_WINDOW_DAYS = 28
LONG_RELATIVE_SCHOOL_DAYS = 20  # "langer dan vier weken": more than 4 weeks of school days
RMC_DAYS = 28                   # "28 kalenderdagen aaneengesloten"
RMC_AGES = (18, 23)
PROBLEMATIC_SHARE = 0.25        # Kearney: 25 % of school time in 2 weeks
PROBLEMATIC_WINDOW_DAYS = 14
PROBLEMATIC_DAYS = 10           # Kearney: 10 days in 15 weeks
PROBLEMATIC_DAYS_WINDOW = 105
MAZL_REPORTS = 4                # MAZL: the 4th sick report within 12 school weeks
MAZL_SCHOOL_DAYS = 60
MAZL_LONG_DAYS = 7              # MAZL: from the 7th consecutive school day sick
SUSPENSION_NOTIFY_DAYS = 1      # longer than 1 day: inform the inspectorate
SUSPENSION_MAX_DAYS = 5         # at most one week in a row
SCHOOL_DAY_HOURS = 6.0

DUO_CODES = ("duo_16h_4w", "duo_long_relative", "duo_luxury", "rmc_28d")


@dataclass(frozen=True)
class Absence:
    day: date
    start: time
    end: time
    kind: str

    @property
    def hours(self) -> float:
        minutes = (self.end.hour * 60 + self.end.minute) - (self.start.hour * 60 + self.start.minute)
        return max(minutes, 0) / 60


@dataclass(frozen=True)
class Signal:
    code: str
    since: date
    details: dict = field(default_factory=dict, compare=False)


class Record:
    """One student's absences, summed per day and kind."""

    def __init__(self, absences):
        self.hours = defaultdict(lambda: defaultdict(float))
        for absence in absences:
            self.hours[absence.day][absence.kind] += absence.hours

    def kinds_hours(self, day, kinds):
        return sum(h for k, h in self.hours.get(day, {}).items() if k in kinds)

    def missed(self, day, count_late=True):
        return sum(h for k, h in self.hours.get(day, {}).items() if count_late or k != "late")

    def has(self, day, kind):
        return self.hours.get(day, {}).get(kind, 0) > 0


def _window(on, days):
    return on - timedelta(days=days - 1), on


def _days(first, last):
    day = first
    while day <= last:
        yield day
        day += timedelta(days=1)


def duo_16h(record, on):
    first, _ = _window(on, DUO_WINDOW_DAYS)
    total, since = 0.0, None
    for day in _days(first, on):
        total += record.kinds_hours(day, UNAUTHORISED)
        if since is None and total > DUO_HOURS:
            since = day
    if total > DUO_HOURS:
        return Signal("duo_16h_4w", since, {"hours": round(total, 2)})
    return None


def _run_back(calendar, on, test):
    """School days ending at the last school day <= on on which `test` holds, oldest first."""
    run, day = [], on
    limit = on - timedelta(days=800)
    while day > limit:
        if calendar.is_school_day(day):
            if not test(day):
                break
            run.append(day)
        day -= timedelta(days=1)
    return run[::-1]


def long_relative(record, calendar, on):
    run = _run_back(calendar, on, lambda d: record.kinds_hours(d, UNAUTHORISED) > 0)
    if len(run) > LONG_RELATIVE_SCHOOL_DAYS:
        return Signal("duo_long_relative", run[LONG_RELATIVE_SCHOOL_DAYS],
                      {"school_days": len(run), "from": run[0].isoformat()})
    return None


def luxury(record, on):
    first, _ = _window(on, DUO_WINDOW_DAYS)
    days = [d for d in _days(first, on) if record.has(d, "luxury")]
    return Signal("duo_luxury", days[0], {"days": len(days)}) if days else None


def rmc(record, calendar, on, date_of_birth, has_startkwalificatie, day_hours):
    age = age_on(date_of_birth, on)
    if has_startkwalificatie or not RMC_AGES[0] <= age < RMC_AGES[1]:
        return None
    run = _run_back(calendar, on, lambda d: record.missed(d, count_late=False) >= day_hours)
    if not run:
        return None
    # Only days from the 18th birthday count: before it, leerplicht and kwalificatieplicht
    # apply (and their own reports).
    start = max(run[0], birthday(date_of_birth, RMC_AGES[0]))
    if (on - start).days + 1 >= RMC_DAYS:
        return Signal("rmc_28d", start + timedelta(days=RMC_DAYS - 1),
                      {"calendar_days": (on - start).days + 1, "from": start.isoformat()})
    return None


def problematic_share(record, calendar, on, day_hours):
    first, _ = _window(on, PROBLEMATIC_WINDOW_DAYS)
    days = calendar.school_days(first, on)
    if not days:
        return None
    missed = sum(min(record.missed(d), day_hours) for d in days)
    share = missed / (len(days) * day_hours)
    if share >= PROBLEMATIC_SHARE:
        return Signal("problematic_25pct_2w", first, {"share": round(share, 3)})
    return None


def problematic_days(record, calendar, on, day_hours):
    first, _ = _window(on, PROBLEMATIC_DAYS_WINDOW)
    absent = [d for d in calendar.school_days(first, on)
              if record.missed(d, count_late=False) >= day_hours / 2]
    if len(absent) >= PROBLEMATIC_DAYS:
        return Signal("problematic_10d_15w", absent[PROBLEMATIC_DAYS - 1], {"days": len(absent)})
    return None


def sick_reports(record, calendar, on):
    """First days of sick spells (a sick school day after a school day without one)."""
    days = calendar.school_days_back(on, MAZL_SCHOOL_DAYS + 1)
    reports = []
    for previous, day in zip(days, days[1:]):
        if record.has(day, "sick") and not record.has(previous, "sick"):
            reports.append(day)
    return reports


def mazl_frequent(record, calendar, on):
    reports = sick_reports(record, calendar, on)
    if len(reports) >= MAZL_REPORTS:
        return Signal("mazl_frequent_sick", reports[MAZL_REPORTS - 1], {"reports": len(reports)})
    return None


def mazl_long(record, calendar, on):
    run = _run_back(calendar, on, lambda d: record.has(d, "sick"))
    if len(run) >= MAZL_LONG_DAYS:
        return Signal("mazl_long_sick", run[MAZL_LONG_DAYS - 1], {"school_days": len(run)})
    return None


def suspensions(record, calendar, on):
    """Suspension runs (school days in a row) with a day in the 4 weeks up to `on`."""
    first, _ = _window(on, DUO_WINDOW_DAYS)
    found, run = [], []
    for day in calendar.school_days(first - timedelta(days=30), on):
        if record.has(day, "suspended"):
            run.append(day)
        else:
            if run:
                found.append(run)
            run = []
    if run:
        found.append(run)
    longest = max((r for r in found if r[-1] >= first), key=len, default=[])
    result = []
    if len(longest) > SUSPENSION_NOTIFY_DAYS:
        result.append(Signal("suspension_notify_inspectorate", longest[SUSPENSION_NOTIFY_DAYS],
                             {"school_days": len(longest)}))
    if len(longest) > SUSPENSION_MAX_DAYS:
        result.append(Signal("suspension_too_long", longest[SUSPENSION_MAX_DAYS],
                             {"school_days": len(longest)}))
    return result


def signals_on(on, absences, calendar, date_of_birth, has_startkwalificatie,
               day_hours=SCHOOL_DAY_HOURS):
    """Every signal true on `on`, in API.md's order of codes."""
    record = Record(a for a in absences if a.day <= on)
    found = [
        duo_16h(record, on),
        long_relative(record, calendar, on),
        luxury(record, on),
        rmc(record, calendar, on, date_of_birth, has_startkwalificatie, day_hours),
        problematic_share(record, calendar, on, day_hours),
        problematic_days(record, calendar, on, day_hours),
        mazl_frequent(record, calendar, on),
        mazl_long(record, calendar, on),
        *suspensions(record, calendar, on),
    ]
    return [s for s in found if s is not None]


def duo_16h_reports(absences):
    """Every DUO report of the 16-hour rule over a history: each time more than 16 hours
    of unauthorised absence fall within 4 weeks a report is due; its end date is the day
    the 16 hours were passed, and counting starts afresh after it (seed 002 §1)."""
    rows = sorted((a for a in absences if a.kind in UNAUTHORISED), key=lambda a: a.day)
    reports, window = [], []
    for absence in rows:
        window = [a for a in window if (absence.day - a.day).days < DUO_WINDOW_DAYS]
        window.append(absence)
        if sum(a.hours for a in window) > DUO_HOURS:
            reports.append((window[0].day, absence.day))
            window = []
    return reports
