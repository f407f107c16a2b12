"""From an iCalendar event's start and end to the closure days it covers (RFC 5545)."""
from datetime import date, datetime

from coordination.rules.calendar import event_days


def test_an_all_day_event_ends_the_day_before_its_exclusive_end():
    # Christmas holiday 19 Dec 2026-3 Jan 2027 (DOMAIN.md §3b) as exported: DTEND 4 Jan.
    assert event_days(date(2026, 12, 19), date(2027, 1, 4)) == (
        date(2026, 12, 19), date(2027, 1, 3))


def test_a_one_day_event_is_that_day():
    assert event_days(date(2026, 11, 11), date(2026, 11, 12)) == (
        date(2026, 11, 11), date(2026, 11, 11))
    # DTEND equal to DTSTART (some exports): still that one day
    assert event_days(date(2026, 11, 11), date(2026, 11, 11)) == (
        date(2026, 11, 11), date(2026, 11, 11))


def test_a_timed_event_covers_the_days_it_touches():
    assert event_days(datetime(2026, 11, 11, 8, 30), datetime(2026, 11, 11, 16)) == (
        date(2026, 11, 11), date(2026, 11, 11))
    assert event_days(datetime(2026, 11, 11, 12), datetime(2026, 11, 12, 10)) == (
        date(2026, 11, 11), date(2026, 11, 12))


def test_a_timed_event_ending_at_midnight_does_not_touch_the_next_day():
    assert event_days(datetime(2026, 11, 11), datetime(2026, 11, 12)) == (
        date(2026, 11, 11), date(2026, 11, 11))
    assert event_days(datetime(2026, 11, 11), datetime(2026, 11, 11)) == (
        date(2026, 11, 11), date(2026, 11, 11))


def test_an_event_that_ends_before_it_starts_covers_nothing():
    assert event_days(date(2026, 11, 11), date(2026, 11, 10)) is None
    assert event_days(datetime(2026, 11, 11, 9), datetime(2026, 11, 11, 8)) is None
