"""The region's figures against the database: counted by school and level, covering the
analyst's schools and municipalities and nothing else, small counts hidden, a fixed
number of queries whatever the size."""
from datetime import date, timedelta

import pytest

from coordination import access
from coordination.attendance.models import DuoReport
from coordination.errors import Forbidden, ValidationError
from coordination.extensions import db
from coordination.followup.models import Deregistration, Enrolment
from coordination.meetings.models import Meeting
from coordination.region import figures
from coordination.region import services as region
from coordination.signals.models import DueReportState, SignalEpisode
from coordination.timeutil import today_local
from tests import factories


def episode(student, code, since, until=None, band=None, school=None):
    db.session.add(SignalEpisode(student_id=student.id,
                                 school_id=school.id if school else student.school_id,
                                 code=code, since=since, until=until,
                                 details={"band": band} if band else {}))
    db.session.commit()


def students(make, school, count, **kw):
    return [make.student(school, **kw) for _ in range(count)]


@pytest.fixture
def region_world(make):
    """An analyst linked to school A and the municipality of Zeist. School B has residents
    of Zeist (in the figures) and of Utrecht (not); school C is not linked at all."""
    a, b, c = (make.school(name=n) for n in ("Atlas", "Baken", "Corbulo"))
    analyst = make.user("analyst", municipalities=["Zeist"])
    make.link(analyst, a)
    coordinator = make.user("coordinator")
    at_a = students(make, a, 8, municipality="Utrecht", level="havo")
    at_a += students(make, a, 2, municipality="Utrecht", level="vwo")
    zeist_at_b = students(make, b, 3, municipality="Zeist")
    utrecht_at_b = students(make, b, 4, municipality="Utrecht")
    at_c = students(make, c, 6, municipality="Amersfoort")
    return {"analyst": analyst, "coordinator": coordinator, "schools": (a, b, c),
            "a": at_a, "zeist_at_b": zeist_at_b, "utrecht_at_b": utrecht_at_b, "c": at_c}


def by_school(groups):
    result = {}
    for (school_id, _level), group in groups.items():
        result.setdefault(school_id, figures.Group()).add(group)
    return result


def test_figures_cover_linked_schools_and_residents_of_linked_municipalities(app, make,
                                                                          region_world):
    w = region_world
    a, b, c = w["schools"]
    for student in w["a"][:6] + w["zeist_at_b"][:1] + w["utrecht_at_b"] + w["c"]:
        make.case(w["coordinator"], student, tier=2)
    groups, schools = figures.overview(w["analyst"], today_local())
    assert [s.id for s in schools] == [a.id, b.id]  # C is in no figure, not even by name
    totals = by_school(groups)
    assert totals[a.id].counts["students"] == 10
    assert totals[b.id].counts["students"] == 3   # only the residents of Zeist
    assert totals[a.id].counts["tier_2"] == 6
    assert totals[b.id].counts["tier_2"] == 1
    assert c.id not in totals


def test_levels_are_counted_apart(app, make, region_world):
    w = region_world
    groups, _schools = figures.overview(w["analyst"], today_local())
    a = w["schools"][0]
    assert groups[(a.id, "havo")].counts["students"] == 8
    assert groups[(a.id, "vwo")].counts["students"] == 2


def test_open_cases_by_tier_and_follow_up_closed_cases_left_out(app, make, region_world):
    w = region_world
    at_a = w["a"]
    for student in at_a[:5]:
        make.case(w["coordinator"], student, tier=3)
    for student in at_a[5:7]:
        make.case(w["coordinator"], student, tier=1, followup=True)
    closed = make.case(w["coordinator"], at_a[7], tier=2)
    closed.status, closed.closed_at = "closed", closed.opened_at
    db.session.commit()
    result = region.overview(w["analyst"], today_local())
    assert result.total["tiers"] == {"1": "< 5", "2": 0, "3": 5}
    assert result.total["followup"]["open"] == "< 5"
    assert result.total["tier_shares"]["3"]["verdict"] == "above"  # 5 of 13 students
    assert result.total["tier_shares"]["3"]["share"] == pytest.approx(5 / 13)


