"""Issue 10: the signals follow DOMAIN.md §3-4 and API.md's signal table to the letter.
One test per finding, with explicit dates in region midden 2026-2027 (DOMAIN.md §3b)."""
from datetime import date, time

import pytest

from coordination.attendance.holidays import REGION_HOLIDAYS
from coordination.rules.calendar import SchoolCalendar
from coordination.rules.legal_status import Exemption
from coordination.rules.signals import (
    Absence,
    DueReport,
    duo_16h_reports,
    signals_on,
    working_days_after,
)

MIDDEN = SchoolCalendar(REGION_HOLIDAYS["midden"])
BORN = date(2012, 5, 1)  # 14: leerplichtig


def hours(day, n, kind="unauthorised", start=8):
    end_minutes = start * 60 + int(n * 60)
    return Absence(day, time(start, 0), time(end_minutes // 60, end_minutes % 60), kind)


def whole_days(first, last, kind="unauthorised", n=6, calendar=MIDDEN):
    return [hours(d, n, kind) for d in calendar.school_days(first, last)]


def codes(on, absences, born=BORN, diploma=False, calendar=MIDDEN, **kw):
    return {s.code: s for s in signals_on(on, absences, calendar, born, diploma, **kw)}


TRUANT = whole_days(date(2026, 11, 2), date(2026, 11, 13), n=4)  # 40 h in two weeks


# Finding 1: DUO codes only for leerplichtig or kwalificatieplichtig, never with an exemption.
@pytest.mark.parametrize("born, diploma, expected", [
    (date(2012, 5, 1), False, True),    # 14: leerplichtig
    (date(2009, 5, 1), False, True),    # 17: kwalificatieplichtig
    (date(2009, 5, 1), True, False),    # 17 with a startkwalificatie
    (date(2007, 5, 1), False, False),   # 19
    (date(2002, 5, 1), False, False),   # 24
])
def test_duo_codes_only_for_students_the_law_covers(born, diploma, expected):
    found = codes(date(2026, 11, 13), TRUANT, born=born, diploma=diploma)
    assert ("duo_16h_4w" in found) is expected
    assert bool(duo_16h_reports(TRUANT, MIDDEN, born, diploma, until=date(2026, 11, 13))) \
        is expected


def test_an_exemption_switches_the_duo_codes_off_while_it_holds():
    exemption = Exemption(date(2026, 11, 1), date(2026, 11, 30), "art. 5 sub a")
    assert "duo_16h_4w" not in codes(date(2026, 11, 13), TRUANT, exemptions=[exemption])
    assert not duo_16h_reports(TRUANT, MIDDEN, BORN, False, until=date(2026, 11, 13),
                               exemptions=[exemption])


# Finding 2: leerplicht ends on 31 July of the school year in which the child turns 16.
def test_a_16th_birthday_in_june_keeps_the_duo_codes_until_the_summer():
    born = date(2011, 6, 10)  # 16 on 10 June 2027; leerplichtig until 31 July 2027
    absences = whole_days(date(2027, 6, 14), date(2027, 6, 18), n=4)
    assert "duo_16h_4w" in codes(date(2027, 6, 18), absences, born=born)


# Finding 3: at least 16 h in 4 consecutive school weeks, as a sequence of reports.
def test_exactly_16_hours_is_a_report():
    absences = whole_days(date(2026, 11, 2), date(2026, 11, 5), n=4)
    signal = codes(date(2026, 11, 5), absences)["duo_16h_4w"]
    assert signal.since == date(2026, 11, 5) and signal.details["hours"] == 16


def test_the_autumn_holiday_week_is_skipped_not_counted():
    # 9 h in week 42, holiday week 43, 6 h in week 44; week 42 stays among the last four
    # school weeks until week 47 begins.
    absences = [hours(date(2026, 10, 15), 5), hours(date(2026, 10, 16), 4),
                hours(date(2026, 10, 26), 4), hours(date(2026, 10, 27), 2)]
    assert "duo_16h_4w" not in codes(date(2026, 11, 13), absences)
    absences.append(hours(date(2026, 11, 13), 1))
    assert codes(date(2026, 11, 13), absences)["duo_16h_4w"].since == date(2026, 11, 13)
    assert "duo_16h_4w" not in codes(date(2026, 11, 16), absences)


def test_the_christmas_holiday_does_not_end_the_window():
    absences = [hours(date(2026, 12, 17), 6), hours(date(2026, 12, 18), 6),
                hours(date(2027, 1, 4), 4)]
    assert codes(date(2027, 1, 4), absences)["duo_16h_4w"].details["hours"] == 16


def test_reports_each_with_start_end_hours_and_a_deadline_of_5_working_days():
    absences = whole_days(date(2027, 3, 1), date(2027, 3, 12), n=4)  # 4 h every school day
    assert duo_16h_reports(absences, MIDDEN, BORN, False, until=date(2027, 3, 12)) == [
        DueReport(date(2027, 3, 1), date(2027, 3, 4), 16, date(2027, 3, 11)),
        # counting restarts on 5 March; 16 h on 10 March, but at most one report per 7
        # calendar days of continuous absence: the next one ends on 11 March.
        DueReport(date(2027, 3, 5), date(2027, 3, 11), 20, date(2027, 3, 18)),
    ]


def test_a_recorded_report_restarts_the_count_the_day_after_its_end():
    absences = whole_days(date(2027, 3, 1), date(2027, 3, 12), n=4)
    # Reported on 5 March with end 4 March: the next report is due after 16 new hours.
    due = duo_16h_reports(absences, MIDDEN, BORN, False, until=date(2027, 3, 12),
                          after=date(2027, 3, 4))
    assert [(r.start, r.end) for r in due] == [(date(2027, 3, 5), date(2027, 3, 11))]
    assert "duo_16h_4w" not in codes(date(2027, 3, 8), absences, counted_from=date(2027, 3, 5))
    assert "duo_16h_4w" in codes(date(2027, 3, 10), absences, counted_from=date(2027, 3, 5))


def test_working_days_skip_weekends():
    assert working_days_after(date(2026, 11, 6), 5) == date(2026, 11, 13)
    assert working_days_after(date(2026, 11, 4), 5) == date(2026, 11, 11)


# Finding 4: Kearney 25 % counts the last 10 school days, not calendar days.
def test_a_doctor_visit_on_the_first_day_after_christmas_is_not_25_percent():
    absences = [hours(date(2027, 1, 4), 1.5, "leave")]
    assert "problematic_25pct_2w" not in codes(date(2027, 1, 4), absences)


def test_kearney_10_days_in_15_school_weeks_reaches_across_the_christmas_holiday():
    days = MIDDEN.school_days(date(2026, 11, 2), date(2027, 1, 29))[::5][:10]
    absences = [hours(d, 6, "sick") for d in days]
    assert codes(days[-1], absences)["problematic_10d_15w"].since == days[-1]


# Finding 5: LRV needs half the day every school day for more than 4 school weeks.
def test_one_hour_a_day_is_not_long_relative_absence():
    absences = whole_days(date(2026, 11, 2), date(2026, 12, 4), n=1)
    assert "duo_long_relative" not in codes(date(2026, 12, 4), absences)


def test_long_relative_absence_holds_on_monday_morning_before_the_import():
    absences = whole_days(date(2026, 11, 2), date(2026, 12, 4), n=3)  # 5 school weeks
    assert codes(date(2026, 12, 4), absences)["duo_long_relative"].since == date(2026, 11, 30)
    assert "duo_long_relative" in codes(date(2026, 12, 7), absences)  # Monday, no rows yet
    assert "duo_long_relative" not in codes(date(2026, 12, 8), absences)  # Tuesday: at school on Monday


def test_long_relative_absence_counts_school_weeks_across_christmas():
    absences = whole_days(date(2026, 11, 23), date(2027, 1, 8))  # weeks 48-51 and 1
    assert "duo_long_relative" not in codes(date(2026, 12, 18), absences)
    assert "duo_long_relative" not in codes(date(2027, 1, 1), absences)  # in the holiday
    assert codes(date(2027, 1, 8), absences)["duo_long_relative"].since == date(2027, 1, 4)


# Luxury: in the last 4 school weeks.
def test_luxury_before_christmas_counts_for_4_school_weeks():
    absences = [hours(date(2026, 12, 18), 6, "luxury")]
    assert codes(date(2027, 1, 22), absences)["duo_luxury"].since == date(2026, 12, 18)
    assert "duo_luxury" not in codes(date(2027, 1, 25), absences)


# Finding 10 and the thuiszitter: compulsory age only.
def test_absolute_verzuim_for_a_child_of_compulsory_age_who_left_without_a_new_school():
    found = codes(date(2026, 11, 20), [], left_on=date(2026, 11, 13))
    assert found["absolute_verzuim"].since == date(2026, 11, 13)
    assert "absolute_verzuim" not in codes(date(2026, 11, 20), [], born=date(2007, 1, 1),
                                           left_on=date(2026, 11, 13))


def test_a_thuiszitter_is_absent_every_school_day_for_more_than_4_school_weeks():
    absences = whole_days(date(2026, 11, 2), date(2027, 3, 12), kind="sick")
    short = codes(date(2026, 12, 4), absences)["thuiszitter"]
    assert (short.since, short.details["band"]) == (date(2026, 11, 30), "4w_3m")
    assert "thuiszitter" not in codes(date(2026, 11, 27), absences)
    assert codes(date(2027, 2, 2), absences)["thuiszitter"].details["band"] == "over_3m"
    assert codes(date(2027, 2, 1), absences)["thuiszitter"].details["band"] == "4w_3m"
    exemption = Exemption(date(2026, 11, 1), None, "art. 5 sub a")
    assert "thuiszitter" not in codes(date(2026, 12, 4), absences, exemptions=[exemption])
    assert "thuiszitter" not in codes(date(2026, 12, 4), absences, born=date(2007, 1, 1))


def test_the_region_setting_turns_on_the_optional_16_hour_report_for_adults():
    adult = date(2007, 5, 1)  # 19
    assert "duo_16h_4w" not in codes(date(2026, 11, 13), TRUANT, born=adult)
    assert "duo_16h_4w" in codes(date(2026, 11, 13), TRUANT, born=adult, report_adults=True)
    assert "duo_long_relative" not in codes(date(2026, 11, 13), TRUANT, born=adult,
                                            report_adults=True)
    assert duo_16h_reports(TRUANT, MIDDEN, adult, False, until=date(2026, 11, 13),
                           report_adults=True)
    exemption = Exemption(date(2026, 9, 1), None, "art. 15")
    assert "duo_16h_4w" not in codes(date(2026, 11, 13), TRUANT, born=adult,
                                     report_adults=True, exemptions=[exemption])
