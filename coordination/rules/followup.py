"""Following a young person who left school without a startkwalificatie until they are
back in education (DOMAIN.md §3, §7; seed 004).

Who: 12 until the 24th birthday (seed 004 "12 t/m 23"; a region may extend it to the 28th,
"16 t/m 27"), without a startkwalificatie. A child of compulsory age (leerplichtig or
kwalificatieplichtig) who leaves with no new school is absoluut verzuim instead: the
attendance officer acts at once, no letters (DOMAIN.md §3).

The plan, from the day they left:
- contact within 5 working days (Monday-Friday: the follow-up office works in the school
  holidays, so a leaver in July is contacted in July);
- a letter within 4 weeks (seed 004: "binnen een maand een brief");
- contact attempts every 6 weeks while unreachable, up to the June door-to-door list;
- the zomeractie in the first June after leaving (seed 004: "in juni gaan de
  leerplichtconsulenten langs de deur ... aangespoord om in september met een nieuwe
  opleiding te starten"): everyone who left before that June is on it;
- in September after it, the start check: did they actually start?
- and once a year after that ("contact them once a year, not just a letter").
It ends by itself at the end age (the service records why), or earlier by re-enrolment (from
the enrolment date), a startkwalificatie, moving out of the region or a decision to stop.
"""
from dataclasses import dataclass
from datetime import date, timedelta

from coordination.rules.legal_status import (
    FOLLOW_UP_END_AGE,
    age_on,
    birthday,
    in_follow_up_age,
    is_compulsory_age,
)

CONTACT_WORKING_DAYS = 5
LETTER_DAYS = 28
ATTEMPT_DAYS = 42
SUMMER_LIST_MONTH = 6          # the zomeractie: June
START_CHECK_MONTH_DAY = (9, 15)  # the start check: mid-September, after the first weeks
YEARLY_MONTH = 6
WEEKEND = (5, 6)  # Saturday, Sunday


@dataclass(frozen=True)
class Reminder:
    kind: str   # contact, letter, attempt, zomeractie, start_check, yearly
    due: date


def add_working_days(start, n):
    """The day on which `n` working days (Monday-Friday) after `start` have passed."""
    day, left = start, n
    while left > 0:
        day += timedelta(days=1)
        if day.weekday() not in WEEKEND:
            left -= 1
    return day


def _working_day_from(day):
    while day.weekday() in WEEKEND:
        day += timedelta(days=1)
    return day


def needs_follow_up(date_of_birth, has_startkwalificatie, left_on, end_age=FOLLOW_UP_END_AGE):
    """Whether leaving school on `left_on` starts a follow-up (seed 004: 12 t/m 23)."""
    return not has_startkwalificatie and in_follow_up_age(date_of_birth, left_on, end_age)


def absolute_verzuim_at_leaving(date_of_birth, has_startkwalificatie, left_on, vso_profile=None,
                                exempt=False, new_school=False):
    """A child of compulsory age who leaves with no new school and no exemption: absoluut
    verzuim, for the attendance officer at once instead of the letter plan (DOMAIN.md §3)."""
    return (not exempt and not new_school
            and is_compulsory_age(date_of_birth, has_startkwalificatie, left_on, vso_profile))


def ended_by_age(date_of_birth, on, end_age=FOLLOW_UP_END_AGE):
    """The follow-up has reached its end age on `on`."""
    return age_on(date_of_birth, on) >= end_age


def first_summer_list(left_on):
    """The zomeractie in the first June after leaving: June of the same year for whoever left
    before 1 June, else June of the next year."""
    june = date(left_on.year, SUMMER_LIST_MONTH, 1)
    return june if left_on < june else date(left_on.year + 1, SUMMER_LIST_MONTH, 1)


def start_check_day(summer):
    """The September start check after the zomeractie of `summer` (a working day)."""
    return _working_day_from(date(summer.year, *START_CHECK_MONTH_DAY))


def enrolment_before_leaving(enrolled_on, last_left_on):
    """An enrolment cannot start before the last day the student left school."""
    return last_left_on is not None and enrolled_on < last_left_on


def plan(left_on, date_of_birth, end_age=FOLLOW_UP_END_AGE):
    """Every reminder of the follow-up, oldest first, none on or after the end age."""
    end = birthday(date_of_birth, end_age)
    contact = add_working_days(left_on, CONTACT_WORKING_DAYS)
    summer = first_summer_list(left_on)
    reminders = [Reminder("contact", contact),
                 Reminder("letter", left_on + timedelta(days=LETTER_DAYS))]
    attempt = contact + timedelta(days=ATTEMPT_DAYS)
    while attempt < summer:
        reminders.append(Reminder("attempt", attempt))
        attempt += timedelta(days=ATTEMPT_DAYS)
    reminders.append(Reminder("zomeractie", summer))
    reminders.append(Reminder("start_check", start_check_day(summer)))
    year = summer.year + 1
    while date(year, YEARLY_MONTH, 1) < end:
        reminders.append(Reminder("yearly", date(year, YEARLY_MONTH, 1)))
        year += 1
    return sorted((r for r in reminders if r.due < end), key=lambda r: (r.due, r.kind))
