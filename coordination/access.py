"""Who may see which case and which student. One place, used by pages and the API.

- A case is visible to its coordinator and its active members; to nobody else
  (admins included).
- A student is visible to members of any of the student's cases, to professionals who
  work for the student's school, and to the professional who registered the student.
"""
from sqlalchemy import exists, or_, select

from coordination.accounts.models import PROFESSIONAL_ROLES, user_schools
from coordination.cases.models import Case, CaseMember
from coordination.errors import NotFound
from coordination.extensions import db
from coordination.students.models import Student


def _is_case_member(user):
    return exists().where(
        CaseMember.case_id == Case.id, CaseMember.user_id == user.id,
        CaseMember.removed_at.is_(None),
    )


def visible_cases(user):
    """A SELECT of the cases this user may see."""
    return select(Case).where(or_(Case.coordinator_id == user.id, _is_case_member(user)))


def case_for(user, case_id):
    """The case if the user may see it; NotFound otherwise (also when it does not exist)."""
    case = db.session.scalar(visible_cases(user).where(Case.id == case_id))
    if case is None:
        raise NotFound()
    return case


def case_role(user, case):
    """The user's role on a case: 'coordinator', a member role, or None."""
    if case.coordinator_id == user.id:
        return "coordinator"
    for member in case.members:
        if member.user_id == user.id:
            return member.role
    return None


def visible_students(user):
    """A SELECT of the students this user may see."""
    conditions = [
        exists().where(Case.student_id == Student.id, or_(
            Case.coordinator_id == user.id, _is_case_member(user))),
    ]
    if user.role in PROFESSIONAL_ROLES:
        conditions.append(exists().where(
            user_schools.c.school_id == Student.school_id, user_schools.c.user_id == user.id))
        conditions.append(Student.created_by_id == user.id)
    return select(Student).where(or_(*conditions))


def student_for(user, student_id):
    student = db.session.scalar(visible_students(user).where(Student.id == student_id))
    if student is None:
        raise NotFound()
    return student
