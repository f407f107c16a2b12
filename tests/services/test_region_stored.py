"""The region's figures stored per school (region/stored.py): after the scheduler's pass
the overview reads them, and whatever changes afterwards, what it shows equals what is
counted from the rows (figures.overview and the did-tier-2-help verdicts)."""
from datetime import date, timedelta

import pytest
from sqlalchemy import select, update

from coordination import access
from coordination.attendance.models import DuoReport
from coordination.extensions import db
from coordination.followup.models import Deregistration, Enrolment
from coordination.meetings.models import Decision, Meeting
from coordination.region import figures, stored
from coordination.region import services as region
from coordination.region.models import RegionFigure, RegionFigureStamp, RegionSchoolFigure
from coordination.signals import effects
from coordination.signals.invalidation import invalidate
from coordination.signals.models import SignalEpisode
from coordination.tiers.models import TierChange
from coordination.timeutil import today_local
from tests import factories


@pytest.fixture
def world(make):
    """An analyst linked to school A and the municipality of Zeist; B has residents of
    Zeist and of Utrecht; C is in no figure of theirs."""
    a, b, c = (make.school(name=n) for n in ("Atlas", "Baken", "Corbulo"))
    analyst = make.user("analyst", municipalities=["Zeist"])
    make.link(analyst, a)
    coordinator = make.user("coordinator")
    at_a = [make.student(a, municipality="Utrecht", level=level)
            for level in ("havo", "havo", "vwo", "vwo", "vmbo-b", "havo")]
    at_b = [make.student(b, municipality=m, level="havo")
            for m in ("Zeist", "Zeist", "Zeist", "Utrecht", "Utrecht")]
    at_c = [make.student(c, municipality="Amersfoort") for _ in range(3)]
    cases = [make.case(coordinator, s, tier=t)
             for s, t in ((at_a[0], 2), (at_a[1], 3), (at_b[0], 2), (at_b[3], 1),
                          (at_c[0], 2))]
    return {"analyst": analyst, "coordinator": coordinator, "schools": (a, b, c),
            "a": at_a, "b": at_b, "c": at_c, "cases": cases}


def counted(analyst, on):
    """What the overview counts from the rows, as stored.overview gives it."""
    groups, schools = figures.overview(analyst, on)
    tier2 = effects.tier2_improved(access.region_scope(analyst), on)
    return _plain(groups), [tuple(s) for s in schools], tuple(tier2)


def read(analyst, on):
    groups, schools, tier2 = stored.overview(analyst, on)
    return _plain(groups), [tuple(s) for s in schools], tuple(tier2)


def _plain(groups):
    return {key: (dict(g.counts), sorted(g.reenrolment_days))
            for key, g in groups.items() if any(g.counts.values()) or g.reenrolment_days}


def fresh_schools(on):
    return set(db.session.scalars(select(RegionFigureStamp.school_id).where(
        RegionFigureStamp.on == on,
        RegionFigureStamp.counted_version == RegionFigureStamp.version)))


def refreshed(on=None):
    stored.refresh_stale(on or today_local())
    db.session.expire_all()


def test_every_count_has_its_column():
    columns = set(RegionFigure.__table__.columns.keys())
    assert set(figures.COUNTS) <= columns


def test_the_stored_figures_are_read_and_equal_the_counted_ones(app, make, world,
                                                                 monkeypatch):
    w = world
    by = w["coordinator"].id
    a = w["schools"][0]
    db.session.add(Deregistration(student_id=w["a"][2].id, left_on=today_local() - timedelta(days=30),
                                  reason="moved", by_id=by))
    db.session.add(Enrolment(student_id=w["a"][2].id, school_id=a.id, by_id=by,
                             enrolled_on=today_local() - timedelta(days=3)))
    db.session.commit()
    assert stored.refresh_stale(today_local()) == 3  # every school, once
    assert stored.refresh_stale(today_local()) == 0
    expected = counted(w["analyst"], today_local())
    assert fresh_schools(today_local()) == {s.id for s in w["schools"]}

    def not_counted(*_args, **_kw):
        raise AssertionError("a fresh school was counted from the rows")
    monkeypatch.setattr(figures, "count", not_counted)
    monkeypatch.setattr(effects, "tier2_improved", not_counted)
    assert read(w["analyst"], today_local()) == expected
    result = region.overview(w["analyst"], today_local())
    assert result.total["students"] == 9  # 6 at A, the 3 residents of Zeist at B
    assert result.total["followup"]["reenrolled_this_school_year"] == "< 5"


