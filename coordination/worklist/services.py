"""What a professional has to do, as of a day: the worklist (API.md "The working day").

One service for `GET /api/v1/worklist` (and the start page): it only reads what the other
areas already store, so an item is gone once it is handled there:

- `review_overdue` / `review_due`: cases the caller coordinates whose review date
  (`next_review_on`) has passed / falls within the coming week; gone after the review.
- `tier_goal_missing`: tier-2 cases the caller coordinates whose goal is due within the
  week and that have no tier-goal agreement yet.
- `agreement_overdue`: open agreements past their date that the caller owns or that are
  on cases the caller coordinates (agreements.services.overdue_for).
- `proposal_open`: proposals from the young person on the caller's cases, not answered.
- `followup_due` / `visit_due`: follow-up contact reminders of the caller's cases and home
  visits the caller planned, due within the week; gone once a contact attempt (for a visit:
  a home visit) is logged on or after the day.
- `start_check_due`: the September check after a zomeractie (did the young person
  actually start?) on the caller's cases, until a start check is recorded.
- `report_due`: DUO reports due for the students in the caller's reach, for those who
  report (access.may_report_to_duo), with their deadline (signals.services.reports_due).
- `comment_new`: views written by parents or the young person on agreements of the
  caller's cases since the caller last opened the case page (`CaseRead`); one item per
  case, gone once the page is opened. New proposals are `proposal_open` until answered.
- `wegwijzer_action` (the page only, `school_work=True`; not in the API, whose items
  belong to a student): open actions of a school's Wegwijzer plan that the caller owns,
  overdue or due within the week (wegwijzer.plan.due_for); gone once done or handed on.

A fixed number of queries whatever the number of cases; each reads only the caller's own
cases, except the DUO reports, which cover the caller's reach as the reports page does.
`for_case` gives the same items for one case, but `comment_new`: the "next" header of the
case page, which shows the family's views itself.
"""
from datetime import timedelta

from sqlalchemy import select

from coordination.agreements import services as agreements
from coordination.audit import services as audit
from coordination.cases.models import OPEN, Case
from coordination.errors import Forbidden
from coordination.extensions import db
from coordination.worklist import items as readers


def _items(actor, on, coordinated, case=None, known=None, reports=True):
    """`known` (the case page): what the page has read already, as `for_case` takes it;
    without `reports`, no `report_due` items."""
    known = known or {}
    horizon = on + timedelta(days=readers.AHEAD_DAYS)
    goal_cases = known.get("goal_cases")
    if goal_cases is None:
        goal_cases = readers.goal_cases(list(coordinated)) if coordinated else set()
    items = list(readers.case_items(coordinated.values(), horizon, on, goal_cases))
    items += readers.agreement_items(actor, on, coordinated, case.id if case else None,
                              known.get("overdue"))
    if coordinated:
        items += readers.proposal_items(coordinated, known.get("unanswered"))
        # Not on the case page: it shows the views itself, and opening it ends the item.
        if case is None:
            items += readers.comment_items(actor, coordinated)
    # On the case page, reads that could find nothing are skipped: reminders are of open
    # cases only, start checks of open cases the caller coordinates (issue 12).
    if case is None or case.status == OPEN:
        items += readers.reminder_items(actor, horizon, case)
    if case is None or coordinated:
        items += readers.start_check_items(actor, horizon, case)
    if reports:
        items += readers.report_items(actor, on, case)
    return items


def _sorted(items):
    order = readers.KINDS + readers.SCHOOL_KINDS
    return sorted(items, key=lambda item: (item.due_on, order.index(item.kind),
                                           item.case_id or 0))


def worklist(actor, on, school_work=False, reports=True):
    """The caller's items as of `on`, sorted by due day; the read is audited. With
    `school_work` (the page) also the SCHOOL_KINDS; without `reports`, no `report_due`
    items (the page counts them per school instead: worklist.summary).

    :raise Forbidden: not a professional (families and admins have no worklist).
    """
    if not actor.is_professional:
        raise Forbidden()
    # reach: only cases the caller coordinates
    coordinated = {c.id: c for c in db.session.scalars(select(Case).where(
        Case.coordinator_id == actor.id, Case.status == OPEN))}
    items = _items(actor, on, coordinated, reports=reports)
    if school_work:
        items += readers.plan_items(actor, on)
    items = _sorted(items)
    audit.record(actor, "worklist.read", on=on.isoformat(), count=len(items))
    db.session.commit()
    return items


def for_case(actor, case, on, has_goal=None, current=None, proposals=None):
    """The caller's worklist items of one case they may see (already loaded and its read
    audited), by due day; [] for families and admins. What the caller has read already,
    when it has: `has_goal` (tiers.has_tier_goal), `current` (the case's current
    agreements, agreements.current_for) and `proposals` (all of the case's,
    proposals.for_case with their answers)."""
    if not actor.is_professional:
        return []
    coordinated = {case.id: case} if (case.coordinator_id == actor.id
                                      and case.status == OPEN) else {}
    known = {}
    if has_goal is not None:
        known["goal_cases"] = {case.id} if has_goal else set()
    if current is not None:
        known["overdue"] = agreements.overdue_among(actor, case, current, on)
    if proposals is not None:
        known["unanswered"] = [p for p in proposals if p.answer is None]
    return _sorted(item for item in _items(actor, on, coordinated, case, known)
                   if item.case_id in (case.id, None) and item.student_id == case.student_id)


def grouped(items, on):
    """[(group, items)] for a page: "overdue" (before `on`), "today", "week" (later), each
    only when it has items."""
    groups = {"overdue": [], "today": [], "week": []}
    for item in items:
        key = "overdue" if item.due_on < on else "today" if item.due_on == on else "week"
        groups[key].append(item)
    return [(key, rows) for key, rows in groups.items() if rows]
