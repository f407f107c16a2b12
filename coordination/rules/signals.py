"""Attendance and legal signals on a date (API.md "Signal codes"; DOMAIN.md §3-4).

Every rule takes the absences of one student, the school calendar and plain facts, and
an explicit date `on`; nothing reads the clock or the database. The record of absences
and the runs of school days the rules count live in rules/windows.py (its public names
are importable from here too); the DUO codes and the 16-hour reports live in
rules/duo.py (importable from here too).

Interpretations where the sources leave room (each has a test):
- "Weeks" are school weeks of the student's school: calendar weeks (Monday-Sunday) with
  at least one school day; holiday weeks are skipped, not counted (API.md). A window of
  "4 school weeks up to D" runs from the Monday of the 4th school week back up to D.
- The DUO hour windows (16 hours, luxury) do not reach back across 1 August into the
  previous school year: the registration and the legal status start afresh each year.
- Every count of school days, school weeks and scheduled time is the student's: the
  school calendar's school days on the weekdays of the student's timetable
  (rules/timetable.py), each with the timetable's hours. A BBL student taught on Monday
  has one school day a week, and a week whose Monday is a holiday is no school week for
  them. Without a timetable: Monday to Friday, DEFAULT_HOURS a day.
- Kearney's "2 weeks" and "15 weeks" are the last 10 and 75 school days (DOMAIN.md §4) of
  a five-day timetable: 2 and 15 times the student's school days per week. The "10 days"
  of criterion (c) stay 10 days (Kearney gives no part-time rule).
- The 16-hour report counts clock hours, or lesson hours when the school counts those
  (rules.timetable.counted_hours); every other rule compares clock time with the
  scheduled time.
- An "absent day" counts when at least half a school day was missed (late arrivals do
  not count); "not attending" a school day (RMC, thuiszitter) means missing the whole day.
- Runs of school days skip weekends and holidays; an authorised absence (e.g. sick)
  between unauthorised days ends an unauthorised run. A run may end on the last
  registered school day: on a school day with nothing registered yet (Monday morning
  before the day's import) the run up to the school day before still holds.
- Working days (the 5-day deadline of a report) are Monday to Friday.
"""
from datetime import timedelta

from coordination.rules.calendar import week_of
from coordination.rules.duo import (  # noqa: F401 (the DUO codes: public here too)
    DUO_HOURS,
    DUO_SCHOOL_WEEKS,
    LONG_RELATIVE_SCHOOL_WEEKS,
    LUXURY_SCHOOL_WEEKS,
    REPORT_DEADLINE_WORKING_DAYS,
    REPORT_MIN_DAYS_APART,
    DueReport,
    duo_16h,
    duo_16h_reports,
    duo_window_first,
    duo_window_hours,
    long_relative,
    luxury,
)
from coordination.rules.legal_status import (
    RMC_START_AGE,
    adult_report_applies,
    birthday,
    duo_applies,
    exempt_on,
    in_rmc_age,
    is_compulsory_age,
)
from coordination.rules.timetable import DEFAULT_TIMETABLE
from coordination.rules.windows import (  # noqa: F401 (Absence, Record, KINDS: public here too)
    KINDS,
    OBSERVED_KINDS,
    UNAUTHORISED,
    Absence,
    Record,
    Signal,
    add_months,
    each_day,
    effective_end,
    full_weeks,
    run_back,
    weeks_run,
    working_days_after,
)

RMC_DAYS = 28                   # DOMAIN.md §3: "28 consecutive calendar days"
PROBLEMATIC_SHARE = 0.25        # Kearney (a): 25 % of school time in 2 school weeks
PROBLEMATIC_SCHOOL_WEEKS = 2    # Kearney (a): 2 school weeks
PROBLEMATIC_DAYS = 10           # Kearney (c): 10 days in 15 school weeks
PROBLEMATIC_DAYS_SCHOOL_WEEKS = 15
MAZL_REPORTS = 4                # MAZL: the 4th sick report within 12 school weeks
MAZL_SCHOOL_WEEKS = 12
MAZL_LONG_DAYS = 7              # MAZL: from the 7th consecutive school day sick
SUSPENSION_NOTIFY_DAYS = 1      # longer than 1 day: inform the inspectorate
SUSPENSION_MAX_DAYS = 5         # at most one week in a row
SUSPENSION_WINDOW_DAYS = 28     # suspension runs shown while they ended in the last 4 weeks
SUSPENSION_LOOKBACK_DAYS = 30   # and read this far before that window, for their start
THUISZITTER_SCHOOL_WEEKS = 4    # DOMAIN.md §4: absent 4 weeks or more → more than 4
THUISZITTER_LONG_MONTHS = 3     # bands 4w_3m and over_3m

DUO_CODES = ("duo_16h_4w", "duo_long_relative", "duo_luxury")
# What the reports-due list shows: DUO's verzuimloket codes and the RMC report.
REPORT_CODES = DUO_CODES + ("rmc_28d",)


def rmc(record, calendar, on, date_of_birth, has_startkwalificatie, day_hours):
    """Not attending any of the student's scheduled school days (missing each one whole,
    at the timetable's hours) for 28 calendar days, up to the last registered school day."""
    if not in_rmc_age(date_of_birth, has_startkwalificatie, on):
        return None
    run = run_back(calendar, effective_end(record, calendar, on),
                    lambda d: record.missed(d, count_late=False) >= day_hours - 1e-9)
    if not run:
        return None
    # Only days from the 18th birthday count: before it, leerplicht and kwalificatieplicht
    # apply (and their own reports).
    start = max(run[0], birthday(date_of_birth, RMC_START_AGE))
    if (on - start).days + 1 >= RMC_DAYS:
        return Signal("rmc_28d", start + timedelta(days=RMC_DAYS - 1),
                      {"calendar_days": (on - start).days + 1, "from": start.isoformat()})
    return None


