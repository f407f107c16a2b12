"""How long a closed case is kept (AVG: no longer than needed).

The period is a setting the region decides (`RETENTION_YEARS`); no law fixes one number
for this kind of file, so the code names none beyond the default.
"""
from datetime import datetime

DEFAULT_RETENTION_YEARS = 5


def retention_cutoff(now: datetime, years: int) -> datetime:
    """The moment `years` before `now`: cases closed before it are due for purging.
    29 February becomes 28 February in a year without one."""
    try:
        return now.replace(year=now.year - years)
    except ValueError:
        return now.replace(year=now.year - years, day=28)


def purge_due(closed_at: datetime | None, now: datetime, years: int) -> bool:
    """A case is purged once it has been closed for the full retention period."""
    return closed_at is not None and closed_at < retention_cutoff(now, years)
