"""Did it help? Attendance per school week, before and after a step (issue 12).

A step is a tier change or an agreement. The share attended in a school week is the
scheduled time of its school days minus the time missed (any kind but `late`, capped at
a day's time), divided by the scheduled time. A step *helped* when the mean share of the
`WINDOW` school weeks after the step's week is higher than that of the `WINDOW` school
weeks before it; with fewer than `WINDOW` school weeks after it, it is too early to say.

Weeks are school weeks (API.md "Signal codes"): holiday weeks are skipped, not counted.
"""
from dataclasses import dataclass
from datetime import date, timedelta

from coordination.rules.calendar import week_of

WINDOW = 6  # the "within 6 school weeks"


@dataclass(frozen=True)
class Week:
    monday: date
    scheduled: float  # hours
    missed: float     # hours

    @property
    def share(self):
        """The share of scheduled time attended, 0-1."""
        return 1.0 if not self.scheduled else max(0.0, 1 - self.missed / self.scheduled)


def weekly(missed_by_day, calendar, first, last, day_hours):
    """The school weeks from the week of `first` to that of `last`, oldest first.
    `missed_by_day`: {date: hours missed that day}."""
    weeks, monday = [], week_of(first)
    while monday <= last:
        days = [monday + timedelta(days=n) for n in range(5)]
        school = [d for d in days if calendar.is_school_day(d) and first <= d <= last]
        if school:
            missed = sum(min(missed_by_day.get(d, 0.0), day_hours) for d in school)
            weeks.append(Week(monday, len(school) * day_hours, missed))
        monday += timedelta(days=7)
    return weeks


def around(weeks, day, count=WINDOW):
    """(the `count` school weeks before the week of `day`, the `count` after it)."""
    step_week = week_of(day)
    before = [w for w in weeks if w.monday < step_week][-count:]
    after = [w for w in weeks if w.monday > step_week][:count]
    return before, after


def mean_share(weeks):
    return sum(w.share for w in weeks) / len(weeks) if weeks else None


def helped(weeks, day, count=WINDOW):
    """True or False: attendance after the step beat the weeks before; None: no weeks
    before it, or fewer than `count` school weeks after it yet."""
    before, after = around(weeks, day, count)
    if not before or len(after) < count:
        return None
    return mean_share(after) > mean_share(before)
