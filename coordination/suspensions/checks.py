"""The checks of the register of suspensions and expulsions: what a revision must hold,
with messages that say what to fill in or change (the law's limits from rules/suspensions).
The caller raises nothing itself: each check raises one ValidationError with every field's
message.
"""
from flask_babel import lazy_gettext as _l

from coordination import limits
from coordination.errors import ValidationError
from coordination.rules import suspensions as rules
from coordination.validation import clean_text, in_range, range_message

MAX_REASON = limits.TEXT
MAX_NOTE = limits.REASON
MAX_SCHOOL_NAME = limits.SCHOOL_NAME

SUSPENSION_DATES = ("first_day", "last_day", "told_in_writing_on", "inspectorate_informed_on")
EXPULSION_DATES = ("decided_on", "hearing_on", "attendance_officer_informed_on",
                   "inspectorate_informed_on", "new_school_found_on", "effective_on")
# Dates of something that has happened: never in the future.
SUSPENSION_PAST = ("told_in_writing_on", "inspectorate_informed_on")
EXPULSION_PAST = ("decided_on", "hearing_on", "attendance_officer_informed_on",
                  "inspectorate_informed_on", "new_school_found_on")
FUTURE_MESSAGES = {
    "told_in_writing_on": _l("This date is in the future: record it once the letter to the "
                             "student and the parents has been sent."),
    "inspectorate_informed_on": _l("This date is in the future: fill it in once the "
                                   "inspectorate has been informed."),
    "attendance_officer_informed_on": _l("This date is in the future: fill it in once the "
                                         "attendance officer has been informed."),
    "decided_on": _l("This date is in the future: record the expulsion once the school "
                     "board has decided."),
    "hearing_on": _l("This date is in the future: fill it in once the student, the parents "
                     "and the teacher have been heard."),
    "new_school_found_on": _l("This date is in the future: fill it in once another school "
                              "has agreed to admit the student."),
}


def _text(errors, state, name, limit, required_message=None):
    state[name] = clean_text(state.get(name), name, errors, required_message, limit) or None


def _dates(errors, state, names, past, today):
    for name in names:
        value = state.get(name)
        if value is None:
            continue
        if not in_range(value):
            errors[name] = [range_message("event")]
        elif name in past and value > today:
            errors[name] = [FUTURE_MESSAGES[name]]


def _raise(errors):
    if errors:
        raise ValidationError(fields=errors)


def note(text, withdrawn, what):
    """The revision's note (None when empty); `what`: the message when a withdrawal has
    none."""
    errors = {}
    text = clean_text(text, "note", errors, limit=MAX_NOTE)
    _raise(errors)
    if withdrawn and not text:
        raise ValidationError(fields={"note": [what]})
    return text or None


def suspension(state, today, days_context):
    """Check (and clean) a suspension's `state`; `days_context()` gives (the student's
    calendar, the periods of their other suspensions), asked only when the dates are
    sound and the suspension is not withdrawn."""
    errors = _suspension_fields(state, today)
    if errors or state.get("withdrawn"):
        _raise(errors)
        return
    calendar, others = days_context()
    period = rules.Period(state["first_day"], state["last_day"])
    if not calendar.school_days(period.first, period.last):
        errors["last_day"] = [_l(
            "There is no school day from %(first)s to %(last)s (a weekend or a holiday): "
            "check the dates.", first=period.first.isoformat(), last=period.last.isoformat())]
    elif rules.overlaps(period, others):
        errors["first_day"] = [_l(
            "The student is already suspended on some of these days: change that suspension "
            "instead of recording a second one.")]
    else:
        days = len(rules.run_with(calendar, period, others))
        if rules.too_long(days):
            errors["last_day"] = [_l(
                "By law a suspension lasts at most one week (%(max)d school days) in a row; "
                "this would be %(days)d school days in a row. Shorten it; for longer, the "
                "school board follows the expulsion procedure.",
                max=rules.SUSPENSION_MAX_DAYS, days=days)]
    _raise(errors)


def _suspension_fields(state, today):
    errors = {}
    _text(errors, state, "reason", MAX_REASON,
          _l("Write down the reason for the suspension; the student and the parents are "
             "given it in writing."))
    if state.get("first_day") is None:
        errors["first_day"] = [_l("Give the first day of the suspension (YYYY-MM-DD).")]
    if state.get("last_day") is None:
        errors["last_day"] = [_l("Give the last day of the suspension (YYYY-MM-DD); for "
                                 "one day, the same date as the first day.")]
    if state.get("told_in_writing_on") is None:
        errors["told_in_writing_on"] = [_l(
            "Give the date the reason was given to the student and the parents in writing: "
            "the law requires it.")]
    _dates(errors, state, SUSPENSION_DATES, SUSPENSION_PAST, today)
    if not errors and state["last_day"] < state["first_day"]:
        errors["last_day"] = [_l(
            "The last day is before the first day (%(first)s): give a last day on or after "
            "it.", first=state["first_day"].isoformat())]
    return errors


def expulsion(state, today):
    """Check (and clean) an expulsion's `state`."""
    errors = {}
    _text(errors, state, "reason", MAX_REASON,
          _l("Write down the reason for the expulsion: the school board must always give "
             "one."))
    _text(errors, state, "new_school_name", MAX_SCHOOL_NAME)
    if state.get("decided_on") is None:
        errors["decided_on"] = [_l("Give the date the school board decided (YYYY-MM-DD).")]
    _dates(errors, state, EXPULSION_DATES, EXPULSION_PAST, today)
    _raise(errors)
    _expulsion_order(errors, state)
    _raise(errors)


def _expulsion_order(errors, state):
    """The steps in the law's order: hearing, decision, another school, effect."""
    decided = state["decided_on"]
    if state["hearing_on"] and state["hearing_on"] > decided:
        errors["hearing_on"] = [_l(
            "The hearing comes before the decision: the school board decides after hearing "
            "the student, the parents and the teacher.")]
    if bool(state["new_school_name"]) != bool(state["new_school_found_on"]):
        name = "new_school_name" if not state["new_school_name"] else "new_school_found_on"
        errors[name] = [_l("Give both the other school and the date it agreed to admit the "
                           "student.")]
    effective = state["effective_on"]
    if effective is not None:
        if not state["new_school_found_on"]:
            errors["effective_on"] = [_l(
                "An expulsion is only final once another school has agreed to admit the "
                "student: record that school first.")]
        elif effective < max(decided, state["new_school_found_on"]):
            errors["effective_on"] = [_l(
                "The expulsion takes effect on or after the decision and the day another "
                "school was found (%(date)s).",
                date=max(decided, state["new_school_found_on"]).isoformat())]