def test_thuiszitters_by_band_and_absolute_verzuim_hold_on_the_day(app, make, region_world):
    w = region_world
    on = date(2026, 11, 2)
    for student in w["a"][:5]:
        episode(student, "thuiszitter", date(2026, 9, 1), band="over_3m")
    episode(w["a"][5], "thuiszitter", date(2026, 10, 1), band="4w_3m")
    episode(w["a"][6], "thuiszitter", date(2026, 9, 1), until=date(2026, 10, 30),
            band="4w_3m")  # over before the day
    episode(w["a"][7], "thuiszitter", date(2026, 11, 3), band="4w_3m")  # starts after it
    episode(w["zeist_at_b"][0], "absolute_verzuim", date(2026, 10, 1))
    episode(w["utrecht_at_b"][0], "absolute_verzuim", date(2026, 10, 1))  # not in scope
    episode(w["c"][0], "thuiszitter", date(2026, 9, 1), band="over_3m")  # not in scope
    episode(w["a"][8], "duo_16h_4w", date(2026, 10, 1))  # another code
    result = region.overview(w["analyst"], on)
    assert result.total["thuiszitters"] == {"4w_3m": "< 5", "over_3m": 5}
    assert result.total["absolute_verzuim"] == "< 5"
    totals = by_school(figures.overview(w["analyst"], on)[0])
    a, b, _c = w["schools"]
    assert totals[a.id].counts["thuiszitter_4w_3m"] == 1
    assert totals[b.id].counts["absolute_verzuim"] == 1


def test_reports_due_and_made_this_school_year(app, make, region_world):
    w = region_world
    for student in w["a"][:6]:
        db.session.add(DueReportState(student_id=student.id, school_id=student.school_id,
                                      code="duo_16h_4w", start=today_local() - timedelta(days=20),
                                      end=today_local() - timedelta(days=2), hours=16.0,
                                      deadline=today_local() + timedelta(days=3)))
    db.session.add(DueReportState(student_id=w["c"][0].id, school_id=w["c"][0].school_id,
                                  code="duo_16h_4w", start=today_local(), end=today_local(), hours=16.0,
                                  deadline=today_local()))
    for student, day in ((w["a"][0], date(2026, 9, 1)), (w["a"][1], date(2026, 7, 31))):
        db.session.add(DuoReport(student_id=student.id, code="duo_16h_4w",
                                 signal_since=day, start=day, end=day, reported_on=day,
                                 reference="X1", by_id=w["coordinator"].id))
    db.session.commit()
    groups, _schools = figures.overview(w["analyst"], date(2026, 11, 2))
    total = figures.Group()
    for group in groups.values():
        total.add(group)
    assert total.counts["reports_due"] == 6
    assert total.counts["reports_made"] == 1  # the July report is last school year's


def test_re_enrolment_after_leaving_this_school_year_with_the_median_days(app, make,
                                                                         region_world):
    w = region_world
    by = w["coordinator"].id
    a = w["schools"][0]
    for n, student in enumerate(w["a"][:5]):
        db.session.add(Deregistration(student_id=student.id, left_on=date(2026, 9, 1),
                                      reason="moved", by_id=by))
        db.session.add(Enrolment(student_id=student.id, school_id=a.id, by_id=by,
                                 enrolled_on=date(2026, 9, 1) + timedelta(days=10 * (n + 1))))
    # enrolled without having left: not a re-enrolment
    db.session.add(Enrolment(student_id=w["a"][5].id, school_id=a.id, by_id=by,
                             enrolled_on=date(2026, 9, 5)))
    # re-enrolled last school year
    db.session.add(Deregistration(student_id=w["a"][6].id, left_on=date(2026, 5, 1),
                                  reason="moved", by_id=by))
    db.session.add(Enrolment(student_id=w["a"][6].id, school_id=a.id, by_id=by,
                             enrolled_on=date(2026, 6, 1)))
    db.session.commit()
    result = region.overview(w["analyst"], date(2026, 11, 2))
    assert result.total["followup"]["reenrolled_this_school_year"] == 5
    assert result.total["followup"]["median_days_to_reenrolment"] == 30
    school = next(s for s in result.by_school if s["school_id"] == a.id)
    assert school["followup"]["reenrolled_this_school_year"] == 5


def test_overdue_agreements_and_meetings_without_a_decision(app, make, region_world):
    w = region_world
    coordinator = w["coordinator"]
    cases = [make.case(coordinator, student) for student in w["a"][:3]]
    make.agreement(cases[0], coordinator, due_date=today_local() - timedelta(days=1))
    make.agreement(cases[1], coordinator, due_date=today_local() + timedelta(days=1))
    make.agreement(cases[2], coordinator, due_date=today_local() - timedelta(days=5), status="done")
    make.decision(cases[0], coordinator)  # a meeting with a decision
    db.session.add(Meeting(case_id=cases[1].id, held_on=today_local(), attendees="team",
                           discussed="attendance", author_id=coordinator.id))
    db.session.commit()
    groups, _schools = figures.overview(w["analyst"], today_local())
    total = figures.Group()
    for group in groups.values():
        total.add(group)
    assert total.counts["overdue_agreements"] == 1
    assert total.counts["meetings_without_decision"] == 1


