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


def test_the_stored_verdict_equals_the_computed_one_and_goes_stale_with_its_inputs(app, make):
    """signals/effects.py: the scheduler stores each open tier-2 case's verdict; the reader
    counts it while fresh and computes the case again once an input changed."""
    from sqlalchemy import select, true

    from coordination.signals import effects
    from coordination.signals.models import Tier2Effect

    coordinator = make.user("coordinator")
    school = make.school(region="midden")
    helped = make.case(coordinator, make.student(school))
    absent_every_school_day(helped.student, STEP - timedelta(weeks=8), STEP - timedelta(days=1))
    unchanged = make.case(coordinator, make.student(school))
    for case in (helped, unchanged):
        tiers.set_tier(coordinator, case.id, 2, "Meer steun nodig", STEP)
    cases = [helped, unchanged]
    assert effect.tier2_improved(cases, LATER) == (1, 2)
    assert effects.tier2_improved(true(), LATER) == (1, 2)  # nothing stored: computed

    assert effects.refresh_stale(LATER) == 2
    stored = {r.case_id: (r.moved_on, r.helped) for r in db.session.scalars(select(Tier2Effect))}
    assert stored == {helped.id: (STEP, True), unchanged.id: (STEP, False)}
    assert effects.refresh_stale(LATER) == 0  # all fresh
    assert effects.tier2_improved(true(), LATER) == (1, 2)

    # Absences after the step: `helped` no longer improved; its verdict is stale and computed.
    absent_every_school_day(helped.student, STEP + timedelta(days=1), STEP + timedelta(weeks=9))
    assert effects.tier2_improved(true(), LATER) == effect.tier2_improved(cases, LATER) == (0, 2)
    assert effects.refresh_stale(LATER) == 1
    assert effects.tier2_improved(true(), LATER) == (0, 2)
    assert effects.refresh_stale(LATER + timedelta(days=1)) == 2  # a new day: all again
