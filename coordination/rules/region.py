"""The region's figures: small counts hidden, tier shares against the RtI expectation,
and the quarters of the thuiszitter report. Pure: plain values in, decisions out."""
import re
import statistics
from datetime import date, timedelta

# Every count from 1 to 4 shows as "< 5", so that no child can be recognised in a figure
# (API.md "The region"; the issue: "so no child can be recognised").
SMALL_COUNT_LIMIT = 5
SMALL_COUNT = "< 5"

# DOMAIN.md §6 (Kearney & Graczyk 2014, seed 002): the share of all students expected in
# each tier: tier 2 "5-20 %", tier 3 "1-5 %".
EXPECTED_TIER_SHARES = {2: (0.05, 0.20), 3: (0.01, 0.05)}
BELOW, WITHIN, ABOVE = "below", "within", "above"

QUARTER = re.compile(r"([0-9]{4})[Qq]([1-4])")


def is_small(count: int) -> bool:
    """1 to 4: a count that could point at one child."""
    return 0 < count < SMALL_COUNT_LIMIT


def disclosed(count: int):
    """A count as it may be shown: "< 5" for 1 to 4, the number otherwise (0 included)."""
    return SMALL_COUNT if is_small(count) else count


def tier_share(count: int, students: int, tier: int):
    """(share, verdict) of a tier's cases among all students: the share (a fraction) or
    None when the count is hidden or there are no students, and whether it is below,
    within or above the expected range (None without students or an expectation)."""
    if students <= 0 or tier not in EXPECTED_TIER_SHARES:
        return None, None
    share = count / students
    low, high = EXPECTED_TIER_SHARES[tier]
    verdict = BELOW if share < low else ABOVE if share > high else WITHIN
    return (None if is_small(count) else share), verdict


def disclosed_median(values):
    """The median of `values` (days), or None when there are 1 to 4 of them (a median of
    so few would describe a child) or none."""
    values = list(values)
    if len(values) < SMALL_COUNT_LIMIT:
        return None
    return statistics.median(values)


def parse_quarter(text: str) -> tuple:
    """'2026Q4' → (first day, last day) of that quarter.

    :raise ValueError: not of the form YYYYQn with n from 1 to 4.
    """
    match = QUARTER.fullmatch(text or "")
    if match is None:
        raise ValueError(text)
    year, number = int(match.group(1)), int(match.group(2))
    if year < 1:
        raise ValueError(text)
    first = date(year, 3 * number - 2, 1)
    last = date(year, 12, 31) if number == 4 else (
        date(year, 3 * number + 1, 1) - timedelta(days=1))
    return first, last


def quarter_of(day: date) -> str:
    """The quarter that contains `day`, as 'YYYYQn'."""
    return f"{day.year}Q{(day.month - 1) // 3 + 1}"


def previous_quarter(day: date) -> str:
    """The last whole quarter before the one that contains `day` (the one to report)."""
    number = (day.month - 1) // 3 + 1
    return f"{day.year - 1}Q4" if number == 1 else f"{day.year}Q{number - 1}"
