"""Which attendance law applies to a young person on a given day.

Source: seed 002 §1 ("alle kinderen tussen 5 en 16 jaar ... leerplichtig"), DOMAIN.md §3.
- leerplichtig: from the 5th up to the 16th birthday.
- kwalificatieplichtig: 16 up to 18, without a startkwalificatie; vso students with
  the labour-market or day-activity profile are exempt.
- RMC age: 18 up to 23, without a startkwalificatie.
- none: everyone else.
"""
from datetime import date

LEERPLICHTIG = "leerplichtig"
KWALIFICATIEPLICHTIG = "kwalificatieplichtig"
RMC = "rmc"
NONE = "none"

EXEMPT_VSO_PROFILES = frozenset({"arbeidsmarkt", "dagbesteding"})


def age_on(date_of_birth: date, on: date) -> int:
    """Age in whole years on a date; someone born on 29 February ages on 1 March."""
    years = on.year - date_of_birth.year
    if (on.month, on.day) < (date_of_birth.month, date_of_birth.day):
        years -= 1
    return years


def birthday(date_of_birth: date, years: int) -> date:
    """The day someone turns `years`; for 29 February, 1 March in other years."""
    try:
        return date_of_birth.replace(year=date_of_birth.year + years)
    except ValueError:
        return date(date_of_birth.year + years, 3, 1)


def legal_status(
    date_of_birth: date,
    has_startkwalificatie: bool,
    on: date,
    vso_profile: str | None = None,
) -> str:
    age = age_on(date_of_birth, on)
    if 5 <= age < 16:
        return LEERPLICHTIG
    if has_startkwalificatie:
        return NONE
    if 16 <= age < 18:
        if vso_profile in EXEMPT_VSO_PROFILES:
            return NONE
        return KWALIFICATIEPLICHTIG
    if 18 <= age < 23:
        return RMC
    return NONE
