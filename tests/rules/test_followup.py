"""The dropout follow-up plan with explicit dates (seed 004; DOMAIN.md §3, §7)."""
from datetime import date

import pytest

from coordination.rules.followup import (
    Reminder,
    absolute_verzuim_at_leaving,
    add_working_days,
    ended_by_age,
    enrolment_before_leaving,
    first_summer_list,
    needs_follow_up,
    plan,
)
from coordination.rules.legal_status import latest_birth_date_for_age

BORN = date(2007, 4, 10)  # 19 in November 2026, 24 on 10 April 2031


def kinds(reminders):
    return [(r.kind, r.due) for r in reminders]


def test_the_first_reminders_and_the_yearly_rhythm():
    reminders = plan(date(2026, 11, 20), BORN)
    assert kinds(reminders)[:2] == [("contact", date(2026, 11, 27)), ("letter", date(2026, 12, 18))]
    attempts = [r.due for r in reminders if r.kind == "attempt"]
    assert attempts == [date(2027, 1, 8), date(2027, 2, 19), date(2027, 4, 2), date(2027, 5, 14)]
    assert ("zomeractie", date(2027, 6, 1)) in kinds(reminders)
    assert ("start_check", date(2027, 9, 15)) in kinds(reminders)
    yearly = [r.due for r in reminders if r.kind == "yearly"]
    assert yearly == [date(2028, 6, 1), date(2029, 6, 1), date(2030, 6, 1)]  # 24 on 10-4-2031


def test_help_stops_at_the_24th_birthday_not_the_23rd():
    """Seed 004: "12 t/m 23", help stops "zodra jongeren de leeftijd van 24 jaar bereiken"."""
    turns_23 = date(2003, 11, 20)   # 23 on the day they leave
    assert needs_follow_up(turns_23, False, date(2026, 11, 20))
    turns_24 = date(2002, 11, 20)
    assert not needs_follow_up(turns_24, False, date(2026, 11, 20))
    assert needs_follow_up(turns_24, False, date(2026, 11, 20), end_age=28)   # "16 t/m 27"
    assert not needs_follow_up(date(1998, 11, 20), False, date(2026, 11, 20), end_age=28)


def test_turning_24_in_the_middle_of_the_plan_ends_it():
    born = date(2003, 3, 1)  # 24 on 1 March 2027
    reminders = plan(date(2026, 11, 20), born)
    assert [r.kind for r in reminders] == ["contact", "letter", "attempt", "attempt"]
    assert all(r.due < date(2027, 3, 1) for r in reminders)
    assert plan(date(2026, 11, 20), born, end_age=28)[-1] == Reminder("yearly", date(2030, 6, 1))
    assert not ended_by_age(born, date(2027, 2, 28))
    assert ended_by_age(born, date(2027, 3, 1))
    assert not ended_by_age(born, date(2027, 3, 1), end_age=28)


@pytest.mark.parametrize(("left_on", "june"), [
    (date(2026, 11, 20), date(2027, 6, 1)),
    (date(2027, 5, 20), date(2027, 6, 1)),    # left in May: this June, not next year's
    (date(2027, 5, 31), date(2027, 6, 1)),
    (date(2027, 6, 1), date(2028, 6, 1)),     # left in June: not "before that June"
    (date(2027, 7, 12), date(2028, 6, 1)),    # left in July: the next June
])
def test_the_zomeractie_is_in_the_first_june_after_leaving(left_on, june):
    assert first_summer_list(left_on) == june
    assert ("zomeractie", june) in kinds(plan(left_on, BORN))


def test_the_september_start_check_follows_the_zomeractie_on_a_working_day():
    assert ("start_check", date(2027, 9, 15)) in kinds(plan(date(2027, 5, 20), BORN))
    # 15 September 2029 is a Saturday: Monday 17 September.
    assert ("start_check", date(2029, 9, 17)) in kinds(plan(date(2028, 7, 3), BORN))


def test_first_contact_counts_working_days_also_in_the_summer_holiday():
    """A leaver in July gets first contact in July (the office works in the holidays)."""
    assert plan(date(2027, 7, 19), BORN)[0] == Reminder("contact", date(2027, 7, 26))
    assert plan(date(2027, 7, 16), BORN)[0] == Reminder("contact", date(2027, 7, 23))  # Friday
    # Christmas holiday is no reason to wait either.
    assert plan(date(2026, 12, 22), BORN)[0] == Reminder("contact", date(2026, 12, 29))
    assert add_working_days(date(2027, 7, 17), 5) == date(2027, 7, 23)  # from a Saturday


@pytest.mark.parametrize(("born", "skq", "vso", "expected", "why"), [
    (date(2013, 6, 1), False, None, True, "13: leerplichtig"),
    (date(2016, 6, 1), False, None, True, "10: leerplichtig, too young for follow-up"),
    (date(2009, 6, 1), False, None, True, "17: kwalificatieplichtig"),
    (date(2009, 6, 1), True, None, False, "17 with a startkwalificatie"),
    (date(2009, 6, 1), False, "arbeidsmarkt", False, "vso labour-market profile"),
    (date(2007, 6, 1), False, None, False, "19: follow-up, not compulsory"),
])
def test_a_child_of_compulsory_age_who_leaves_is_absoluut_verzuim(born, skq, vso, expected, why):
    left_on = date(2026, 11, 20)
    assert absolute_verzuim_at_leaving(born, skq, left_on, vso) is expected, why
    assert not absolute_verzuim_at_leaving(born, skq, left_on, vso, exempt=True)
    assert not absolute_verzuim_at_leaving(born, skq, left_on, vso, new_school=True)


def test_who_is_followed_up():
    assert needs_follow_up(date(2014, 11, 20), False, date(2026, 11, 20))      # 12th birthday
    assert not needs_follow_up(date(2014, 11, 21), False, date(2026, 11, 20))  # 11
    assert not needs_follow_up(BORN, True, date(2026, 11, 20))                 # diploma


def test_an_enrolment_cannot_start_before_the_last_leaving_date():
    assert enrolment_before_leaving(date(2026, 11, 19), date(2026, 11, 20))
    assert not enrolment_before_leaving(date(2026, 11, 20), date(2026, 11, 20))
    assert not enrolment_before_leaving(date(2026, 11, 19), None)


@pytest.mark.parametrize(("on", "years", "latest"), [
    (date(2027, 3, 1), 24, date(2003, 3, 1)),
    (date(2028, 2, 29), 25, date(2003, 2, 28)),   # no 29 February in 2003
])
def test_the_latest_birth_date_for_an_age_agrees_with_age_on(on, years, latest):
    from coordination.rules.legal_status import age_on
    assert latest_birth_date_for_age(on, years) == latest
    assert age_on(latest, on) == years
    assert age_on(latest.fromordinal(latest.toordinal() + 1), on) == years - 1
