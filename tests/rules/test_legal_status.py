"""Legal status from date of birth and diploma (seed 002 §1, DOMAIN.md §3)."""
from datetime import date

import pytest

from coordination.rules.legal_status import (
    KWALIFICATIEPLICHTIG, LEERPLICHTIG, NONE, RMC, age_on, legal_status,
)

BORN = date(2010, 3, 15)


@pytest.mark.parametrize("on, expected", [
    (date(2015, 3, 14), NONE),                   # the day before the 5th birthday
    (date(2015, 3, 15), LEERPLICHTIG),           # 5th birthday
    (date(2026, 3, 14), LEERPLICHTIG),           # last day aged 15
    (date(2026, 3, 15), KWALIFICATIEPLICHTIG),   # 16th birthday, no diploma
    (date(2028, 3, 14), KWALIFICATIEPLICHTIG),   # last day aged 17
    (date(2028, 3, 15), RMC),                    # 18th birthday
    (date(2033, 3, 14), RMC),                    # last day aged 22
    (date(2033, 3, 15), NONE),                   # 23rd birthday
])
def test_status_follows_the_birthdays_without_a_diploma(on, expected):
    assert legal_status(BORN, False, on) == expected


def test_a_startkwalificatie_ends_kwalificatieplicht_and_rmc():
    assert legal_status(BORN, True, date(2026, 6, 1)) == NONE
    assert legal_status(BORN, True, date(2029, 6, 1)) == NONE


def test_a_diploma_does_not_end_leerplicht_before_16():
    assert legal_status(BORN, True, date(2025, 6, 1)) == LEERPLICHTIG


@pytest.mark.parametrize("profile, expected", [
    ("arbeidsmarkt", NONE), ("dagbesteding", NONE),
    ("vervolgonderwijs", KWALIFICATIEPLICHTIG), (None, KWALIFICATIEPLICHTIG),
])
def test_vso_labour_market_and_day_activity_profiles_are_not_kwalificatieplichtig(profile, expected):
    assert legal_status(BORN, False, date(2027, 1, 10), vso_profile=profile) == expected


def test_someone_born_on_29_february_ages_on_1_march():
    leapling = date(2008, 2, 29)
    assert age_on(leapling, date(2024, 2, 28)) == 15
    assert age_on(leapling, date(2024, 2, 29)) == 16
    assert age_on(leapling, date(2025, 2, 28)) == 16
    assert age_on(leapling, date(2026, 3, 1)) == 18
    assert legal_status(leapling, False, date(2026, 2, 28)) == KWALIFICATIEPLICHTIG
    assert legal_status(leapling, False, date(2026, 3, 1)) == RMC
