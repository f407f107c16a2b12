"""Did it help? Attendance per school week around a step (rules/effect.py)."""
from datetime import date, timedelta

from coordination.rules.calendar import Closure, SchoolCalendar
from coordination.rules.effect import WINDOW, around, helped, mean_share, weekly

CALENDAR = SchoolCalendar([Closure(date(2026, 10, 19), date(2026, 10, 23), "herfstvakantie")])
FIRST, LAST = date(2026, 9, 7), date(2026, 12, 18)
STEP = date(2026, 10, 14)  # a Wednesday, the week before the autumn holiday


def missed_every_school_day(first, last, hours):
    return {d: hours for d in CALENDAR.school_days(first, last)}


def test_a_week_counts_its_school_days_and_caps_a_day_at_its_hours():
    missed = {date(2026, 9, 7): 9.0, date(2026, 9, 8): 3.0}
    [week] = weekly(missed, CALENDAR, FIRST, date(2026, 9, 11), 6.0)
    assert (week.scheduled, week.missed) == (30.0, 9.0)  # 6 h capped + 3 h
    assert week.share == 0.7


def test_holiday_weeks_are_skipped_not_counted():
    weeks = weekly({}, CALENDAR, FIRST, LAST, 6.0)
    assert date(2026, 10, 19) not in [w.monday for w in weeks]
    assert len(weeks) == 14  # 15 calendar weeks, one of them the autumn holiday
    before, after = around(weeks, STEP)
    assert after[0].monday == date(2026, 10, 26)  # the week after the holiday is the next


def test_better_attendance_after_the_step_helped():
    missed = missed_every_school_day(FIRST, STEP, 3.0)  # half of every day before
    weeks = weekly(missed, CALENDAR, FIRST, LAST, 6.0)
    before, after = around(weeks, STEP)
    assert mean_share(before) == 0.5 and mean_share(after) == 1.0
    assert helped(weeks, STEP) is True


def test_worse_or_equal_attendance_did_not_help():
    missed = missed_every_school_day(STEP + timedelta(days=7), LAST, 6.0)
    assert helped(weekly(missed, CALENDAR, FIRST, LAST, 6.0), STEP) is False
    assert helped(weekly({}, CALENDAR, FIRST, LAST, 6.0), STEP) is False  # 100 % both


def test_too_early_to_say_until_six_school_weeks_have_passed():
    # Five school weeks after the step's week (the holiday week does not count).
    last = date(2026, 11, 27)
    assert helped(weekly({}, CALENDAR, FIRST, last, 6.0), STEP) is None
    assert helped(weekly({}, CALENDAR, FIRST, last + timedelta(days=7), 6.0), STEP) is not None
    assert WINDOW == 6
    assert helped(weekly({}, CALENDAR, STEP, LAST, 6.0), STEP) is None  # no week before
