"""The dropout follow-up plan with explicit dates (midden 2026-2027)."""
from datetime import date

from coordination.attendance.holidays import REGION_HOLIDAYS
from coordination.rules.calendar import SchoolCalendar
from coordination.rules.followup import needs_follow_up, plan

MIDDEN = SchoolCalendar(REGION_HOLIDAYS["midden"])
BORN = date(2009, 4, 10)  # 17 in November 2026


def kinds(reminders):
    return [(r.kind, r.due) for r in reminders]


def test_the_first_reminders_and_the_yearly_rhythm():
    reminders = plan(date(2026, 11, 20), BORN, MIDDEN)
    assert kinds(reminders)[:2] == [("contact", date(2026, 11, 27)), ("letter", date(2026, 12, 18))]
    attempts = [r.due for r in reminders if r.kind == "attempt"]
    assert attempts == [date(2027, 1, 8), date(2027, 2, 19), date(2027, 4, 2), date(2027, 5, 14)]
    assert ("zomeractie", date(2027, 6, 1)) in kinds(reminders)
    yearly = [r.due for r in reminders if r.kind == "yearly"]
    assert yearly == [date(y, 6, 1) for y in range(2028, 2032)]  # 23 on 10 April 2032


def test_turning_23_in_the_middle_of_the_plan_ends_it():
    born = date(2004, 3, 1)  # 23 on 1 March 2027
    reminders = plan(date(2026, 11, 20), born, MIDDEN)
    assert [r.kind for r in reminders] == ["contact", "letter", "attempt", "attempt"]
    assert all(r.due < date(2027, 3, 1) for r in reminders)
    assert plan(date(2026, 11, 20), born, MIDDEN, end_age=27)[-1].due == date(2030, 6, 1)


def test_leaving_during_the_christmas_holiday_counts_school_days_from_january():
    reminders = plan(date(2026, 12, 22), BORN, MIDDEN)
    assert reminders[0].kind == "contact" and reminders[0].due == date(2027, 1, 8)
    assert reminders[1] == type(reminders[1])("letter", date(2027, 1, 19))


def test_leaving_in_june_puts_them_on_next_year_s_summer_list():
    zomer = [r.due for r in plan(date(2027, 6, 10), BORN, MIDDEN) if r.kind == "zomeractie"]
    assert zomer == [date(2028, 6, 1)]


def test_who_is_followed_up():
    assert needs_follow_up(date(2014, 11, 20), False, date(2026, 11, 20))      # 12th birthday
    assert not needs_follow_up(date(2014, 11, 21), False, date(2026, 11, 20))  # 11
    assert not needs_follow_up(BORN, True, date(2026, 11, 20))                 # diploma
    assert not needs_follow_up(date(2003, 11, 20), False, date(2026, 11, 20))  # 23
    assert needs_follow_up(date(2003, 11, 20), False, date(2026, 11, 20), end_age=27)
