"""The DUO verzuimloket's codes (API.md "Signal codes"; DOMAIN.md §3): 16 hours of
unauthorised absence in 4 school weeks, long relative absence, luxury absence, and the
16-hour reports due with their deadlines. Pure: see rules/signals.py for the
interpretations they share with the other signals.
"""
from dataclasses import dataclass
from datetime import date, timedelta

from coordination.rules.calendar import week_of
from coordination.rules.legal_status import adult_report_applies, duo_applies, school_year_of
from coordination.rules.timetable import DEFAULT_TIMETABLE
from coordination.rules.windows import (
    UNAUTHORISED,
    Record,
    Signal,
    each_day,
    weeks_run,
    working_days_after,
)

DUO_HOURS = 16                  # DOMAIN.md §3: "at least 16 hours ... 4 consecutive school weeks"
DUO_SCHOOL_WEEKS = 4
REPORT_DEADLINE_WORKING_DAYS = 5  # inspectorate: report within 5 working days
REPORT_MIN_DAYS_APART = 7       # DUO: in continuous absence at most one report per 7 days
LONG_RELATIVE_SCHOOL_WEEKS = 4  # LRV: "longer than 4 weeks" → more than 4 school weeks
LUXURY_SCHOOL_WEEKS = 4         # API.md: luxury absence in the last 4 school weeks


@dataclass(frozen=True)
class DueReport:
    """A 16-hour report to DUO: first absence day, the day 16 hours were reached, the
    hours counted and the last day to report (DOMAIN.md §3)."""

    start: date
    end: date
    hours: float
    deadline: date


def duo_window_first(calendar, on, weeks=DUO_SCHOOL_WEEKS):
    """First day of the DUO window: `weeks` school weeks up to `on`, within its school year."""
    return max(calendar.school_weeks_first_day(on, weeks), school_year_of(on)[0])


def _unauthorised_since(record, first, last):
    """(total hours, the day the total reached DUO_HOURS or None, first absence day)."""
    total, reached, start = 0.0, None, None
    for day in each_day(first, last):
        hours = record.report_hours.get(day, 0.0)
        if hours > 0 and start is None:
            start = day
        total += hours
        if reached is None and total >= DUO_HOURS - 1e-9:
            reached = day
    return total, reached, start


def duo_window_hours(record, calendar, on, counted_from=None):
    """Unauthorised hours in the 4 school weeks up to `on`, from `counted_from` (the day
    after the last report's end) when that is later: the 16-hour bar."""
    first = duo_window_first(calendar, on)
    if counted_from is not None:
        first = max(first, counted_from)
    return _unauthorised_since(record, first, on)


def duo_16h(record, calendar, on, counted_from=None):
    total, reached, _start = duo_window_hours(record, calendar, on, counted_from)
    if reached is not None:
        return Signal("duo_16h_4w", reached, {"hours": round(total, 2)})
    return None


def long_relative(record, calendar, on, day_hours):
    run, weeks = weeks_run(record, calendar, on,
                            lambda d: record.kinds_hours(d, UNAUTHORISED) >= day_hours / 2)
    if len(weeks) > LONG_RELATIVE_SCHOOL_WEEKS:
        since = min(d for d in run if week_of(d) == weeks[LONG_RELATIVE_SCHOOL_WEEKS])
        return Signal("duo_long_relative", since,
                      {"school_weeks": len(weeks), "from": run[0].isoformat()})
    return None


def luxury(record, calendar, on):
    first = duo_window_first(calendar, on, LUXURY_SCHOOL_WEEKS)
    days = [d for d in each_day(first, on) if record.has(d, "luxury")]
    return Signal("duo_luxury", days[0], {"days": len(days)}) if days else None


def duo_16h_reports(absences, calendar, date_of_birth, has_startkwalificatie, until,
                    after=None, vso_profile=None, exemptions=(), report_adults=False,
                    timetable=DEFAULT_TIMETABLE):
    """Every 16-hour report due up to `until`, oldest first (DOMAIN.md §3; DUO).

    Each report: at least 16 hours of unauthorised absence within 4 consecutive school
    weeks, counted from the day after the previous report's end (`after`: the end of the
    last recorded report). Its start is the first absence day counted, its end the day
    the 16 hours were reached, its deadline 5 working days later. In continuous absence
    at most one report per 7 calendar days: a threshold reached sooner is reported on the
    first absence day 7 days after the previous end, with the hours counted until then.
    Only days on which the DUO codes apply (age, diploma, exemption) end a report, or,
    with `report_adults`, days on which the student is 18 or older and not exempt.
    """
    record = Record((a for a in absences if a.day <= until), timetable.lesson_hours)
    calendar = timetable.calendar(calendar)
    days = sorted(d for d, h in record.report_hours.items()
                  if (after is None or d > after) and h > 0)
    reports, restart, last_end = [], after, after
    for day in days:
        if last_end is not None and day < last_end + timedelta(days=REPORT_MIN_DAYS_APART):
            continue
        if not (duo_applies(date_of_birth, has_startkwalificatie, day, vso_profile, exemptions)
                or (report_adults and adult_report_applies(date_of_birth, day, exemptions))):
            continue
        first = duo_window_first(calendar, day)
        if restart is not None:
            first = max(first, restart + timedelta(days=1))
        total, reached, start = _unauthorised_since(record, first, day)
        if reached is not None:
            reports.append(DueReport(start, day, round(total, 2),
                                     working_days_after(day, REPORT_DEADLINE_WORKING_DAYS)))
            restart = last_end = day
    return reports
