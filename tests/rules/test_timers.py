"""Tier clocks in school days, with explicit dates (midden 2026-2027)."""
from datetime import date

from coordination.attendance.holidays import REGION_HOLIDAYS
from coordination.rules.calendar import SchoolCalendar
from coordination.rules.timers import (
    Pause,
    acting_for,
    add_school_days,
    escalate,
    goal_due,
    overdue,
    review_due,
)

MIDDEN = SchoolCalendar(REGION_HOLIDAYS["midden"])


def test_a_tier_3_review_due_across_the_christmas_holiday():
    # 10 school days after Fri 11 Dec 2026: 14-18 Dec (5), holiday 19 Dec - 3 Jan, 4-8 Jan (5).
    assert review_due(date(2026, 12, 11), 3, MIDDEN) == date(2027, 1, 8)


def test_a_tier_2_review_is_6_school_weeks_later():
    assert review_due(date(2026, 11, 2), 2, MIDDEN) == date(2026, 12, 14)
    assert review_due(date(2026, 11, 2), 1, MIDDEN) is None


def test_a_pause_stops_the_clock_and_it_resumes_after():
    pause = Pause(date(2026, 11, 9), date(2026, 11, 20))  # two school weeks on a waiting list
    assert review_due(date(2026, 11, 2), 3, MIDDEN) == date(2026, 11, 16)
    assert review_due(date(2026, 11, 2), 3, MIDDEN, [pause]) == date(2026, 11, 30)
    assert not overdue(date(2026, 11, 16), date(2026, 11, 17), [pause])
    assert overdue(date(2026, 11, 30), date(2026, 12, 1), [pause])
    assert not overdue(date(2026, 11, 30), date(2026, 11, 30), [pause])


def test_the_tier_2_goal_is_due_10_school_days_later_skipping_the_autumn_holiday():
    assert goal_due(date(2026, 10, 12), MIDDEN) == date(2026, 11, 2)


def test_escalation_moves_up_one_tier_and_tier_3_is_flagged():
    assert escalate(1) == (2, False)
    assert escalate(2) == (3, False)
    assert escalate(3) == (3, True)


def test_a_deputy_receives_while_the_coordinator_is_away():
    away = [(7, 9, date(2026, 12, 1), date(2026, 12, 11))]
    assert acting_for(7, away, date(2026, 11, 30)) == [7]
    assert acting_for(7, away, date(2026, 12, 1)) == [7, 9]
    assert acting_for(7, away, date(2026, 12, 11)) == [7, 9]
    assert acting_for(7, away, date(2026, 12, 12)) == [7]
    assert acting_for(9, away, date(2026, 12, 5)) == [9]


def test_adding_school_days_skips_weekends():
    assert add_school_days(date(2026, 11, 6), 1, MIDDEN) == date(2026, 11, 9)
