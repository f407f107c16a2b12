"""The demo region: realistic sizes, every role, every attendance signal visible, and
work for the scheduler from its first tick."""
from datetime import date, datetime, timedelta

import sqlalchemy as sa

from coordination import jobs
from coordination.accounts.models import ROLES, User
from coordination.attendance.services import scan
from coordination.cases.models import Case
from coordination.demo import loader
from coordination.extensions import db
from coordination.mail.models import OutboxMessage
from coordination.notifications.models import Notification
from coordination.scheduler.models import ScheduledItem
from coordination.schools.models import School
from coordination.students.models import Student
from coordination.tiers.services import local_moment
from coordination.timeutil import AMSTERDAM

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


def test_the_scheduler_has_work_in_the_demo_from_its_first_tick(app):
    """A review due tomorrow, one missed yesterday and a follow-up contact due today: the
    first tick of `make run` escalates one case of regie@ and reminds the officer."""
    today = date(2026, 11, 23)  # a Monday in term time
    loader.load(today=today)
    regie = db.session.scalar(sa.select(User).where(User.email == f"regie@{loader.DOMAIN}"))
    reviews = db.session.scalars(sa.select(Case.next_review_on).where(
        Case.coordinator_id == regie.id, Case.next_review_on.is_not(None))).all()
    assert sorted(reviews) == [today - timedelta(days=1), today + timedelta(days=1)]
    contact = db.session.scalars(sa.select(ScheduledItem.due_at).where(
        ScheduledItem.kind == "followup", ScheduledItem.payload["step"].as_string() == "contact"))
    assert local_moment(today) in list(contact)  # 07:00 today

    jobs.tick(datetime(2026, 11, 23, 9, 0, tzinfo=AMSTERDAM))
    kinds = {(n.user_id, n.kind) for n in db.session.scalars(sa.select(Notification))}
    officer = db.session.scalar(sa.select(User.id).where(
        User.email == f"leerplicht@{loader.DOMAIN}"))
    assert (regie.id, "escalated") in kinds and (officer, "followup") in kinds
    assert db.session.scalar(sa.select(sa.func.count(OutboxMessage.id)).where(
        OutboxMessage.to_address == regie.email)) >= 1
