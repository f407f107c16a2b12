"""Legal status from date of birth, diploma and exemptions (DOMAIN.md §3)."""
from datetime import date

import pytest

from coordination.rules.legal_status import (
    KWALIFICATIEPLICHTIG,
    LEERPLICHTIG,
    NONE,
    RMC,
    Exemption,
    age_on,
    duo_applies,
    is_compulsory_age,
    leerplicht_ends,
    legal_status,
)

BORN = date(2010, 3, 15)  # turns 16 on 15 March 2026: leerplicht ends 31 July 2026


@pytest.mark.parametrize("on, expected", [
    (date(2015, 3, 31), NONE),                   # 5th birthday was in March: not yet
    (date(2015, 4, 1), LEERPLICHTIG),            # the month after the 5th birthday
    (date(2026, 3, 15), LEERPLICHTIG),           # 16th birthday: still leerplichtig
    (date(2026, 7, 31), LEERPLICHTIG),           # end of the school year in which 16
    (date(2026, 8, 1), KWALIFICATIEPLICHTIG),    # no diploma: kwalificatieplicht
    (date(2028, 3, 14), KWALIFICATIEPLICHTIG),   # last day aged 17
    (date(2028, 3, 15), RMC),                    # 18th birthday
    (date(2033, 3, 14), RMC),                    # last day aged 22
    (date(2033, 3, 15), NONE),                   # 23rd birthday
])
def test_status_follows_the_law_without_a_diploma(on, expected):
    assert legal_status(BORN, False, on) == expected


@pytest.mark.parametrize("born, ends", [
    (date(2010, 6, 20), date(2026, 7, 31)),   # 16 in June: the school year ends in July
    (date(2010, 7, 31), date(2026, 7, 31)),   # 16 on the last day of the school year
    (date(2010, 8, 1), date(2027, 7, 31)),    # 16 on the first day: a whole year more
    (date(2010, 12, 5), date(2027, 7, 31)),   # 16 in December
])
def test_leerplicht_ends_at_the_end_of_the_school_year_in_which_the_child_turns_16(born, ends):
    assert leerplicht_ends(born) == ends
    assert legal_status(born, False, ends) == LEERPLICHTIG
    assert legal_status(born, False, date(ends.year, 8, 1)) == KWALIFICATIEPLICHTIG


def test_a_startkwalificatie_ends_kwalificatieplicht_and_rmc():
    assert legal_status(BORN, True, date(2026, 9, 1)) == NONE
    assert legal_status(BORN, True, date(2029, 6, 1)) == NONE


def test_a_diploma_does_not_end_leerplicht():
    assert legal_status(BORN, True, date(2026, 6, 1)) == LEERPLICHTIG


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


@pytest.mark.parametrize("born, diploma, on, applies", [
    (date(2012, 5, 1), False, date(2026, 11, 2), True),    # 14: leerplichtig
    (date(2009, 5, 1), False, date(2026, 11, 2), True),    # 17: kwalificatieplichtig
    (date(2009, 5, 1), True, date(2026, 11, 2), False),    # 17 with startkwalificatie
    (date(2007, 5, 1), False, date(2026, 11, 2), False),   # 19: RMC, not DUO
    (date(2002, 5, 1), False, date(2026, 11, 2), False),   # 24: no law applies
    (date(2008, 12, 1), False, date(2026, 11, 30), True),  # the last day aged 17
    (date(2008, 12, 1), False, date(2026, 12, 1), False),  # the 18th birthday
])
def test_duo_reports_apply_only_to_leerplichtig_or_kwalificatieplichtig(born, diploma, on, applies):
    assert duo_applies(born, diploma, on) is applies
    assert is_compulsory_age(born, diploma, on) is applies


def test_an_exemption_switches_duo_off_while_it_holds():
    exemption = Exemption(date(2026, 11, 1), date(2026, 12, 31), "article 5 sub a")
    born = date(2012, 5, 1)
    assert not duo_applies(born, False, date(2026, 11, 2), exemptions=[exemption])
    assert duo_applies(born, False, date(2027, 1, 4), exemptions=[exemption])
    assert duo_applies(born, False, date(2026, 10, 30), exemptions=[exemption])
    open_ended = Exemption(date(2026, 11, 1), None, "article 5 sub a")
    assert not duo_applies(born, False, date(2027, 6, 1), exemptions=[open_ended])
    # An exemption does not change the age the law names; only what is enforced.
    assert is_compulsory_age(born, False, date(2026, 11, 2))
