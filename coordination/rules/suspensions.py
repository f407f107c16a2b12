"""Suspensions (schorsing) and expulsions (verwijdering) by the law as DOMAIN.md §3 cites it
(seed 002, "Schorsingen" and "Verwijderen"). Plain values in, decisions out.

- A student may be suspended for at most one week in a row: we count school days, and a
  week is SUSPENSION_MAX_DAYS of them (the same limit as the absence signal
  `suspension_too_long`).
- A suspension longer than one (school) day must be reported to the inspectorate.
- The reason is always given to the student and the parents in writing.
- An expulsion is decided by the school board after hearing the parents, the student and
  the teacher; the attendance officer and the inspectorate are informed at once; it is
  only final when another school has been found that will admit the student.
"""
from dataclasses import dataclass
from datetime import date, timedelta

from coordination.rules.signals import SUSPENSION_MAX_DAYS, SUSPENSION_NOTIFY_DAYS

__all__ = ["SUSPENSION_MAX_DAYS", "SUSPENSION_NOTIFY_DAYS", "EXPULSION_STEPS", "Period",
           "expulsion_open_steps", "inspectorate_reminder_due", "needs_inspectorate",
           "overlaps", "run_with", "too_long"]


@dataclass(frozen=True)
class Period:
    first: date
    last: date


def too_long(school_days: int) -> bool:
    """More school days in a row than the law allows (at most one week)."""
    return school_days > SUSPENSION_MAX_DAYS


def needs_inspectorate(school_days: int) -> bool:
    """Longer than one day: the inspectorate must be informed."""
    return school_days > SUSPENSION_NOTIFY_DAYS


def inspectorate_reminder_due(school_days: int, informed_on, withdrawn=False) -> bool:
    """Whether the coordinator should be reminded to inform the inspectorate."""
    return not withdrawn and informed_on is None and needs_inspectorate(school_days)


def run_with(calendar, new: Period, others) -> list:
    """The school days in a row that `new` forms with the other suspensions of the student
    that touch it (no school day between them), oldest first."""
    days = set(calendar.school_days(new.first, new.last))
    other_days = set()
    for period in others:
        other_days.update(calendar.school_days(period.first, period.last))
    if not days:
        return []
    run = sorted(days)
    # Grow the run backwards and forwards over the other suspensions' school days.
    before = calendar.school_days_back(run[0], 2)
    while len(before) == 2 and before[0] in other_days:
        run.insert(0, before[0])
        before = calendar.school_days_back(run[0], 2)
    after = _next_school_day(calendar, run[-1])
    while after is not None and after in other_days:
        run.append(after)
        after = _next_school_day(calendar, after)
    return run


def _next_school_day(calendar, day, horizon=400):
    for n in range(1, horizon):
        candidate = day + timedelta(days=n)
        if calendar.is_school_day(candidate):
            return candidate
    return None


def overlaps(new: Period, others) -> bool:
    return any(p.first <= new.last and new.first <= p.last for p in others)


# Expulsion steps, in the order the law names them.
EXPULSION_STEPS = ("hearing_on", "attendance_officer_informed_on", "inspectorate_informed_on",
                   "new_school_found_on")


def expulsion_open_steps(state: dict) -> list:
    """The steps of an expulsion that have no date yet, in the law's order."""
    return [step for step in EXPULSION_STEPS if state.get(step) is None]