def test_an_analyst_linked_to_nothing_sees_no_figures(app, make, region_world):
    lonely = make.user("analyst")
    result = region.overview(lonely, today_local())
    assert result.by_school == [] and result.total["students"] == 0


@pytest.mark.parametrize("role", ["admin", "coordinator", "professional",
                                  "attendance_officer", "parent", "youth"])
def test_only_analysts_have_region_figures(app, make, role):
    with pytest.raises(Forbidden):
        region.overview(make.user(role), today_local())
    with pytest.raises(Forbidden):
        region.thuiszitter_report(make.user(role), "2026Q3")


def test_an_analyst_reaches_no_student_and_no_case(app, make, region_world):
    w = region_world
    make.case(w["coordinator"], w["a"][0])
    analyst = w["analyst"]
    assert db.session.scalars(access.visible_students(analyst)).all() == []
    assert db.session.scalars(access.visible_cases(analyst)).all() == []


def test_an_analyst_cannot_be_added_to_a_case(app, make, region_world):
    from coordination.cases import team

    w = region_world
    case = make.case(w["coordinator"], w["a"][0])
    with pytest.raises(ValidationError):
        team.add_member(w["coordinator"], case.id, w["analyst"].id, "mentor")


def test_the_quarterly_report_counts_each_student_once_in_the_highest_band(app, make,
                                                                           region_world):
    w = region_world
    a, b, c = w["schools"]
    first = w["a"][0]
    episode(first, "thuiszitter", date(2026, 6, 1), until=date(2026, 7, 10), band="4w_3m")
    episode(first, "thuiszitter", date(2026, 8, 20), until=date(2026, 9, 30), band="over_3m")
    for student in w["a"][1:6]:
        episode(student, "thuiszitter", date(2026, 9, 1), band="4w_3m")
    episode(w["a"][6], "thuiszitter", date(2026, 10, 1), band="4w_3m")  # next quarter
    episode(w["a"][7], "thuiszitter", date(2026, 4, 1), until=date(2026, 6, 30),
            band="over_3m")  # the quarter before
    episode(w["zeist_at_b"][0], "absolute_verzuim", date(2026, 8, 1), until=date(2026, 8, 9))
    episode(w["c"][0], "thuiszitter", date(2026, 9, 1), band="over_3m")  # out of scope
    report = region.thuiszitter_report(w["analyst"], "2026Q3")
    assert (report.first, report.last) == (date(2026, 7, 1), date(2026, 9, 30))
    rows = {row["school_id"]: row for row in report.rows}
    assert set(rows) == {a.id, b.id}
    assert rows[a.id]["thuiszitters"] == {"4w_3m": 5, "over_3m": "< 5"}
    assert rows[a.id]["thuiszitters_total"] == 6
    assert rows[b.id]["absolute_verzuim"] == "< 5"
    assert rows[b.id]["thuiszitters_total"] == 0
    assert report.total["thuiszitters_total"] == 6
    text = region.thuiszitter_csv(report)
    assert text.splitlines()[0] == ",".join(region.REPORT_COLUMNS)
    assert f"2026Q3,{a.id},Atlas,5,< 5,6,0" in text


@pytest.mark.parametrize("quarter", ["2026Q5", "Q3", "2026-3", "1900Q1", ""])
def test_a_bad_quarter_is_refused(app, make, quarter):
    with pytest.raises(ValidationError) as error:
        region.thuiszitter_report(make.user("analyst"), quarter)
    assert "quarter" in error.value.fields


def count_queries(action):
    with factories.statements() as sent:
        action()
    return len(sent)


def test_a_fixed_number_of_queries_whatever_the_size(app, make, region_world):
    w = region_world
    a, b, _c = w["schools"]
    analyst = db.session.get(type(w["analyst"]), w["analyst"].id)

    def run():
        db.session.expire_all()
        region.overview(analyst, today_local())

    make.case(w["coordinator"], make.student(a, municipality="Zeist"), tier=2)
    small = count_queries(run)
    more = [make.student(school, municipality="Zeist", level=level)
            for school in (a, b) for level in ("havo", "vwo", "mbo-2") for _ in range(3)]
    for student in more:
        make.case(w["coordinator"], student, tier=2)
        episode(student, "thuiszitter", today_local() - timedelta(days=40), band="4w_3m")
    assert count_queries(run) == small
    assert small <= 20  # figures (10), did-it-help (cases, moves, timetables, calendars)
