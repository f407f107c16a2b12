"""Following a young person who left school without a startkwalificatie until they are
back in education (DOMAIN.md §3, §7; seed 004).

The plan, from the day they left:
- contact within 5 school days (the school's calendar: holidays do not count);
- a letter within 4 weeks;
- contact attempts every 6 weeks while unreachable, up to the June door-to-door list;
- the June door-to-door list ("zomeractie"), to start in September;
- and at least once a year after that ("contact them once a year, not just a letter").
It ends at the 23rd birthday (27 when the region opts in), or earlier by re-enrolment, a
startkwalificatie, moving out of the region or a recorded decision to stop (the service
cancels what is pending then).
"""
from dataclasses import dataclass
from datetime import date, timedelta

from coordination.rules.legal_status import (
    EXTENDED_FOLLOW_UP_END_AGE,
    FOLLOW_UP_END_AGE,
    FOLLOW_UP_START_AGE,
    age_on,
    birthday,
)
from coordination.rules.timers import add_school_days

CONTACT_SCHOOL_DAYS = 5
LETTER_DAYS = 28
ATTEMPT_DAYS = 42
SUMMER_LIST_MONTH = 6
FOLLOW_AGES = (FOLLOW_UP_START_AGE, FOLLOW_UP_END_AGE)   # VSV, named in legal_status
EXTENDED_END_AGE = EXTENDED_FOLLOW_UP_END_AGE              # regions that opt in


@dataclass(frozen=True)
class Reminder:
    kind: str   # contact, letter, attempt, zomeractie, yearly
    due: date


def needs_follow_up(date_of_birth, has_startkwalificatie, left_on, end_age=FOLLOW_AGES[1]):
    """Whether leaving school on `left_on` starts a follow-up (DOMAIN.md §3: VSV, 12-23)."""
    return not has_startkwalificatie and FOLLOW_AGES[0] <= age_on(date_of_birth, left_on) < end_age


def first_summer_list(left_on):
    """The first June list at least a month after leaving."""
    june = date(left_on.year, SUMMER_LIST_MONTH, 1)
    return june if left_on + timedelta(days=30) <= june else date(left_on.year + 1, 6, 1)


def plan(left_on, date_of_birth, calendar, end_age=FOLLOW_AGES[1]):
    """Every reminder of the follow-up, oldest first, none on or after the end age."""
    end = birthday(date_of_birth, end_age)
    contact = add_school_days(left_on, CONTACT_SCHOOL_DAYS, calendar)
    summer = first_summer_list(left_on)
    reminders = [Reminder("contact", contact),
                 Reminder("letter", left_on + timedelta(days=LETTER_DAYS))]
    attempt = contact + timedelta(days=ATTEMPT_DAYS)
    while attempt < summer:
        reminders.append(Reminder("attempt", attempt))
        attempt += timedelta(days=ATTEMPT_DAYS)
    reminders.append(Reminder("zomeractie", summer))
    year = summer.year + 1
    while date(year, 6, 1) < end:
        reminders.append(Reminder("yearly", date(year, 6, 1)))
        year += 1
    return sorted((r for r in reminders if r.due < end), key=lambda r: (r.due, r.kind))
