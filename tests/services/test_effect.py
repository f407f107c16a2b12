"""Did it help? The case page's chart data and the region's tier-2 share
(attendance/effect.py), against the database."""
from datetime import date, time, timedelta

from flask import render_template

from coordination.attendance import effect
from coordination.attendance.models import Absence
from coordination.extensions import db
from coordination.rules.calendar import SchoolCalendar
from coordination.tiers import services as tiers

STEP = date(2026, 10, 7)     # region midden: autumn holiday 2026-10-19..23 is shipped
LATER = date(2026, 12, 18)


def absent_every_school_day(student, first, last, hours=3):
    for day in SchoolCalendar().school_days(first, last):
        db.session.add(Absence(student_id=student.id, day=day, start=time(8, 30),
                               end=time(8 + hours, 30), kind="sick", source="import"))
    db.session.commit()


def test_a_tier_change_followed_by_better_attendance_helped(app, make):
    coordinator = make.user("coordinator")
    case = make.case(coordinator, make.student(make.school(region="midden")))
    absent_every_school_day(case.student, STEP - timedelta(weeks=8), STEP - timedelta(days=1))
    tiers.set_tier(coordinator, case.id, 2, "Meer steun nodig", STEP)
    found = effect.case_effect(case, LATER)
    [step] = [s for s in found.steps if s.kind == "tier"]
    assert (step.day, step.label, step.helped) == (STEP, (1, 2), True)
    assert step.before == 0.5 and step.after == 1.0
    assert date(2026, 10, 19) not in [w.monday for w in found.weeks]  # the holiday week
    assert effect.tier2_improved([case], LATER) == (1, 1)
    assert effect.tier2_improved([case], STEP + timedelta(weeks=3)) == (0, 0)  # too early
    with app.test_request_context():
        html = render_template("cases/_effect.html", effect=found)
    assert html.count("<circle") == len(found.weeks) and "<title" in html
    assert "Niveau 1 naar 2" in html and "50%" in html and "100%" in html


def test_a_case_without_steps_still_shows_its_weeks(app, make):
    case = make.case(make.user("coordinator"), make.student(make.school(region="midden")))
    found = effect.case_effect(case, case.opened_at.date() + timedelta(days=14))
    assert found.weeks and all(w.share == 1.0 for w in found.weeks)
    assert [s.kind for s in found.steps] == []
