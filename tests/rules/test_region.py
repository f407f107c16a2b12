from datetime import date

import pytest

from coordination.rules.region import (
    ABOVE,
    BELOW,
    SMALL_COUNT,
    WITHIN,
    disclosed,
    disclosed_median,
    parse_quarter,
    previous_quarter,
    quarter_of,
    tier_share,
)


@pytest.mark.parametrize("count", [1, 2, 3, 4])
def test_counts_from_1_to_4_show_as_less_than_5(count):
    assert disclosed(count) == SMALL_COUNT == "< 5"


@pytest.mark.parametrize("count", [0, 5, 6, 3000])
def test_zero_and_counts_of_5_or_more_show_as_they_are(count):
    assert disclosed(count) == count


def test_tier_2_share_within_5_to_20_percent_of_students():
    assert tier_share(50, 1000, 2) == (0.05, WITHIN)
    assert tier_share(200, 1000, 2) == (0.2, WITHIN)
    assert tier_share(49, 1000, 2) == (0.049, BELOW)
    assert tier_share(201, 1000, 2)[1] == ABOVE


def test_tier_3_share_within_1_to_5_percent_of_students():
    assert tier_share(10, 1000, 3) == (0.01, WITHIN)
    assert tier_share(51, 1000, 3)[1] == ABOVE
    assert tier_share(9, 1000, 3)[1] == BELOW


def test_the_share_of_a_hidden_count_is_hidden_too_but_the_verdict_is_given():
    assert tier_share(3, 1000, 3) == (None, BELOW)


def test_no_share_without_students_or_an_expectation():
    assert tier_share(0, 0, 2) == (None, None)
    assert tier_share(7, 100, 1) == (None, None)


def test_the_median_of_fewer_than_5_values_is_not_shown():
    assert disclosed_median([]) is None
    assert disclosed_median([10, 20, 30, 40]) is None
    assert disclosed_median([10, 20, 30, 40, 50]) == 30
    assert disclosed_median([1, 2, 3, 4, 5, 6]) == 3.5


@pytest.mark.parametrize("text, first, last", [
    ("2026Q1", date(2026, 1, 1), date(2026, 3, 31)),
    ("2026Q2", date(2026, 4, 1), date(2026, 6, 30)),
    ("2026q3", date(2026, 7, 1), date(2026, 9, 30)),
    ("2026Q4", date(2026, 10, 1), date(2026, 12, 31)),
    ("2028Q1", date(2028, 1, 1), date(2028, 3, 31)),
])
def test_a_quarter_runs_three_calendar_months(text, first, last):
    assert parse_quarter(text) == (first, last)


@pytest.mark.parametrize("text", ["", "2026", "2026Q0", "2026Q5", "26Q1", "2026-Q1",
                                  " 2026Q1", "0000Q1", "２０２６Q1", None])
def test_anything_else_is_not_a_quarter(text):
    with pytest.raises(ValueError):
        parse_quarter(text)


def test_quarter_of_a_day_and_the_last_whole_quarter_before_it():
    assert quarter_of(date(2026, 11, 26)) == "2026Q4"
    assert previous_quarter(date(2026, 11, 26)) == "2026Q3"
    assert previous_quarter(date(2027, 2, 1)) == "2026Q4"
