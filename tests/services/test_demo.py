"""The demo region: realistic sizes, every role, and every attendance signal visible."""
from datetime import date

import sqlalchemy as sa

from coordination.accounts.models import ROLES, User
from coordination.attendance.services import scan
from coordination.cases.models import Case
from coordination.demo import loader
from coordination.extensions import db
from coordination.schools.models import School
from coordination.students.models import Student

CODES = {"duo_16h_4w", "duo_long_relative", "duo_luxury", "rmc_28d", "problematic_25pct_2w",
         "problematic_10d_15w", "mazl_frequent_sick", "mazl_long_sick", "suspension_too_long",
         "suspension_notify_inspectorate", "absolute_verzuim", "thuiszitter"}


def count(model):
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def test_the_demo_region_has_every_role_and_shows_every_signal(app):
    today = date(2026, 11, 23)
    loader.load(today=today)
    assert count(School) == 3 and 550 <= count(Student) <= 650
    assert 35 <= db.session.scalar(sa.select(sa.func.count(Case.id)).where(Case.status == "open")) <= 45
    assert set(db.session.scalars(sa.select(User.role).distinct())) == set(ROLES)
    assert set(scan(today)) == CODES
    assert db.session.scalar(sa.select(sa.func.count(Case.id)).where(Case.followup.is_(True))) == 3
    assert loader.has_data() and len(loader.login_lines()) >= len(ROLES)
