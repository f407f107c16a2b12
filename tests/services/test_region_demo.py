"""`flask demo load --scale region` (coordination/demo/region.py), loaded small: the same
shape as the 30,000-student region, one tenth of the students per school."""
from datetime import date, datetime, timezone

from sqlalchemy import func, select

from coordination.accounts.models import User, user_schools
from coordination.attendance.models import Absence
from coordination.cases.models import OPEN, Case, CaseMember
from coordination.demo import region
from coordination.extensions import db
from coordination.schools.models import School
from coordination.signals.models import SignalStamp
from coordination.students.models import Student

TODAY = date(2026, 11, 26)


def _count(model, *where):
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def _user(key):
    return db.session.scalar(select(User).where(User.email == f"{key}@demo.regie.nl"))


def _schools_of(key):
    return _count(user_schools, user_schools.c.user_id == _user(key).id)


def test_a_small_region_has_the_shape_of_the_real_one(app):
    result = region.load(factor=0.08, today=TODAY, echo=lambda line: None, per_school=120)

    assert _count(School) == 2
    assert _count(Student) == result["students"] == 240
    assert _count(Absence) == result["absences"] == 240 * region.ABSENCES_PER_STUDENT
    open_cases = _count(Case, Case.status == OPEN)
    assert 20 <= open_cases <= 24  # 12 a school, less the leavers enrolled again
    tier2, tier3 = (_count(Case, Case.status == OPEN, Case.tier == t) for t in (2, 3))
    assert 0.03 <= tier2 / 240 <= 0.20 and 0 < tier3 / 240 <= 0.05  # the seed's expectation
    # one person's work does not grow with the region: 1 school and at most 25
    assert _schools_of("leerplicht") == 1 and _schools_of("rmc") == 2
    # the parent and the young person are on one of regie@'s cases
    for key in ("ouder", "jongere"):
        case = db.session.scalar(select(Case).join(CaseMember).where(
            CaseMember.user_id == _user(key).id))
        assert case.coordinator_id == _user("regie").id
    # absences were registered day by day: the attendance feed sees only the last days
    # as new, not a year of them
    recent = _count(Absence, Absence.created_at >= datetime(2026, 11, 24, tzinfo=timezone.utc))
    assert recent < _count(Absence) / 20
    # the signal state is stored for every student, for the day loaded
    assert _count(SignalStamp, SignalStamp.on == TODAY) == 240
