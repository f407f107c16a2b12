"""The clock, in one place: UTC for storage, Europe/Amsterdam for people."""
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def utcnow():
    return datetime.now(timezone.utc)


def today_local():
    """Today's date in the Netherlands (a rule's `today`)."""
    return datetime.now(AMSTERDAM).date()


def as_utc(moment):
    """Stored timestamps come back naive from SQLite: they are UTC."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)


__all__ = ["AMSTERDAM", "utcnow", "today_local", "as_utc"]
