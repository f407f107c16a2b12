"""Clocks of the tiered model (DOMAIN.md §6; issue 5), counted in school days of the
student's school calendar: holidays do not eat the clock, nor do pauses while the case
waits for an external party (e.g. a youth-care waiting list).
"""
from dataclasses import dataclass
from datetime import date, timedelta

# Defaults; the application reads its own settings and passes them in.
REVIEW_SCHOOL_DAYS = {2: 30, 3: 10}   # tier 2: every 6 school weeks; tier 3: every 2
GOAL_SCHOOL_DAYS = 10                 # tier 2 needs a goal agreed with the parents in 10
MAX_TIER = 3


@dataclass(frozen=True)
class Pause:
    """The clock stands still from `first` up to and including `last`."""

    first: date
    last: date

    def covers(self, day):
        return self.first <= day <= self.last


def counts(day, calendar, pauses=()):
    """Whether a day moves the clock: a school day outside every pause."""
    return calendar.is_school_day(day) and not any(p.covers(day) for p in pauses)


def add_school_days(start, n, calendar, pauses=()):
    """The day on which `n` counting days after `start` have passed (start excluded)."""
    day, left = start, n
    while left > 0:
        day += timedelta(days=1)
        if counts(day, calendar, pauses):
            left -= 1
    return day


def review_due(since, tier, calendar, pauses=(), intervals=None):
    """When the next review is due after a review (or tier change) on `since`; None in
    tier 1, which has no review clock."""
    intervals = intervals or REVIEW_SCHOOL_DAYS
    if tier not in intervals:
        return None
    return add_school_days(since, intervals[tier], calendar, pauses)


def goal_due(tier2_since, calendar, pauses=(), school_days=GOAL_SCHOOL_DAYS):
    return add_school_days(tier2_since, school_days, calendar, pauses)


def overdue(due, on, pauses=()):
    """A due date has passed when `on` is after it and the case is not paused on `on`."""
    return due is not None and on > due and not any(p.covers(on) for p in pauses)


def escalate(tier):
    """(new tier, flagged 'overdue, intensive'): up one tier; tier 3 stays 3 and is flagged."""
    if tier >= MAX_TIER:
        return MAX_TIER, True
    return tier + 1, False


def acting_for(user_id, absences, on):
    """Who receives what is addressed to `user_id` on `on`: the user, plus their deputy
    while they are away. `absences` are (user_id, deputy_id, first, last) tuples."""
    receivers = [user_id]
    for away_id, deputy_id, first, last in absences:
        if away_id == user_id and first <= on <= last and deputy_id not in receivers:
            receivers.append(deputy_id)
    return receivers
