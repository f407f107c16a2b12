"""Issue 10 finding 6: the signals count the student's own timetable (hours per school day,
weekdays taught) and, for the 16-hour report, the school's lesson hours. Explicit dates in
region midden 2026-2027 (DOMAIN.md §3b)."""
from datetime import date, time, timedelta

import pytest

from coordination.attendance.holidays import REGION_HOLIDAYS
from coordination.rules.calendar import SchoolCalendar
from coordination.rules.signals import Absence, duo_16h_reports, signals_on
from coordination.rules.timetable import (
    Timetable,
    counted_hours,
    format_weekdays,
    parse_weekdays,
    resolve,
)

MIDDEN = SchoolCalendar(REGION_HOLIDAYS["midden"])
ADULT = date(2007, 1, 10)   # 19 in the autumn of 2026: RMC age
CHILD = date(2012, 5, 1)    # 14: leerplichtig
BBL = Timetable(8.0, frozenset({1}))             # one school day a week, on Monday
MBO = Timetable(4.5)                             # a 4.5-hour mbo day, Monday to Friday
PART_TIME = Timetable(6.0, frozenset({1, 2, 3}))  # Monday to Wednesday


def absent(day, minutes, kind="unauthorised", start=time(8, 0)):
    end = (start.hour * 60 + start.minute) + minutes
    return Absence(day, start, time(end // 60, end % 60), kind)


def every(first, last, minutes, timetable=Timetable(), kind="unauthorised"):
    return [absent(d, minutes, kind) for d in timetable.calendar(MIDDEN).school_days(first, last)]


def codes(on, absences, born=ADULT, **kw):
    return {s.code: s for s in signals_on(on, absences, MIDDEN, born, False, **kw)}


def test_a_timetable_knows_its_days_and_hours():
    assert BBL.scheduled(date(2026, 11, 2)) and not BBL.scheduled(date(2026, 11, 3))
    assert BBL.hours_on(date(2026, 11, 2)) == 8.0 and BBL.hours_on(date(2026, 11, 3)) == 0
    assert BBL.calendar(MIDDEN).school_days(date(2026, 11, 1), date(2026, 11, 30)) == [
        date(2026, 11, 2), date(2026, 11, 9), date(2026, 11, 16), date(2026, 11, 23),
        date(2026, 11, 30)]


def test_a_holiday_on_the_only_school_day_is_no_school_week_for_that_student():
    # Whit Monday 17 May 2027 is a holiday in region midden: no school week for BBL.
    monday = date(2027, 5, 17)
    assert MIDDEN.is_school_week(monday)
    assert not BBL.calendar(MIDDEN).is_school_week(monday)


def test_a_bbl_student_absent_on_every_school_day_for_28_days_reaches_rmc():
    absences = every(date(2026, 11, 2), date(2026, 11, 29), 8 * 60, BBL)
    assert len(absences) == 4  # Mondays 2, 9, 16 and 23 November
    signal = codes(date(2026, 11, 29), absences, timetable=BBL)["rmc_28d"]
    assert signal.since == date(2026, 11, 29) and signal.details["from"] == "2026-11-02"
    assert "rmc_28d" not in codes(date(2026, 11, 28), absences, timetable=BBL)
    # Monday morning before the day's import: the run up to the last Monday still holds.
    assert "rmc_28d" in codes(date(2026, 11, 30), absences, timetable=BBL)
    # With the five-day default, the student attended Tuesday to Friday.
    assert "rmc_28d" not in codes(date(2026, 11, 29), absences)


def test_a_bbl_student_who_comes_one_monday_breaks_the_run():
    absences = every(date(2026, 11, 2), date(2026, 11, 29), 8 * 60, BBL)
    absences = [a for a in absences if a.day != date(2026, 11, 16)]
    assert "rmc_28d" not in codes(date(2026, 11, 29), absences, timetable=BBL)


def test_a_missed_4_5_hour_mbo_day_is_a_full_day_missed():
    absences = every(date(2026, 11, 2), date(2026, 11, 29), 270)
    assert "rmc_28d" in codes(date(2026, 11, 29), absences, timetable=MBO)
    # Against a 6-hour day the same rows are part days: no RMC, no thuiszitter run.
    assert "rmc_28d" not in codes(date(2026, 11, 29), absences)


def test_half_a_4_5_hour_day_counts_for_long_relative_absence():
    # 2.25 h unauthorised on every school day from 2 Nov to 11 Dec: more than 4 school weeks
    # with half of every school day missed at 4.5 h a day; not at 6 h a day.
    absences = every(date(2026, 11, 2), date(2026, 12, 11), 135)
    assert "duo_long_relative" in codes(date(2026, 12, 11), absences, born=CHILD, timetable=MBO)
    assert "duo_long_relative" not in codes(date(2026, 12, 11), absences, born=CHILD)


def test_kearney_25_percent_counts_the_scheduled_days_of_a_part_time_student():
    # Two whole days missed: 12 of 36 scheduled hours in 2 school weeks of 3 days (33 %),
    # but 12 of 60 hours (20 %) for a student taught five days a week.
    absences = [absent(date(2026, 11, 23), 360), absent(date(2026, 11, 25), 360, "sick")]
    found = codes(date(2026, 11, 27), absences, born=CHILD, timetable=PART_TIME)
    assert found["problematic_25pct_2w"].details["share"] == pytest.approx(0.333, abs=1e-3)
    assert found["problematic_25pct_2w"].since == date(2026, 11, 16)
    assert "problematic_25pct_2w" not in codes(date(2026, 11, 27), absences, born=CHILD)


def test_a_part_time_student_absent_on_all_their_days_is_a_thuiszitter():
    absences = every(date(2026, 11, 2), date(2026, 12, 9), 360, PART_TIME, kind="sick")
    found = codes(date(2026, 12, 9), absences, born=CHILD, timetable=PART_TIME)
    assert found["thuiszitter"].details["band"] == "4w_3m"
    assert "thuiszitter" not in codes(date(2026, 12, 9), absences, born=CHILD)


def test_lesson_hours_count_each_missed_lesson_as_an_hour():
    # Four lessons of 45 minutes on four days: 12 clock hours, 16 lesson hours.
    lessons = [absent(d, 45, start=time(8 + n, 0))
               for d in MIDDEN.school_days(date(2026, 11, 2), date(2026, 11, 5))
               for n in range(4)]
    lesson_school = Timetable(lesson_hours=True)
    signal = codes(date(2026, 11, 5), lessons, born=CHILD, timetable=lesson_school)["duo_16h_4w"]
    assert signal.details["hours"] == 16 and signal.since == date(2026, 11, 5)
    assert "duo_16h_4w" not in codes(date(2026, 11, 5), lessons, born=CHILD)
    due = duo_16h_reports(lessons, MIDDEN, CHILD, False, date(2026, 11, 5),
                          timetable=lesson_school)
    assert [(r.start, r.end, r.hours) for r in due] == [
        (date(2026, 11, 2), date(2026, 11, 5), 16)]
    assert duo_16h_reports(lessons, MIDDEN, CHILD, False, date(2026, 11, 5)) == []


def test_lesson_hours_leave_the_percentages_in_clock_time():
    # 10 lessons of 45 minutes in 2 weeks: 7.5 of 60 clock hours, not 10 "hours".
    lessons = [absent(date(2026, 11, 16) + timedelta(days=n), 45) for n in range(5)] + [
        absent(date(2026, 11, 23) + timedelta(days=n), 45) for n in range(5)]
    found = codes(date(2026, 11, 27), lessons, born=CHILD, timetable=Timetable(lesson_hours=True))
    assert "problematic_25pct_2w" not in found


@pytest.mark.parametrize("minutes, lesson, expected", [
    (45, True, 1), (60, True, 1), (61, True, 2), (90, True, 2), (150, True, 3), (0, True, 0),
    (45, False, 0.75), (90, False, 1.5),
])
def test_counted_hours_per_row(minutes, lesson, expected):
    assert counted_hours(minutes, lesson) == expected


def test_the_most_specific_layer_sets_each_value():
    school, level, student = (5.0, None), (None, frozenset({1, 2, 3, 4})), (None, frozenset({1}))
    assert resolve([school, level]) == Timetable(5.0, frozenset({1, 2, 3, 4}))
    assert resolve([school, level, student], True) == Timetable(5.0, frozenset({1}), True)
    assert resolve([]) == Timetable()


def test_weekdays_are_stored_as_iso_digits():
    assert parse_weekdays("135") == frozenset({1, 3, 5})
    assert format_weekdays({5, 1}) == "15"
    assert parse_weekdays("") is None and format_weekdays(set()) is None
    with pytest.raises(ValueError):
        parse_weekdays("67")