def test_another_day_is_counted_from_the_rows(app, make, world):
    w = world
    refreshed()
    assert fresh_schools(today_local() + timedelta(days=1)) == set()
    assert read(w["analyst"], today_local() + timedelta(days=1)) == counted(w["analyst"],
                                                                   today_local() + timedelta(days=1))


CHANGES = {
    # name: (change(w), the schools it makes stale, by letter)
    "new student": (lambda w, make: make.student(w["schools"][1], municipality="Zeist"),
                    "b"),
    "student moves school": (lambda w, make: setattr(w["b"][1], "school_id",
                                                     w["schools"][0].id), "ab"),
    "student moves home": (lambda w, make: setattr(w["b"][3], "municipality", "Zeist"), "b"),
    "case opened": (lambda w, make: make.case(w["coordinator"], w["a"][3], tier=2), "a"),
    "case closed": (lambda w, make: setattr(w["cases"][2], "status", "closed"), "b"),
    "tier changed": (lambda w, make: db.session.add(TierChange(
        case_id=w["cases"][3].id, from_tier=1, to_tier=2, reason="r", on=today_local())), "b"),
    "signal episode": (lambda w, make: db.session.add(SignalEpisode(
        student_id=w["a"][4].id, school_id=w["a"][4].school_id, code="thuiszitter",
        since=today_local() - timedelta(days=40), details={"band": "4w_3m"})), "a"),
    "DUO report": (lambda w, make: db.session.add(DuoReport(
        student_id=w["b"][0].id, code="duo_16h_4w", signal_since=today_local(), start=today_local(),
        end=today_local(), reported_on=today_local(), reference="X", by_id=w["coordinator"].id)), "b"),
    "overdue agreement": (lambda w, make: make.agreement(
        w["cases"][0], w["coordinator"], due_date=today_local() - timedelta(days=2)), "a"),
    "meeting": (lambda w, make: db.session.add(Meeting(
        case_id=w["cases"][2].id, held_on=today_local(), attendees="team", discussed="x",
        author_id=w["coordinator"].id)), "b"),
    "absences changed (bulk)": (lambda w, make: invalidate(db.session,
                                                           students=[w["c"][0].id]), "c"),
    "calendar of a school": (lambda w, make: invalidate(db.session,
                                                        schools=[w["schools"][0].id]), "a"),
}


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_a_change_makes_its_schools_stale_and_the_read_still_equals_the_count(
        app, make, world, change):
    w = world
    refreshed()
    act, letters = CHANGES[change]
    act(w, make)
    db.session.commit()
    db.session.expire_all()
    ids = dict(zip("abc", (s.id for s in w["schools"])))
    assert fresh_schools(today_local()) == {ids[x] for x in "abc" if x not in letters}
    assert read(w["analyst"], today_local()) == counted(w["analyst"], today_local())
    refreshed()
    assert fresh_schools(today_local()) == set(ids.values())
    assert read(w["analyst"], today_local()) == counted(w["analyst"], today_local())


def test_a_decision_makes_its_school_stale(app, make, world):
    w = world
    meeting = Meeting(case_id=w["cases"][0].id, held_on=today_local(), attendees="team",
                      discussed="x", author_id=w["coordinator"].id)
    db.session.add(meeting)
    db.session.commit()
    refreshed()
    db.session.add(Decision(meeting_id=meeting.id, text="call on Monday"))
    db.session.commit()
    a, b, c = w["schools"]
    assert fresh_schools(today_local()) == {b.id, c.id}
    assert read(w["analyst"], today_local()) == counted(w["analyst"], today_local())


