"""Audiences: one rule for every item with a visibility (agreements, comments, read marks,
home-visit summaries) and the two age lines (12: an account; 16: keep it from parents)."""
from datetime import date

import pytest

from coordination.rules import audiences

BORN = date(2010, 3, 15)


@pytest.mark.parametrize("on, allowed", [
    (date(2026, 3, 14), False),  # the day before the 16th birthday
    (date(2026, 3, 15), True),   # 16th birthday
])
def test_team_youth_only_from_the_16th_birthday(on, allowed):
    assert (audiences.audience_problem("team_youth", BORN, on) is None) is allowed


@pytest.mark.parametrize("visibility", ["team", "everyone"])
def test_team_and_everyone_fit_any_age(visibility):
    assert audiences.audience_problem(visibility, date(2016, 1, 1), date(2026, 1, 1)) is None


def test_an_unknown_audience_is_a_problem():
    assert audiences.audience_problem("parents_only", BORN, date(2026, 1, 1)) == "unknown"
    assert audiences.audience_problem("team_youth", BORN, date(2024, 1, 1)) == "under_16"


@pytest.mark.parametrize("written, now, viewer, sees", [
    ("team_youth", "everyone", "parent", False),   # never widened after the fact
    ("team_youth", "everyone", "youth", True),
    ("everyone", "team_youth", "parent", False),   # the item itself narrowed
    ("everyone", "everyone", "parent", True),
    ("team", "everyone", "youth", False),
])
def test_a_remark_keeps_the_audience_of_the_moment_it_was_written(written, now, viewer, sees):
    assert audiences.sees_remark(written, now, viewer) is sees


@pytest.mark.parametrize("on, allowed", [(date(2022, 3, 14), False), (date(2022, 3, 15), True)])
def test_a_youth_account_from_the_12th_birthday(on, allowed):
    assert audiences.youth_may_have_account(BORN, on) is allowed