def problematic_share(record, calendar, on, day_hours):
    days = calendar.school_days_back(on, PROBLEMATIC_SCHOOL_WEEKS * calendar.days_per_week)
    if not days:
        return None
    missed = sum(min(record.missed(d), day_hours) for d in days)
    share = missed / (len(days) * day_hours)
    if share >= PROBLEMATIC_SHARE:
        return Signal("problematic_25pct_2w", days[0], {"share": round(share, 3)})
    return None


def problematicdays(record, calendar, on, day_hours):
    absent = [d for d in calendar.school_days_back(
                  on, PROBLEMATIC_DAYS_SCHOOL_WEEKS * calendar.days_per_week)
              if record.missed(d, count_late=False) >= day_hours / 2]
    if len(absent) >= PROBLEMATIC_DAYS:
        return Signal("problematic_10d_15w", absent[PROBLEMATIC_DAYS - 1], {"days": len(absent)})
    return None


def sick_reports(record, calendar, on):
    """First days of sick spells (a sick school day after a school day without one) in the
    12 school weeks up to `on`."""
    first = calendar.school_weeks_first_day(on, MAZL_SCHOOL_WEEKS)
    days = calendar.school_days(first, on)
    before = calendar.school_days_back(first - timedelta(days=1), 1)
    reports = []
    for previous, day in zip(before + [None] * (not before) + days, days):
        if record.has(day, "sick") and not (previous and record.has(previous, "sick")):
            reports.append(day)
    return reports


def mazl_frequent(record, calendar, on):
    reports = sick_reports(record, calendar, on)
    if len(reports) >= MAZL_REPORTS:
        return Signal("mazl_frequent_sick", reports[MAZL_REPORTS - 1], {"reports": len(reports)})
    return None


def mazl_long(record, calendar, on):
    run = run_back(calendar, on, lambda d: record.has(d, "sick"))
    if len(run) >= MAZL_LONG_DAYS:
        return Signal("mazl_long_sick", run[MAZL_LONG_DAYS - 1], {"school_days": len(run)})
    return None


def suspensions(record, calendar, on):
    """Suspension runs (school days in a row) with a day in the 4 weeks up to `on`."""
    first = on - timedelta(days=SUSPENSION_WINDOW_DAYS - 1)
    found, run = [], []
    for day in calendar.school_days(first - timedelta(days=SUSPENSION_LOOKBACK_DAYS), on):
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


def absolute_verzuim(on, date_of_birth, has_startkwalificatie, vso_profile, exemptions,
                     left_on):
    """Of compulsory age on `on`, left school on `left_on` and no enrolment since
    (DOMAIN.md §3: it goes to the attendance officer at once)."""
    if left_on is None or left_on > on or exempt_on(exemptions, on):
        return None
    if not is_compulsory_age(date_of_birth, has_startkwalificatie, on, vso_profile):
        return None
    return Signal("absolute_verzuim", left_on, {"left_on": left_on.isoformat()})


def thuiszitter(record, calendar, on, day_hours):
    """Absent (any kind) on every school day of more than 4 consecutive school weeks up to
    `on` (the caller checks compulsory age, enrolment and exemptions)."""
    run, weeks = weeks_run(record, calendar, on,
                            lambda d: record.missed(d, count_late=False) >= day_hours)
    if len(weeks) <= THUISZITTER_SCHOOL_WEEKS:
        return None
    since = min(d for d in run if week_of(d) == weeks[THUISZITTER_SCHOOL_WEEKS])
    band = "over_3m" if on >= add_months(run[0], THUISZITTER_LONG_MONTHS) else "4w_3m"
    return Signal("thuiszitter", since, {"band": band, "from": run[0].isoformat(),
                                          "school_weeks": len(weeks)})


def signals_on(on, absences, calendar, date_of_birth, has_startkwalificatie,
               timetable=DEFAULT_TIMETABLE, vso_profile=None, exemptions=(),
               counted_from=None, left_on=None, report_adults=False):
    """Every signal true on `on`, in API.md's order of codes.

    `calendar`: the school's; `timetable`: the student's (rules/timetable.py);
    `counted_from`: the day after the end of the last recorded 16-hour report;
    `left_on`: the day the student left school with no enrolment since (else None);
    `report_adults`: the region makes the optional 16-hour report for students of 18+.
    """
    record = Record((a for a in absences if a.day <= on), timetable.lesson_hours)
    calendar = timetable.calendar(calendar)
    day_hours = timetable.hours_per_day
    duo = duo_applies(date_of_birth, has_startkwalificatie, on, vso_profile, exemptions)
    enforced = (is_compulsory_age(date_of_birth, has_startkwalificatie, on, vso_profile)
                and not exempt_on(exemptions, on))
    found = [
        duo_16h(record, calendar, on, counted_from) if duo or (
            report_adults and adult_report_applies(date_of_birth, on, exemptions)) else None,
        long_relative(record, calendar, on, day_hours) if duo else None,
        luxury(record, calendar, on) if duo else None,
        rmc(record, calendar, on, date_of_birth, has_startkwalificatie, day_hours),
        problematic_share(record, calendar, on, day_hours),
        problematicdays(record, calendar, on, day_hours),
        mazl_frequent(record, calendar, on),
        mazl_long(record, calendar, on),
        *suspensions(record, calendar, on),
        absolute_verzuim(on, date_of_birth, has_startkwalificatie, vso_profile, exemptions,
                         left_on),
        thuiszitter(record, calendar, on, day_hours) if enforced and left_on is None else None,
    ]
    return [s for s in found if s is not None]
