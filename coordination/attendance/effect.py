"""Did it help? (issue 12): a case's attendance per school week with its steps (tier
changes and agreements) for the case page's chart, and the region's share of tier-2
cases whose attendance improved within 6 school weeks."""
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select

from coordination.agreements.models import Agreement
from coordination.attendance.calendars import CalendarCache
from coordination.attendance.services import absences_by_student, student_days
from coordination.extensions import db
from coordination.rules import effect as rules
from coordination.rules.calendar import week_of
from coordination.schools.services import timetables_for
from coordination.tiers.models import TierChange
from coordination.timeutil import AMSTERDAM

LEAD_WEEKS = 8     # shown before the case's first step
SPAN_DAYS = 366    # at most a year of weeks on the chart
WIDTH, HEIGHT, PAD = 640, 200, 32  # the SVG's user units


@dataclass(frozen=True)
class Step:
    day: object
    kind: str      # 'tier' or 'agreement'
    label: str
    helped: bool | None
    before: float | None
    after: float | None


@dataclass
class Effect:
    weeks: list
    steps: list

    def x(self, monday):
        """The chart's x of a week (its index spread over the width)."""
        mondays = [w.monday for w in self.weeks]
        if monday not in mondays:
            later = [i for i, m in enumerate(mondays) if m > monday]
            index = later[0] - 0.5 if later else len(mondays) - 0.5
        else:
            index = mondays.index(monday)
        span = max(len(mondays) - 1, 1)
        return round(PAD + index * (WIDTH - 2 * PAD) / span, 1)

    @staticmethod
    def y(share):
        return round(HEIGHT - PAD - share * (HEIGHT - 2 * PAD), 1)

    @property
    def points(self):
        return " ".join(f"{self.x(w.monday)},{self.y(w.share)}" for w in self.weeks)

    def step_x(self, step):
        return self.x(week_of(step.day))


def _missed_by_day(absences):
    missed = {}
    for absence in absences:
        if absence.kind != "late":
            missed[absence.day] = missed.get(absence.day, 0.0) + absence.hours
    return missed


def steps_of(case, tier_changes=None, marks=None):
    """[(day, kind, detail)] of the case by day: its tier changes (`tier_changes`, in any
    order, when the caller has them already) and the days its agreements were made
    (`marks`: agreements.case_marks of the case, when the caller has them)."""
    if tier_changes is None:
        tier_changes = db.session.scalars(select(TierChange).where(
            TierChange.case_id == case.id)).all()
    tiers = sorted(tier_changes, key=lambda t: (t.on, t.id))
    if marks is not None:
        agreements = sorted(mark.created_at for mark in marks)
    else:
        agreements = db.session.scalars(select(Agreement.created_at).where(
            Agreement.case_id == case.id).order_by(Agreement.created_at)).all()
    steps = [(t.on, "tier", (t.from_tier, t.to_tier)) for t in tiers]
    steps += [(at.astimezone(AMSTERDAM).date() if at.tzinfo else at.date(), "agreement", None)
              for at in agreements]
    return sorted(steps, key=lambda s: s[0])


def first_day(case, on, steps):
    """The chart's first day: LEAD_WEEKS before the first step (or the opening), at most
    SPAN_DAYS before `on`."""
    first = min([case.opened_at.date()] + [s[0] for s in steps]) - timedelta(weeks=LEAD_WEEKS)
    return max(first, on - timedelta(days=SPAN_DAYS))


def case_effect(case, on, steps=None, days=None):
    """The chart of `case` up to `on`: the student's school weeks (their timetable's days
    and hours) from LEAD_WEEKS before the first step (or the opening), and each step with
    whether it helped. `steps` (steps_of) and `days` (services.StudentDays from at least
    first_day) when the caller has read them already."""
    steps = steps_of(case) if steps is None else steps
    first = first_day(case, on, steps)
    student = case.student
    if days is None or not days.covers(first, on):
        days = student_days(student, first, on)
    timetable = days.timetable
    weeks = rules.weekly(_missed_by_day(days.between(first, on)),
                         timetable.calendar(days.calendar), first, on,
                         timetable.hours_per_day)
    shown = []
    for day, kind, detail in steps:
        if day < first:
            continue
        before, after = rules.around(weeks, day)
        shown.append(Step(day, kind, detail, rules.helped(weeks, day),
                          rules.mean_share(before), rules.mean_share(after)))
    return Effect(weeks, shown)


def tier2_verdicts(cases, on):
    """{case id: (moved_on, helped)} for `cases` (loaded with their students): the latest
    move to tier 2 by `on` of each case that has one, and whether attendance improved in
    the 6 school weeks after it (None: too early to say)."""
    ids = [c.id for c in cases]
    moves = {}
    for change in db.session.scalars(select(TierChange).where(
            TierChange.case_id.in_(ids), TierChange.to_tier == 2, TierChange.on <= on)):
        if change.case_id not in moves or change.on > moves[change.case_id]:
            moves[change.case_id] = change.on
    by_case = {c.id: c for c in cases}
    students = [by_case[i].student for i in moves]
    first = min(moves.values(), default=on) - timedelta(weeks=rules.WINDOW + 2)
    absences = absences_by_student([s.id for s in students], first, on)
    timetables = timetables_for(students)
    calendars, verdicts = CalendarCache(), {}
    for case_id, day in moves.items():
        student = by_case[case_id].student
        timetable = timetables[student.id]
        weeks = rules.weekly(_missed_by_day(absences[student.id]),
                             timetable.calendar(calendars.get(student.school_id)),
                             day - timedelta(weeks=rules.WINDOW + 2), on,
                             timetable.hours_per_day)
        verdicts[case_id] = (day, rules.helped(weeks, day))
    return verdicts


def tier2_improved(cases, on):
    """(improved, known) over the latest move to tier 2 of each case in `cases` (loaded
    with their students): known counts the moves with 6 school weeks after them by `on`."""
    helped = [h for _day, h in tier2_verdicts(cases, on).values() if h is not None]
    return sum(helped), len(helped)
