"""The reports-due list (issue 12): filtered by school, report and deadline, counted and
paged by the database over the stored rows, with the stale students merged in; and the
reports counted per school (the worklist page's summary).
"""
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func

from coordination import access
from coordination.audit import services as audit
from coordination.errors import Forbidden
from coordination.extensions import db
from coordination.paging import PER_PAGE, Page
from coordination.signals import due_rows
from coordination.signals.models import DueReportState


@dataclass(frozen=True)
class DueFilter:
    """The filters of the reports-due list: a school, a report code, and the deadline
    ("overdue": passed; "week": within seven days from `on`); None or "" is any."""

    school_id: int | None = None
    code: str | None = None
    deadline: str | None = None

    def conditions(self, on):
        """The filter as conditions on DueReportState (the stored rows)."""
        found = []
        if self.school_id:
            found.append(DueReportState.school_id == self.school_id)
        if self.code:
            found.append(DueReportState.code == self.code)
        if self.deadline == "overdue":
            found.append(DueReportState.deadline < on)
        elif self.deadline == "week":
            found.append(DueReportState.deadline.between(on, on + timedelta(days=7)))
        return found

    def keeps(self, row, on):
        """The same filter on a computed row (a stale student's)."""
        return ((not self.school_id or row.school_id == self.school_id)
                and (not self.code or row.code == self.code)
                and (self.deadline != "overdue" or row.overdue(on))
                and (self.deadline != "week" or on <= row.deadline <= on + timedelta(days=7)))


def reports_due_page(actor, on, number, where=DueFilter(), per_page=PER_PAGE):
    """(how many reports are due in all, the ids of their schools, the page `number` of
    those that pass the filter `where`), oldest end first. The stored rows are counted,
    ordered and paged by the database, and only the page's rows are built and get their
    students and cases: the page costs the reports shown, not the reports in reach. The
    stale students of the reach (changed since the scheduler's last tick) are computed
    and merged, as in `due_rows.due_of`."""
    if not access.may_report_to_duo(actor):
        raise Forbidden()
    computed = due_rows.computed_due(access.reach(actor), on)
    counted = due_rows.stored_in_reach(actor, on)  # each arm of the reach walks its index
    by_school = dict(db.session.execute(
        counted.with_only_columns(DueReportState.school_id, func.count())
        .group_by(DueReportState.school_id)).all())
    in_reach = sum(by_school.values())
    total = in_reach + len(computed)
    school_ids = set(by_school) | {row.school_id for row in computed}
    conditions = where.conditions(on)
    computed = sorted((row for row in computed if where.keeps(row, on)), key=due_rows.order)
    shown = in_reach if not conditions else db.session.scalar(
        counted.with_only_columns(func.count()).where(*conditions))
    page = _merged_page(_listed(actor, on, counted, in_reach).where(*conditions), computed,
                        number, shown + len(computed), per_page)
    due_rows.attach(actor, page.items)
    audit.record(actor, "attendance.reports_due", count=total)
    db.session.commit()
    return total, school_ids, page


# Past this many stored reports in reach (an RMC officer's: most of the region's), the
# page walks the list's order and stops at its end rather than sorting them all.
WALK_FROM = 1000


def _listed(actor, on, counted, in_reach):
    """The SELECT of the stored rows the list pages through. A reach of a few hundred
    reports (an officer of one school) is sorted after each arm walked its index: what it
    costs grows with the officer's reports, not with the region's (§13). A reach that
    holds most of the region's reports walks the list's order, keeping the rows whose
    school (a fresh student's rows name it) or student is in reach, and stops at the
    page's end."""
    if in_reach <= WALK_FROM:
        return counted
    return due_rows.stored_due(access.reach(actor, DueReportState.school_id), on)


@dataclass(frozen=True)
class SchoolDue:
    """The reports due at one school: how many, how many overdue, the earliest deadline."""

    count: int
    overdue: int
    earliest: date


def reports_due_by_school(actor, on):
    """{school id: SchoolDue} of the reports due on `on` for the students the actor may
    see (those `reports_due` lists): the stored rows counted by the database (one GROUP BY
    over the reach, no row built), the stale students computed and added. Figures, no
    student named: not audited.

    :raise Forbidden: as reports_due.
    """
    if not access.may_report_to_duo(actor):
        raise Forbidden()
    found = {school_id: SchoolDue(count, overdue, earliest)
             for school_id, count, overdue, earliest in db.session.execute(
                 due_rows.stored_in_reach(actor, on).with_only_columns(
                     DueReportState.school_id, func.count(),
                     func.count().filter(DueReportState.deadline < on),
                     func.min(DueReportState.deadline))
                 .group_by(DueReportState.school_id))}
    for row in due_rows.computed_due(access.reach(actor), on):
        was = found.get(row.school_id, SchoolDue(0, 0, row.deadline))
        found[row.school_id] = SchoolDue(was.count + 1, was.overdue + row.overdue(on),
                                         min(was.earliest, row.deadline))
    return found


def _merged_page(stored, computed, number, shown, per_page):
    """Page `number` of the stored rows (a SELECT) and the computed ones (sorted), in
    `due_rows.order`; `shown`: how many both hold."""
    pages = max(1, -(-shown // per_page))
    number = min(max(number or 1, 1), pages)
    start = (number - 1) * per_page
    ordered = stored.order_by(DueReportState.end, DueReportState.student_id,
                              DueReportState.code)
    if computed:  # merge: the stored rows up to the page's end, then the page of both
        rows = sorted(due_rows.stored_rows(ordered.limit(start + per_page)) + computed,
                      key=due_rows.order)
        rows = rows[start:start + per_page]
    else:
        rows = due_rows.stored_rows(ordered.limit(per_page).offset(start))
    return Page(rows, number, shown, per_page)
