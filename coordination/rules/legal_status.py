"""Which attendance law applies to a young person on a given day: every age and window the
rules use is named here once, with its source (DOMAIN.md §3; issue 15 "ages and windows").

- leerplichtig (Leerplichtwet 1969 art. 3 and 4): from the first school day of the month
  after the 5th birthday until the end of the school year (31 July) in which the child
  turns 16. Not modelled: "or earlier after 12 full school years" (Regie holds no school
  career); the start is taken as the first day of that month (a pure rule has no
  calendar; the first school day follows within days).
- kwalificatieplichtig (Leerplichtwet art. 4a): from then until the 18th birthday or a
  startkwalificatie, whichever comes first; vso students with the labour-market or
  day-activity profile are not.
- RMC age (WVO / RMC reporting): from the 18th until the 23rd birthday, without a
  startkwalificatie.
- none: everyone else.

A recorded exemption (vrijstelling, Leerplichtwet art. 5, 11, 15) does not change the
status, it switches enforcement off: no DUO code and no thuiszitter signal while it holds
(API.md "Signal codes").
"""
from dataclasses import dataclass
from datetime import date

LEERPLICHTIG = "leerplichtig"
KWALIFICATIEPLICHTIG = "kwalificatieplichtig"
RMC = "rmc"
NONE = "none"

LEERPLICHT_START_AGE = 5          # Leerplichtwet art. 3: the month after the 5th birthday
LEERPLICHT_END_AGE = 16           # art. 4: end of the school year in which the child turns 16
KWALIFICATIEPLICHT_END_AGE = 18   # art. 4a: until the 18th birthday or a startkwalificatie
RMC_START_AGE = 18                # RMC reporting: from 18 ...
RMC_END_AGE = 23                  # ... until the 23rd birthday (DOMAIN.md §3)
# Dropout follow-up (VSV, seed 004: "jongeren van 12 t/m 23 jaar"; help stops "zodra
# jongeren de leeftijd van 24 jaar bereiken"): from the 12th until the 24th birthday. The end
# age is the setting FOLLOWUP_END_AGE (default below); a region may extend it up to the 28th
# birthday (seed 004: "16 t/m 27").
FOLLOW_UP_START_AGE = 12
FOLLOW_UP_END_AGE = 24
EXTENDED_FOLLOW_UP_END_AGE = 28
SCHOOL_YEAR_FIRST = (8, 1)        # a school year runs 1 August - 31 July (DOMAIN.md §3)

EXEMPT_VSO_PROFILES = frozenset({"arbeidsmarkt", "dagbesteding"})
COMPULSORY = frozenset({LEERPLICHTIG, KWALIFICATIEPLICHTIG})


@dataclass(frozen=True)
class Exemption:
    """A vrijstelling: holds from `first` through `last` (None: until further notice)."""

    first: date
    last: date | None
    reason: str = ""

    def holds_on(self, on: date) -> bool:
        return self.first <= on and (self.last is None or on <= self.last)


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


def school_year_of(on: date) -> tuple:
    """The school year (1 August - 31 July) that contains `on`: (first, last)."""
    start = on.year if (on.month, on.day) >= SCHOOL_YEAR_FIRST else on.year - 1
    return date(start, *SCHOOL_YEAR_FIRST), date(start + 1, 7, 31)


def leerplicht_starts(date_of_birth: date) -> date:
    """The first day of the month after the 5th birthday."""
    fifth = birthday(date_of_birth, LEERPLICHT_START_AGE)
    return date(fifth.year + fifth.month // 12, fifth.month % 12 + 1, 1)


def leerplicht_ends(date_of_birth: date) -> date:
    """The last day of leerplicht: 31 July of the school year in which the child turns 16."""
    return school_year_of(birthday(date_of_birth, LEERPLICHT_END_AGE))[1]


def legal_status(
    date_of_birth: date,
    has_startkwalificatie: bool,
    on: date,
    vso_profile: str | None = None,
) -> str:
    if leerplicht_starts(date_of_birth) <= on <= leerplicht_ends(date_of_birth):
        return LEERPLICHTIG
    age = age_on(date_of_birth, on)
    if has_startkwalificatie or age < LEERPLICHT_START_AGE:
        return NONE
    if on > leerplicht_ends(date_of_birth) and age < KWALIFICATIEPLICHT_END_AGE:
        if vso_profile in EXEMPT_VSO_PROFILES:
            return NONE
        return KWALIFICATIEPLICHTIG
    if RMC_START_AGE <= age < RMC_END_AGE:
        return RMC
    return NONE


def is_compulsory_age(date_of_birth, has_startkwalificatie, on, vso_profile=None) -> bool:
    """Leerplichtig or kwalificatieplichtig on `on` (absolute verzuim, thuiszitters)."""
    return legal_status(date_of_birth, has_startkwalificatie, on, vso_profile) in COMPULSORY


def exempt_on(exemptions, on) -> bool:
    return any(e.holds_on(on) for e in exemptions)


def duo_applies(date_of_birth, has_startkwalificatie, on, vso_profile=None,
                exemptions=()) -> bool:
    """Whether DUO's verzuimloket codes (`duo_*`) apply on `on`: leerplichtig or
    kwalificatieplichtig, and no exemption holding (API.md "Signal codes")."""
    return (is_compulsory_age(date_of_birth, has_startkwalificatie, on, vso_profile)
            and not exempt_on(exemptions, on))


def adult_report_applies(date_of_birth, on, exemptions=()) -> bool:
    """The optional 16-hour report for students of 18 and over (DOMAIN.md §3: "for 18+
    the report is optional"; a region setting turns it on), unless exempt."""
    return (age_on(date_of_birth, on) >= KWALIFICATIEPLICHT_END_AGE
            and not exempt_on(exemptions, on))


def in_rmc_age(date_of_birth, has_startkwalificatie, on) -> bool:
    """18 until the 23rd birthday without a startkwalificatie (rmc_28d)."""
    return (not has_startkwalificatie
            and RMC_START_AGE <= age_on(date_of_birth, on) < RMC_END_AGE)


def in_follow_up_age(date_of_birth, on, end_age=FOLLOW_UP_END_AGE) -> bool:
    """From the 12th birthday until the `end_age` birthday (seed 004: "12 t/m 23")."""
    return FOLLOW_UP_START_AGE <= age_on(date_of_birth, on) < end_age


def latest_birth_date_for_age(on: date, years: int) -> date:
    """The last date of birth of someone who is `years` or older on `on` (as `age_on`
    counts: born on 29 February, one ages on 1 March); for a query by date of birth."""
    try:
        return on.replace(year=on.year - years)
    except ValueError:  # `on` is 29 February and that year is not a leap year
        return date(on.year - years, 2, 28)
