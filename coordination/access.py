"""Reach: who may see which case and which student. The one place that decides it; every
query that lists, finds, opens, imports or matches students or cases starts here.

- A case is visible to its coordinator and its active members; to nobody else (admins
  included).
- A student is in a user's reach when the user is on one of the student's cases; for a
  professional also when the student is at a school the professional is linked to; for an
  attendance officer also when the student lives in a municipality the officer acts for
  (DOMAIN.md §2-3: attendance officers act for the children who *live* there).
- An admin manages accounts and schools and reaches no case and no student.
- An analyst (policy staff) reaches no case and no student either: only figures about the
  students of the schools and municipalities they are linked to (`region_scope`).

Outside reach is indistinguishable from nonexistent: the same `NotFound` (404), the same
row message in imports, and the same single SELECT, so also about the same time.
"""
from sqlalchemy import BindParameter, false, or_, select, union_all

from coordination.accounts.models import (
    ADMIN,
    ANALYST,
    ATTENDANCE_OFFICER,
    COORDINATOR,
    PROFESSIONAL_ROLES,
    UserMunicipality,
    user_schools,
)
from coordination.cases.models import Case, CaseMember
from coordination.errors import NotFound
from coordination.extensions import db
from coordination.students.models import Student

# Who may do what, by role. Reach still decides *which* students and cases.
ATTENDANCE_IMPORTERS = frozenset({ADMIN, COORDINATOR, ATTENDANCE_OFFICER})
DUO_REPORTERS = frozenset({COORDINATOR, ATTENDANCE_OFFICER})
# Roles that reach no case and no student, whatever rows link them.
NO_REACH = frozenset({ADMIN, ANALYST})
LIST_IMPORTERS = DUO_REPORTERS  # the regional list of young people not enrolled


def may_administer(user):
    """Admins (functioneel beheer) manage accounts, schools, calendars and the audit log;
    they reach no case and no student."""
    return user.role == ADMIN


def may_view_region(user):
    """Analysts see the region's figures (API.md "The region"); admins manage accounts and
    are linked to no school or municipality, so they have no figures to see."""
    return user.role == ANALYST


def may_import_attendance(user):
    return user.role in ATTENDANCE_IMPORTERS


def may_report_to_duo(user):
    return user.role in DUO_REPORTERS


def works_in_the_field(user):
    """Attendance officers visit homes: their case list links to the pre-visit card."""
    return user.role == ATTENDANCE_OFFICER


def may_import_lists(user):
    return user.role in LIST_IMPORTERS


def _member_case_ids(user):
    return select(CaseMember.case_id).where(CaseMember.user_id == user.id,
                                            CaseMember.removed_at.is_(None))


def _on_case(user):
    # One IN over the two arms' ids (coordinated, member), not an OR of them: PostgreSQL
    # guessed half the region's cases for the OR and scanned every case for the worklist
    # and the case list (bench/RESULTS.md §11c); the UNION ALL's estimate is the caller's.
    return Case.id.in_(select(Case.id).where(Case.coordinator_id == user.id).correlate(None)
                       .union_all(_member_case_ids(user)))


def visible_cases(user):
    """A SELECT of the cases this user may see."""
    if user.role in NO_REACH:
        return select(Case).where(false())
    return select(Case).where(_on_case(user))


def case_for(user, case_id, *options):
    """The case if the user may see it; NotFound otherwise (also when it does not exist).
    `options`: loader options for the one read (e.g. joinedload of the team)."""
    case = db.session.execute(visible_cases(user).where(Case.id == case_id)
                              .options(*options)).unique().scalar_one_or_none()
    if case is None:
        raise NotFound(denied=("case", case_id))
    return case


def case_role(user, case):
    """The user's role on a case: 'coordinator', a member role, or None."""
    if case.coordinator_id == user.id:
        return "coordinator"
    for member in case.members:
        if member.user_id == user.id:
            return member.role
    return None


def _id_of(user):
    """A user's id; or `user` itself when it is a bound parameter standing for the id, in
    a statement built once (region/stored.py)."""
    return user if isinstance(user, BindParameter) else user.id


