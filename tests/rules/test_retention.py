from datetime import datetime, timezone

from coordination.rules.retention import purge_due, retention_cutoff


def at(y, m, d):
    return datetime(y, m, d, 12, tzinfo=timezone.utc)


def test_a_case_closed_exactly_the_period_ago_is_kept_until_the_moment_passes():
    assert not purge_due(at(2021, 3, 1), at(2026, 3, 1), 5)
    assert purge_due(at(2021, 2, 28), at(2026, 3, 1), 5)


def test_an_open_case_is_never_due():
    assert not purge_due(None, at(2040, 1, 1), 5)


def test_the_period_is_the_setting_not_a_fixed_number():
    assert purge_due(at(2024, 1, 1), at(2026, 3, 1), 2)
    assert not purge_due(at(2024, 1, 1), at(2026, 3, 1), 7)


def test_29_february_counts_back_to_28_february():
    assert retention_cutoff(at(2028, 2, 29), 5) == at(2023, 2, 28)
