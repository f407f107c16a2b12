"""Attendance signals as pure rules, with explicit dates (school year 2026-2027, midden)."""
from datetime import date, time, timedelta

import pytest

from coordination.attendance.holidays import REGION_HOLIDAYS
from coordination.rules.calendar import SchoolCalendar
from coordination.rules.signals import Absence, signals_on

MIDDEN = SchoolCalendar(REGION_HOLIDAYS["midden"])
BORN = date(2012, 5, 1)  # 14: leerplichtig


def hours(day, n, kind="unauthorised", start=8):
    """An absence of n hours on a day, from 08:00."""
    end_minutes = start * 60 + int(n * 60)
    return Absence(day, time(start, 0), time(end_minutes // 60, end_minutes % 60), kind)


def whole_days(first, last, kind="unauthorised", n=6):
    return [hours(d, n, kind) for d in MIDDEN.school_days(first, last)]


def codes(on, absences, born=BORN, diploma=False):
    return {s.code: s for s in signals_on(on, absences, MIDDEN, born, diploma)}


def test_a_window_across_the_summer_holiday_does_not_join_two_school_years():
    absences = [hours(date(2027, 7, 12), 5), hours(date(2027, 7, 16), 5),
                hours(date(2027, 8, 30), 5), hours(date(2027, 9, 2), 5)]
    assert "duo_16h_4w" not in codes(date(2027, 9, 3), absences)
    assert "duo_16h_4w" not in codes(date(2027, 7, 16), absences)


def test_long_relative_absence_needs_more_than_4_weeks_of_school_days():
    absences = whole_days(date(2026, 11, 2), date(2026, 11, 27))  # exactly 20 school days
    assert "duo_long_relative" not in codes(date(2026, 11, 27), absences)
    absences += whole_days(date(2026, 11, 30), date(2026, 11, 30))
    assert codes(date(2026, 11, 30), absences)["duo_long_relative"].since == date(2026, 11, 30)


def test_a_sick_day_between_unauthorised_days_ends_the_unauthorised_run():
    absences = whole_days(date(2026, 11, 2), date(2026, 11, 30))
    absences = [a for a in absences if a.day != date(2026, 11, 16)]
    absences.append(hours(date(2026, 11, 16), 6, "sick"))
    assert "duo_long_relative" not in codes(date(2026, 11, 30), absences)
    # ... but the sick day does not count towards the 16 hours either way.
    # The 4 school weeks up to 30 Nov start on 9 Nov: 16 school days, one of them sick.
    assert codes(date(2026, 11, 30), absences)["duo_16h_4w"].details["hours"] == 15 * 6


ADULT = date(2008, 11, 16)  # turns 18 on 16 Nov 2026


def test_rmc_counts_calendar_days_only_from_the_18th_birthday():
    absences = whole_days(date(2026, 11, 2), date(2026, 12, 18))
    assert "rmc_28d" not in codes(date(2026, 12, 12), absences, born=ADULT)  # 27 days since 16 Nov
    signal = codes(date(2026, 12, 13), absences, born=ADULT)["rmc_28d"]
    assert signal.since == date(2026, 12, 13)
    assert "rmc_28d" not in codes(date(2026, 12, 14), absences, born=ADULT, diploma=True)


def test_rmc_ends_on_the_23rd_birthday():
    born = date(2003, 12, 10)  # turns 23 on 10 Dec 2026
    absences = whole_days(date(2026, 10, 26), date(2026, 12, 18))
    assert "rmc_28d" in codes(date(2026, 12, 9), absences, born=born)
    assert "rmc_28d" not in codes(date(2026, 12, 10), absences, born=born)


def test_a_day_at_school_breaks_the_rmc_streak():
    absences = whole_days(date(2026, 11, 2), date(2026, 12, 18))
    absences = [a for a in absences if a.day != date(2026, 12, 1)]
    assert "rmc_28d" not in codes(date(2026, 12, 18), absences, born=ADULT)


def test_kearney_25_percent_of_school_time_in_2_weeks():
    # 2 weeks = 10 school days x 6 h = 60 h scheduled.
    absences = [hours(d, 1.5, "sick") for d in MIDDEN.school_days(date(2026, 11, 16), date(2026, 11, 27))]
    assert "problematic_25pct_2w" in codes(date(2026, 11, 29), absences)  # 15 h = 25 %
    absences[0] = hours(date(2026, 11, 16), 0.5, "sick")
    assert "problematic_25pct_2w" not in codes(date(2026, 11, 29), absences)


def test_kearney_10_days_in_15_weeks():
    days = MIDDEN.school_days(date(2026, 9, 1), date(2026, 12, 10))[::7][:10]
    absences = [hours(d, 3, "leave") for d in days]
    on = days[-1]
    assert codes(on, absences)["problematic_10d_15w"].since == days[-1]
    assert "problematic_10d_15w" not in codes(on, absences[1:])
    assert "problematic_10d_15w" not in codes(on, [hours(d, 2.5, "leave") for d in days])


def test_mazl_the_4th_sick_report_within_12_school_weeks():
    spells = [date(2026, 9, 7), date(2026, 10, 5), date(2026, 11, 2), date(2026, 11, 30)]
    absences = [hours(d, 6, "sick") for d in spells]
    assert codes(date(2026, 11, 30), absences)["mazl_frequent_sick"].since == date(2026, 11, 30)
    assert "mazl_frequent_sick" not in codes(date(2026, 11, 27), absences)
    # Two sick days in a row are one report.
    absences.append(hours(date(2026, 9, 8), 6, "sick"))
    assert len([s for s in absences if s.kind == "sick"]) == 5
    assert codes(date(2026, 11, 30), absences)["mazl_frequent_sick"].details["reports"] == 4


def test_mazl_from_the_7th_consecutive_school_day_sick_across_a_weekend():
    absences = whole_days(date(2026, 11, 4), date(2026, 11, 12), kind="sick")  # Wed .. Thu: 7 days
    assert codes(date(2026, 11, 12), absences)["mazl_long_sick"].since == date(2026, 11, 12)
    assert "mazl_long_sick" not in codes(date(2026, 11, 11), absences)


@pytest.mark.parametrize("days, expected", [
    (1, set()),
    (2, {"suspension_notify_inspectorate"}),
    (5, {"suspension_notify_inspectorate"}),
    (6, {"suspension_notify_inspectorate", "suspension_too_long"}),
])
def test_suspensions(days, expected):
    first = date(2026, 11, 9)
    absences = [hours(d, 6, "suspended") for d in MIDDEN.school_days(first, first + timedelta(days=14))][:days]
    on = date(2026, 11, 20)
    found = {c for c in codes(on, absences) if c.startswith("suspension")}
    assert found == expected


def test_holidays_are_not_school_days():
    assert not MIDDEN.is_school_day(date(2026, 10, 19))   # autumn holiday
    assert not MIDDEN.is_school_day(date(2026, 11, 7))    # Saturday
    assert MIDDEN.is_school_day(date(2026, 10, 26))
    assert len(MIDDEN.school_days(date(2026, 12, 14), date(2027, 1, 8))) == 10
