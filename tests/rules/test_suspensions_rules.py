"""Suspension and expulsion rules (DOMAIN.md §3, seed 002 "Schorsingen", "Verwijderen")."""
from datetime import date

from coordination.rules.calendar import Closure, SchoolCalendar
from coordination.rules.suspensions import (
    Period,
    expulsion_open_steps,
    inspectorate_reminder_due,
    needs_inspectorate,
    overlaps,
    run_with,
    too_long,
)

# Autumn holiday region midden 2026 (DOMAIN.md §3b): 17-25 October.
CALENDAR = SchoolCalendar([Closure(date(2026, 10, 17), date(2026, 10, 25), "herfst")])


def test_one_day_needs_no_report_to_the_inspectorate_two_days_do():
    assert not needs_inspectorate(1)
    assert needs_inspectorate(2)


def test_five_school_days_is_the_legal_maximum_six_is_too_long():
    assert not too_long(5)
    assert too_long(6)


def test_the_reminder_is_due_only_without_a_date_and_only_for_more_than_one_day():
    assert inspectorate_reminder_due(2, None)
    assert not inspectorate_reminder_due(1, None)
    assert not inspectorate_reminder_due(3, date(2026, 11, 3))
    assert not inspectorate_reminder_due(3, None, withdrawn=True)


def test_a_weekend_inside_a_suspension_is_not_counted():
    # Thursday 5 to Tuesday 10 November 2026: 4 school days.
    assert len(run_with(CALENDAR, Period(date(2026, 11, 5), date(2026, 11, 10)), [])) == 4


def test_suspensions_either_side_of_a_weekend_are_one_run():
    # Wed-Fri 4-6 Nov, then Mon-Wed 9-11 Nov: 6 school days in a row.
    earlier = Period(date(2026, 11, 4), date(2026, 11, 6))
    later = Period(date(2026, 11, 9), date(2026, 11, 11))
    assert len(run_with(CALENDAR, later, [earlier])) == 6
    assert len(run_with(CALENDAR, earlier, [later])) == 6


def test_a_school_day_between_two_suspensions_breaks_the_run():
    earlier = Period(date(2026, 11, 2), date(2026, 11, 4))
    later = Period(date(2026, 11, 6), date(2026, 11, 9))
    assert len(run_with(CALENDAR, later, [earlier])) == 2


def test_the_autumn_holiday_joins_the_weeks_either_side():
    # Thu-Fri 15-16 Oct, holiday, Mon-Wed 26-28 Oct: 5 school days in a row.
    before = Period(date(2026, 10, 15), date(2026, 10, 16))
    after = Period(date(2026, 10, 26), date(2026, 10, 28))
    assert len(run_with(CALENDAR, after, [before])) == 5


def test_a_period_with_no_school_day_has_no_run():
    assert run_with(CALENDAR, Period(date(2026, 11, 7), date(2026, 11, 8)), []) == []


def test_overlap_is_any_shared_calendar_day():
    existing = [Period(date(2026, 11, 2), date(2026, 11, 4))]
    assert overlaps(Period(date(2026, 11, 4), date(2026, 11, 5)), existing)
    assert not overlaps(Period(date(2026, 11, 5), date(2026, 11, 5)), existing)


def test_expulsion_steps_without_a_date_are_open_in_the_laws_order():
    state = {"hearing_on": date(2026, 11, 2), "attendance_officer_informed_on": None,
             "inspectorate_informed_on": None, "new_school_found_on": None}
    assert expulsion_open_steps(state) == ["attendance_officer_informed_on",
                                           "inspectorate_informed_on", "new_school_found_on"]
