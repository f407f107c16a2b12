"""The follow-up lists: the zomeractie list of open follow-up cases by postcode area
(and who may use the lists and the list import)."""
from dataclasses import replace

from sqlalchemy import case as sql_case
from sqlalchemy import func, literal_column, select

from coordination import access
from coordination.audit import services as audit
from coordination.cases.models import OPEN, Case
from coordination.errors import Forbidden
from coordination.extensions import db
from coordination.followup.ending import end_age
from coordination.followup.models import ContactAttempt
from coordination.paging import page_of
from coordination.rules.legal_status import latest_birth_date_for_age
from coordination.students.models import Student
from coordination.timeutil import today_local


def check_list_user(actor):
    """The follow-up lists and the list import are for coordinators and attendance
    officers. :raise Forbidden: other roles."""
    if not access.may_import_lists(actor):
        raise Forbidden()


def _last_attempts(case_ids):
    """{case_id: its most recent contact attempt} (one query)."""
    if not case_ids:
        return {}
    rank = func.row_number().over(partition_by=ContactAttempt.case_id,
                                  order_by=(ContactAttempt.on.desc(), ContactAttempt.id.desc()))
    ranked = (select(ContactAttempt.id, rank.label("n"))
              .where(ContactAttempt.case_id.in_(case_ids)).subquery())
    rows = db.session.scalars(select(ContactAttempt).join(ranked, ranked.c.id == ContactAttempt.id)
                              .where(ranked.c.n == 1)).all()
    return {row.case_id: row for row in rows}


def _area():
    """A student's postcode area in SQL: the first 4 characters of the postcode, '' when
    there is none. Literals, not parameters, so that PostgreSQL sees the same expression
    in the SELECT and the GROUP BY."""
    return func.substr(func.trim(func.coalesce(Student.postcode, literal_column("''"))),
                       literal_column("1"), literal_column("4"))


def summer_list(actor, number=1):
    """The zomeractie list, 50 a page: the open follow-up cases the actor sees, by
    postcode area (its 4 digits; no postcode last). The page's items are (area or None,
    [(case, last contact attempt)], that area's count on every page); counted, ordered
    and sliced in SQL."""
    check_list_user(actor)
    # Nobody at or past the end age, also before the day's sweep has run.
    too_old = latest_birth_date_for_age(today_local(), end_age())
    # reach: visible_cases; the join and the inner SELECT only narrow those by age
    stmt = access.visible_cases(actor).join(Student, Student.id == Case.student_id).where(
        Case.status == OPEN, Case.followup.is_(True), Student.date_of_birth > too_old)
    unknown = sql_case((_area() == "", 1), else_=0)
    page = page_of(stmt.order_by(
        unknown, func.replace(func.coalesce(Student.postcode, ""), " ", ""),
        func.coalesce(Student.address, ""), Student.family_name, Case.id), number)
    areas = {_area_of(c.student) for c in page.items}
    counts = dict(db.session.execute(
        stmt.with_only_columns(_area(), func.count(Case.id)).where(
            _area().in_([a or "" for a in areas])).group_by(_area()))
        .all()) if areas else {}
    last = _last_attempts([c.id for c in page.items])
    groups = {}
    for item in page.items:
        groups.setdefault(_area_of(item.student), []).append((item, last.get(item.id)))
    audit.record(actor, "followup.summer_list", count=page.total)
    db.session.commit()
    return replace(page, items=[(area, rows, counts.get(area or "", len(rows)))
                                for area, rows in groups.items()])


def _area_of(student):
    return (student.postcode or "").strip()[:4] or None
