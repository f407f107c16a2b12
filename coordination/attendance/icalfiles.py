"""Reading a school's days off from an iCalendar file (RFC 5545), with the icalendar
library: bytes in, closures and per-event problems out. Storing is closures.py's job."""
from dataclasses import dataclass
from datetime import datetime

from flask_babel import lazy_gettext as _l
from icalendar import Calendar

from coordination.errors import ValidationError
from coordination.rules.calendar import Closure, event_days
from coordination.timeutil import AMSTERDAM

NOT_ICALENDAR = _l("This is not an iCalendar file (.ics). Export the school's calendar "
                   "again as an .ics file and upload that.")


@dataclass(frozen=True)
class Event:
    """A VEVENT as read: its number in the file (from 1), its name, and the days it
    covers (None with a `problem` when they cannot be read)."""

    number: int
    name: str
    closure: Closure | None = None
    problem: str | None = None


def _wall_clock(value):
    """A date-time with a zone as wall-clock time in the Netherlands; dates and floating
    date-times as they are."""
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(AMSTERDAM).replace(tzinfo=None)
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    return value


def _event(number, component):
    name = str(component.get("SUMMARY", "")).strip()
    if "RRULE" in component or "RDATE" in component:
        return Event(number, name, problem=_l(
            "It repeats (RRULE): give each day off as an event of its own."))
    try:
        start, end = component.start, component.end
    except (ValueError, OverflowError):
        # No or an unreadable DTSTART, DTEND or DURATION (the library raises ValueError
        # subclasses; OverflowError for an end beyond the year 9999).
        return Event(number, name, problem=_l("It has no readable start and end (DTSTART, "
                                              "DTEND) as dates."))
    days = event_days(_wall_clock(start), _wall_clock(end))
    if days is None:
        return Event(number, name, problem=_l("It ends before it starts."))
    return Event(number, name, closure=Closure(days[0], days[1], name))


def read_events(data, max_events):
    """The VEVENTs of an iCalendar file in file order, numbered from 1; cancelled ones
    (STATUS:CANCELLED) are left out.

    :raise ValidationError: on `file`: not UTF-8 iCalendar, no events, or more than
    `max_events`.
    """
    try:
        calendar = Calendar.from_ical(data.decode("utf-8-sig"))
    except ValueError:  # UnicodeDecodeError included: not UTF-8 text (RFC 5545 §3.1.4)
        raise ValidationError(fields={"file": [NOT_ICALENDAR]}) from None
    if calendar.name != "VCALENDAR":
        raise ValidationError(fields={"file": [NOT_ICALENDAR]})
    components = calendar.walk("VEVENT")
    if not components:
        raise ValidationError(fields={"file": [_l(
            "The file holds no events (VEVENT): there are no days off to import.")]})
    if len(components) > max_events:
        raise ValidationError(fields={"file": [_l(
            "The file holds more than %(max)d events: split it, for example into one file "
            "per school year.", max=max_events)]})
    return [_event(number, c) for number, c in enumerate(components, start=1)
            if str(c.get("STATUS", "")).upper() != "CANCELLED"]