def test_a_change_while_counting_leaves_the_school_stale(app, make, world, monkeypatch):
    """The version read before counting is the one stored: a change committed after the
    read (here: before the write) is never taken as counted."""
    w = world
    a = w["schools"][0]
    stored.refresh_stale(today_local())
    db.session.execute(update(RegionFigureStamp).where(RegionFigureStamp.school_id == a.id)
                       .values(on=None))
    db.session.commit()
    rows = stored._rows

    def counting_then_change(school_ids, on):
        result = rows(school_ids, on)
        make.case(w["coordinator"], w["a"][5], tier=3)  # commits a change to A
        return result
    monkeypatch.setattr(stored, "_rows", counting_then_change)
    stored.refresh_stale(today_local())
    assert a.id not in fresh_schools(today_local())
    assert read(w["analyst"], today_local()) == counted(w["analyst"], today_local())


def test_a_past_day_and_an_analyst_of_a_municipality_only(app, make, world):
    w = world
    zeist = make.user("analyst", municipalities=["Zeist"])
    refreshed()
    assert read(zeist, today_local()) == counted(zeist, today_local())
    assert [s[0] for s in read(zeist, today_local())[1]] == [w["schools"][1].id]
    on = date(2026, 11, 2)
    refreshed(on)
    assert read(zeist, on) == counted(zeist, on)


def test_when_every_school_is_fresh_one_or_two_queries_whatever_the_size(app, make, world):
    """The stored read: one statement for an analyst linked to schools only (the schools
    with their stamps, links and whole-school figures); one more for fresh schools reached
    through residents only (their per-municipality rows added up); as many at twice the
    students."""
    w = world
    by = w["coordinator"].id
    a, b, _c = w["schools"]
    schools_only = make.user("analyst")
    make.link(schools_only, a)
    make.link(schools_only, b)

    def sent_for_read(analyst):
        refreshed()
        assert analyst.role == "analyst"  # loaded again after the expiry
        with factories.statements() as sent:
            result = read(analyst, today_local())
        assert result == counted(analyst, today_local())
        return len(sent)

    assert (sent_for_read(schools_only), sent_for_read(w["analyst"])) == (1, 2)
    for school, level in ((a, "havo"), (a, "vwo"), (b, "havo")):
        for _ in range(3):
            student = make.student(school, municipality="Zeist", level=level)
            db.session.add(Deregistration(student_id=student.id, by_id=by, reason="moved",
                                          left_on=today_local() - timedelta(days=20)))
            db.session.add(Enrolment(student_id=student.id, school_id=school.id, by_id=by,
                                     enrolled_on=today_local() - timedelta(days=4)))
    db.session.commit()
    assert (sent_for_read(schools_only), sent_for_read(w["analyst"])) == (1, 2)
    for analyst in (schools_only, w["analyst"]):
        groups = read(analyst, today_local())[0]
        assert sum(len(days) for _counts, days in groups.values()) >= 9


def test_the_whole_school_figures_are_the_sums_of_its_municipalities(app, make, world):
    """What an analyst linked to a school reads (its stored whole-school figures) is what
    is counted from the rows of all its students, also after a change and a recount."""
    w = world
    a, b, c = w["schools"]
    analyst = make.user("analyst")
    for school in (a, b, c):
        make.link(analyst, school)
    refreshed()
    expected = counted(analyst, today_local())
    assert read(analyst, today_local()) == expected
    assert sum(counts["students"] for counts, _days in expected[0].values()) == 14
    make.case(w["coordinator"], w["b"][4], tier=3)
    assert read(analyst, today_local()) == counted(analyst, today_local())
    refreshed()
    assert read(analyst, today_local()) == counted(analyst, today_local())
    assert read(analyst, today_local()) != expected
    wholes = {row.school_id: row.figures for row in db.session.scalars(
        select(RegionSchoolFigure))}
    assert set(wholes) == {a.id, b.id, c.id}
    assert set(wholes[b.id]["levels"]) == {"havo"}
