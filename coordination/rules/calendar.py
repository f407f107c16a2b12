"""School days: weekdays minus the holidays of the school's region and its own closure days
(DOMAIN.md §3b). Plain values in, decisions out."""
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

# How far back a search for school days or school weeks may go beyond what it needs: a
# summer holiday is about 6 weeks, so a year is ample even for a school with few days.
SEARCH_SLACK_DAYS = 400
SEARCH_SLACK_WEEKS = 60


@dataclass(frozen=True)
class Closure:
    """A holiday or closure, first and last day included."""

    first: date
    last: date
    name: str = ""


class SchoolCalendar:
    """Which days a school is open, given its closures (region holidays + own days), on
    the ISO weekdays taught (Monday-Friday; fewer for one student's timetable)."""

    def __init__(self, closures=(), weekdays=(1, 2, 3, 4, 5)):
        closed = set()
        for closure in closures:
            day = closure.first
            while day <= closure.last:
                closed.add(day)
                day += timedelta(days=1)
        self._closed = frozenset(closed)
        self.weekdays = frozenset(weekdays)

    def only_on(self, weekdays):
        """The same calendar, with school days only on these ISO weekdays (a student's
        timetable): its school weeks are the weeks with one of those days open."""
        narrowed = SchoolCalendar.__new__(SchoolCalendar)
        narrowed._closed = self._closed
        narrowed.weekdays = self.weekdays & frozenset(weekdays)
        return narrowed

    @property
    def days_per_week(self) -> int:
        return len(self.weekdays)

    def is_school_day(self, day: date) -> bool:
        return day.isoweekday() in self.weekdays and day not in self._closed

    def is_closed(self, day: date) -> bool:
        """A holiday or closure day (weekends are not 'closed', they are not school days)."""
        return day in self._closed

    def school_days(self, first: date, last: date) -> list:
        days, day = [], first
        while day <= last:
            if self.is_school_day(day):
                days.append(day)
            day += timedelta(days=1)
        return days

    def school_days_back(self, last: date, count: int) -> list:
        """The `count` school days up to and including `last`, oldest first."""
        days, day = [], last
        limit = last - timedelta(days=count * 7 + SEARCH_SLACK_DAYS)
        while len(days) < count and day > limit:
            if self.is_school_day(day):
                days.append(day)
            day -= timedelta(days=1)
        return days[::-1]

    # School weeks (API.md "Signal codes"): weeks (Monday-Sunday) with at least one school
    # day; holiday weeks are skipped, not counted.
    def is_school_week(self, monday: date) -> bool:
        return any(self.is_school_day(monday + timedelta(days=n)) for n in range(5))

    def school_weeks_back(self, last: date, count: int) -> list:
        """The Mondays of the `count` school weeks up to and including the week of `last`
        (that week only when it is a school week), oldest first."""
        weeks, monday = [], week_of(last)
        limit = monday - timedelta(days=7 * (count + SEARCH_SLACK_WEEKS))
        while len(weeks) < count and monday > limit:
            if self.is_school_week(monday):
                weeks.append(monday)
            monday -= timedelta(days=7)
        return weeks[::-1]

    def school_weeks_first_day(self, last: date, count: int) -> date:
        """The first day of the window of `count` school weeks up to `last`."""
        weeks = self.school_weeks_back(last, count)
        return weeks[0] if weeks else last

    def has_closures_between(self, first: date, last: date) -> bool:
        """Whether any holiday or closure day falls between two dates (calendar_missing)."""
        return any(first <= day <= last for day in self._closed)


def event_days(start, end):
    """(first, last) days, both included, that a calendar event from `start` to `end`
    covers, or None when it ends before it starts.

    RFC 5545 §3.6.1: the end of an event is exclusive. Dates (an all-day event) end the day
    before `end`; an end equal to the start is one day. Date-times (wall-clock, in one zone)
    cover every day they touch, and an end at midnight does not touch the next day.
    """
    if end < start:
        return None
    if isinstance(start, datetime):
        first, last = start.date(), end.date()
        if last > first and end.time() == time(0):
            last -= timedelta(days=1)
        return first, last
    return start, max(start, end - timedelta(days=1))


def week_of(day: date) -> date:
    """The Monday of the week of `day`."""
    return day - timedelta(days=day.weekday())
