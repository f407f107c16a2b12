"""A student's timetable: which weekdays they are taught and for how many hours, and how
their school counts hours of absence for the 16-hour report (issue 10 "Timetables";
API.md "Signal codes": `rmc_28d` counts "the student's scheduled school days").

A school sets hours per school day and the weekdays taught, per level (the school's own
default when no level is given); one student may have their own (a BBL student with one
school day a week, a part-time schedule). A student's school days are the school
calendar's school days on their timetable's weekdays. Plain values in, decisions out.
"""
import math
from dataclasses import dataclass
from datetime import date

# ISO weekdays (Monday 1 ... Friday 5): schools in the Netherlands teach Monday to Friday.
WEEKDAYS = (1, 2, 3, 4, 5)
DEFAULT_HOURS = 6.0        # a school day when nobody entered a timetable
MAX_HOURS = 10.0           # hours one school day can hold (a typo guard)
MINUTES_PER_LESSON = 60    # DOMAIN.md §3: "each lesson of at most 60 minutes counts as an hour"


@dataclass(frozen=True)
class Timetable:
    """Hours per school day, the ISO weekdays taught, and whether the school counts
    lesson hours instead of clock hours for the 16-hour report."""

    hours_per_day: float = DEFAULT_HOURS
    weekdays: frozenset = frozenset(WEEKDAYS)
    lesson_hours: bool = False

    def scheduled(self, day: date) -> bool:
        """Whether `day`'s weekday is taught (holidays are the calendar's business)."""
        return day.isoweekday() in self.weekdays

    def hours_on(self, day: date) -> float:
        """Scheduled hours on `day` by weekday: the day's hours, or 0 when not taught."""
        return self.hours_per_day if self.scheduled(day) else 0.0

    @property
    def days_per_week(self) -> int:
        return len(self.weekdays)

    def calendar(self, school_calendar):
        """The student's calendar: the school's school days on this timetable's weekdays."""
        return school_calendar.only_on(self.weekdays)


DEFAULT_TIMETABLE = Timetable()  # Monday to Friday, DEFAULT_HOURS a day


def resolve(layers, lesson_hours=False):
    """The timetable from layers of (hours or None, weekdays or None), the most specific
    last (school default, the student's level, the student's own): each of the two
    values comes from the most specific layer that sets it."""
    hours, weekdays = DEFAULT_HOURS, frozenset(WEEKDAYS)
    for layer_hours, layer_weekdays in layers:
        if layer_hours is not None:
            hours = float(layer_hours)
        if layer_weekdays:
            weekdays = frozenset(layer_weekdays)
    return Timetable(hours, weekdays, lesson_hours)


def counted_hours(minutes: int, lesson_hours: bool) -> float:
    """Hours one absence row counts for the 16-hour report.

    Clock hours: its length. Lesson hours (DOMAIN.md §3: "each lesson of at most 60
    minutes counts as an hour"): a row is one missed lesson (API.md "Attendance CSV": one
    row per missed lesson or part of a day), so a row of up to 60 minutes counts as one
    hour. DOMAIN.md does not say how a longer row counts; we read it as several lessons
    entered as one part of a day and count every started 60 minutes as one lesson hour
    (90 minutes: 2), so a school never counts fewer hours than the clock.
    """
    if minutes <= 0:
        return 0.0
    if not lesson_hours:
        return minutes / 60
    return float(math.ceil(minutes / MINUTES_PER_LESSON))


def parse_weekdays(text):
    """The ISO weekdays in a stored string such as "135" (Monday, Wednesday, Friday), or
    None for an empty value; unknown characters raise ValueError."""
    if not text:
        return None
    days = {int(c) for c in text}
    if not days <= set(WEEKDAYS):
        raise ValueError(text)
    return frozenset(days)


def format_weekdays(weekdays):
    """The stored form of a set of ISO weekdays: "135"; None for none."""
    return "".join(str(d) for d in sorted(weekdays)) if weekdays else None