def linked_school_ids(user):
    """A SELECT of the ids of the schools a user is linked to (`user`: see `_id_of`)."""
    return select(user_schools.c.school_id).where(user_schools.c.user_id == _id_of(user))


def reach(user, school_column=Student.school_id, student_column=None, row_id=None):
    """The condition on `Student` that holds for the students in the user's reach.

    An OR of IN-subqueries, each served by an index (cases by coordinator and members,
    students by school and by municipality), instead of correlated EXISTS per student.
    `school_column`: a stored row's column that always equals its student's school (the
    stored due reports of fresh students): the database then walks those rows rather than
    every student of the linked schools. With `student_column` too (that row's student
    id) every arm is a condition on the row's own columns, no `Student` needed: SQLite
    then walks each arm's index on the rows (MULTI-INDEX OR) instead of every stored row
    of the region joined to its student (bench/RESULTS.md §9b). With `row_id` too (the
    row's primary key) the arms become one IN over their UNION ALL: PostgreSQL cannot
    walk an index for an OR of IN-subqueries and filtered every stored row of the region
    with them (§13: a school's reports due cost 3× at 4× the region); each arm of the
    union walks its own index, on both databases, as `_on_case` does for cases.
    """
    if user.role in NO_REACH:
        return false()
    student = Student.id if student_column is None else student_column
    # Coordinated and member cases as two IN arms, not one OR inside the subquery: each
    # arm is served by its index (PostgreSQL scanned every case of the region for the OR).
    conditions = [student.in_(select(Case.student_id).where(Case.coordinator_id == user.id)),
                  student.in_(select(Case.student_id).where(
                      Case.id.in_(_member_case_ids(user))))]
    if user.role in PROFESSIONAL_ROLES:
        conditions.append(school_column.in_(linked_school_ids(user)))
    if user.role == ATTENDANCE_OFFICER:
        residents = Student.municipality_key.in_(linked_municipality_keys(user))
        conditions.append(residents if student_column is None
                          else student.in_(select(Student.id).where(residents)))
    if row_id is not None:
        return row_id.in_(union_all(*(select(row_id).where(arm) for arm in conditions)))
    return or_(*conditions)


def linked_municipality_keys(user):
    """A SELECT of the keys of the municipalities a user is linked to (`user`: see
    `_id_of`)."""
    return select(UserMunicipality.key).where(UserMunicipality.user_id == _id_of(user))


def region_scope(user, school_column=Student.school_id,
                 municipality_column=Student.municipality_key):
    """The condition on `Student` (joined by the caller) for the students an analyst's
    figures cover: at a linked school (`school_column`: the school a stored row names,
    else the student's own) or living in a linked municipality (`municipality_column`:
    the one a stored row of figures names, else the student's own). Figures only: it
    never makes a student or case visible (`reach` stays false for analysts)."""
    if not may_view_region(user):
        return false()
    return or_(school_column.in_(linked_school_ids(user)),
               municipality_column.in_(linked_municipality_keys(user)))


def visible_students(user):
    """A SELECT of the students in this user's reach."""
    return select(Student).where(reach(user))


def student_for(user, student_id):
    """The student if in the user's reach; NotFound otherwise (also when it does not exist)."""
    student = db.session.scalar(visible_students(user).where(Student.id == student_id))
    if student is None:
        raise NotFound(denied=("student", student_id))
    return student


def student_in_reach(user, student_id):
    """The student if in reach, else None: for callers that report an unknown id as a field
    error, in the same words for 'missing' and 'not yours'."""
    if not isinstance(student_id, int):
        return None
    return db.session.scalar(visible_students(user).where(Student.id == student_id))


def school_in_reach(user, school_id):
    """Whether a professional is linked to the school (students are registered there)."""
    if not isinstance(school_id, int) or user.role not in PROFESSIONAL_ROLES:
        return False
    return db.session.scalar(
        linked_school_ids(user).where(user_schools.c.school_id == school_id)) is not None
