"""The worklist page (issue 12): the caller's worklist, with the DUO reports due counted
per school when there are more than a handful.

An officer whose reach spans a region has thousands of reports due (3,882 for the RMC
officer of the bench's region: 797 KB of HTML), one line each. Past INLINE_REPORTS_MAX the
page shows one line per school instead (how many, how many overdue, the earliest
deadline), linking to the reports-due page filtered on that school, which is paged. The
counts come from the database (signals.due_list.reports_due_by_school, over the same reach
as the list), so the page does not grow with the reports. The API keeps every item
(API.md "The working day").
"""
from dataclasses import dataclass, field

from coordination import access
from coordination.schools import services as schools
from coordination.signals import due_list
from coordination.worklist import services

# Up to this many `report_due` items the page lists them one by one, as the API does.
INLINE_REPORTS_MAX = 10


@dataclass(frozen=True)
class SchoolReports:
    """One line of the page's summary: the reports due at one school."""

    school: object  # schools.models.School
    due: due_list.SchoolDue


@dataclass(frozen=True)
class WorklistPage:
    groups: list  # services.grouped: [(group, items)]
    count: int  # the things to do: the items listed and the reports counted per school
    schools: list = field(default_factory=list)  # [SchoolReports], most urgent first
    reports: int = 0  # the reports counted per school (0: listed as items, if any)


def worklist_page(actor, on):
    """The worklist page of `actor` as of `on` (audited as services.worklist).

    :raise Forbidden: not a professional.
    """
    by_school = (due_list.reports_due_by_school(actor, on)
                 if access.may_report_to_duo(actor) else {})
    reports = sum(due.count for due in by_school.values())
    summarised = reports > INLINE_REPORTS_MAX
    items = services.worklist(actor, on, school_work=True, reports=not summarised)
    groups = services.grouped(items, on)
    if not summarised:
        return WorklistPage(groups, len(items))
    lines = sorted((SchoolReports(school, by_school[school.id])
                    for school in schools.named(list(by_school))),
                   key=lambda line: (line.due.earliest, line.school.name))
    return WorklistPage(groups, len(items) + reports, lines, reports)
