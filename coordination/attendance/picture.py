"""The student's attendance picture (student and case pages): the signals and the 16-hour
bar, a heat map of the school year, counts per kind, DUO reports and recent absences."""
from dataclasses import dataclass
from dataclasses import field as _field
from datetime import date as _date
from datetime import timedelta

from coordination import limits
from coordination.attendance.calendars import calendar_for
from coordination.attendance.duo_reports import reports_of
from coordination.attendance.models import Absence
from coordination.attendance.services import (
    HISTORY_DAYS,
    _as_rule,
    calendar_missing,
    effective_absences,
    facts_by_student,
    signals_for_student,
    student_days,
)
from coordination.cases.services import hard_to_attend_now
from coordination.extensions import db
from coordination.rules import signals as rules
from coordination.rules.timetable import Timetable
from coordination.schools.services import timetables_for

# Which kind colours a heat-map day when several kinds were registered for the same
# number of hours: the unauthorised kinds first, then the others.
DOMINANCE = ("unauthorised", "luxury", "sick_doubtful", "suspended", "sick", "leave", "late")
REASON_MAX = limits.REASON
RECENT_DAYS = 28  # the absences listed for correction: the last 4 weeks


def school_year(on):
    """The school year (1 August - 31 July) that contains `on`: (first, last)."""
    first = _date(on.year if on.month >= 8 else on.year - 1, 8, 1)
    return first, _date(first.year + 1, 7, 31)


@dataclass
class Summary:
    """What the case page shows: the signals true on `on` and the unauthorised hours in the
    4 school weeks up to `on` (since the last 16-hour report) against the 16-hour line;
    `calendar_missing` when the school has no holidays for the school year of `on`."""

    on: _date
    signals: list
    unauthorised_hours: float
    calendar_missing: bool = False
    timetable: Timetable = rules.DEFAULT_TIMETABLE
    # The team's statement of Kearney's criterion (b) that holds, or None (DOMAIN.md §4:
    # a judgement recorded on the case, shown with the signals).
    hard_to_attend: object = None
    threshold: int = rules.DUO_HOURS
    school_weeks: int = rules.DUO_SCHOOL_WEEKS

    @property
    def over(self):
        return self.unauthorised_hours >= self.threshold

    @property
    def scale(self):
        """The hours the full width of the bar stands for (the 16-hour line at 2/3)."""
        return max(self.threshold * 1.5, self.unauthorised_hours)


@dataclass
class HeatCell:
    day: _date
    kind: str | None       # the dominant kind of absence that day, None: not absent
    hours: dict            # {kind: hours}
    future: bool = False   # after `on`: not known yet


@dataclass
class HeatMonth:
    first: _date
    slots: list            # one per day of the month: a HeatCell on school days, else None

    @property
    def cells(self):
        return [slot for slot in self.slots if slot is not None]


@dataclass
class Picture:
    """The student page: summary, heat map of the school year, counts per kind, the DUO
    reports made and the absences of the last 4 weeks (rows that can be corrected)."""

    summary: Summary
    year: tuple
    months: list
    counts: list           # [(kind, school days with it, hours)], kinds in KINDS order
    school_days: int       # school days of the year up to `on`
    absent_days: int       # of which with any absence
    reports: list
    recent: list = _field(default_factory=list)


def _summary(student, on, calendar, absences, timetable, statements=None):
    facts = facts_by_student([student.id], on)[student.id]
    signals = signals_for_student(student, on, calendar, absences, facts, timetable)
    total, _reached, _start = rules.duo_window_hours(
        rules.Record((a for a in absences if a.day <= on), timetable.lesson_hours),
        timetable.calendar(calendar), on, facts.counted_from)
    return Summary(on=on, signals=signals, unauthorised_hours=round(total, 2),
                   calendar_missing=calendar_missing(calendar, on), timetable=timetable,
                   hard_to_attend=hard_to_attend_now(student.id, statements))


def attendance_summary(student, on, days=None, statements=None):
    """The compact picture for the case page; a fixed number of queries (closures,
    absences, timetables, facts, criterion (b)); without the first three when `days`
    (services.StudentDays, from at least HISTORY_DAYS before `on`) holds them, without
    the last with `statements` (cases.services.hard_to_attend_statements)."""
    first = on - timedelta(days=HISTORY_DAYS)
    if days is None or not days.covers(first, on):
        days = student_days(student, first, on)
    return _summary(student, on, days.calendar, days.between(first, on), days.timetable,
                    statements)


def _dominant(hours):
    if not hours:
        return None
    rank = {kind: -n for n, kind in enumerate(DOMINANCE)}
    return max(hours, key=lambda kind: (hours[kind], rank.get(kind, -len(DOMINANCE))))


def _heat_map(calendar, record, on, first, last):
    """One HeatMonth per month of the school year, a slot per day of the month."""
    months, day = [], first
    while day <= last:
        if day.day == 1:
            months.append(HeatMonth(day, []))
        cell = None
        if calendar.is_school_day(day):
            hours = {} if day > on else {
                k: h for k, h in record.hours.get(day, {}).items() if h > 0}
            cell = HeatCell(day, _dominant(hours), hours, future=day > on)
        months[-1].slots.append(cell)
        day += timedelta(days=1)
    return months


def attendance_picture(student, on):
    """Everything the student page shows about attendance on `on`, in a fixed number of
    queries whatever the number of absences: closures, absences (one query for the school
    year and the signal windows), DUO reports, timetables. The heat map shows the
    student's own school days (their timetable's weekdays)."""
    calendar = calendar_for(student.school)
    timetable = timetables_for([student])[student.id]
    rows = db.session.scalars(effective_absences().where(
        Absence.student_id == student.id, Absence.day >= on - timedelta(days=HISTORY_DAYS),
        Absence.day <= on).order_by(Absence.day.desc(), Absence.start)).all()
    absences = [_as_rule(row) for row in rows]
    first, last = school_year(on)
    record = rules.Record(a for a in absences if a.day >= first)
    months = _heat_map(timetable.calendar(calendar), record, on, first, last)
    past = [cell for month in months for cell in month.cells if not cell.future]
    counts = []
    for kind in rules.KINDS:
        days = [cell for cell in past if kind in cell.hours]
        if days:
            counts.append((kind, len(days), round(sum(c.hours[kind] for c in days), 2)))
    window = on - timedelta(days=RECENT_DAYS - 1)
    return Picture(
        summary=_summary(student, on, calendar, absences, timetable), year=(first, last),
        months=months,
        counts=counts, school_days=len(past), absent_days=sum(1 for c in past if c.hours),
        reports=reports_of(student.id), recent=[row for row in rows if row.day >= window])
