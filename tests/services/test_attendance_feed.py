"""Attendance signals feed the tiers, each fact told once."""
import io
from datetime import date, datetime

import sqlalchemy as sa

from coordination import jobs
from coordination.attendance import importer
from coordination.extensions import db
from coordination.notifications.models import Notification
from coordination.tiers import services as tiers
from coordination.timeutil import AMSTERDAM, utcnow


def kinds():
    return list(db.session.scalars(sa.select(Notification.kind).order_by(Notification.id)))


def import_rows(actor, number, days, kind="unauthorised"):
    text = "student_number,date,start,end,kind\n" + "".join(
        f"{number},{d},08:30,12:30,{kind}\n" for d in days)
    assert importer.import_csv(actor, io.StringIO(text)).imported == len(days)


def test_a_tier_1_case_over_16_hours_gets_one_proposal(app, make):
    coordinator = make.user("coordinator")
    student = make.student(make.school(region="midden"), student_number="8")
    make.case(coordinator, student)
    import_rows(coordinator, "8", ["2026-11-02", "2026-11-03", "2026-11-04", "2026-11-05",
                                   "2026-11-06"])
    moment = datetime(2026, 11, 6, 16, tzinfo=AMSTERDAM)
    jobs.tick(moment)
    jobs.tick(moment)
    assert kinds().count("proposal") == 2  # duo_16h_4w and problematic_25pct_2w, once each


def test_a_tier_3_case_hears_of_new_unauthorised_absence_the_same_day(app, make):
    coordinator = make.user("coordinator")
    student = make.student(make.school(region="midden"), student_number="9")
    case = make.case(coordinator, student)
    tiers.set_tier(coordinator, case.id, 3, "Intensive", date(2026, 11, 2))
    import_rows(coordinator, "9", ["2026-11-04"])
    jobs.tick(utcnow())
    jobs.tick(utcnow())
    assert kinds().count("attendance") == 1


def test_a_tier_3_case_hears_of_a_sick_report_too(app, make):
    """Issue 10, finding 8: school refusal usually shows as sick reports."""
    coordinator = make.user("coordinator")
    student = make.student(make.school(region="midden"), student_number="10")
    case = make.case(coordinator, student)
    tiers.set_tier(coordinator, case.id, 3, "Intensive", date(2026, 11, 2))
    import_rows(coordinator, "10", ["2026-11-04"], kind="sick")
    jobs.tick(utcnow())
    assert kinds().count("attendance") == 1
