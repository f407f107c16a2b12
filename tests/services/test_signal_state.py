"""The stored signal state (issue 12): what pages read always equals what the pure rules
compute from the rows, whatever changed and whenever the scheduler last ran."""
import io
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from coordination.attendance import closures, duo_reports, importer
from coordination.attendance import services as attendance
from coordination.errors import Conflict, ValidationError
from coordination.extensions import db
from coordination.followup import services as followup
from coordination.schools.models import SchoolTimetable
from coordination.signals import services as signals
from coordination.signals import store as signal_store
from coordination.signals.models import DueReportState, SignalEpisode, SignalStamp
from coordination.students import services as students
from coordination.students.models import Student

MONDAY = date(2026, 11, 2)


def rows_for(number, first, days, kind="unauthorised", start="08:30", end="12:30"):
    return "".join(f"{number},{(first + timedelta(days=d)).isoformat()},{start},{end},{kind}\n"
                   for d in range(days) if (first + timedelta(days=d)).weekday() < 5)


def load(actor, text):
    result = importer.import_csv(actor, io.StringIO("student_number,date,start,end,kind\n" + text))
    assert not result.errors, result.errors
    return result


def stamp(student):
    db.session.expire_all()
    return db.session.get(SignalStamp, student.id)


def live(student, on):
    state = attendance.compute_states([student], on)[student.id]
    return state


def summary(state):
    return (sorted((s.code, s.since, tuple(sorted(s.details.items()))) for s in state.signals),
            sorted((r.code, r.start, r.end, r.hours, r.deadline) for r in state.due),
            state.calendar_missing)


@pytest.fixture
def region(app, make):
    school = make.school(region="midden")
    other = make.school(region="zuid")
    officer = make.user("attendance_officer", schools=[school, other])
    truant = make.student(school, student_number="1", dob=date(2012, 1, 1))
    regular = make.student(other, student_number="2", dob=date(2012, 1, 1))
    return school, other, officer, truant, regular


def test_the_scheduler_stores_the_state_and_readers_read_it(app, region):
    school, _other, officer, truant, regular = region
    load(officer, rows_for("1", MONDAY, 5))
    on = MONDAY + timedelta(days=4)
    assert stamp(truant).on is None  # new and changed students are stale
    assert signal_store.refresh_stale(on) == 2
    assert stamp(truant).on == on and stamp(regular).on == on
    assert signal_store.refresh_stale(on) == 0  # nothing stale: nothing computed again
    stored = signals.state_of(truant, on)
    assert "duo_16h_4w" in {s.code for s in stored.signals}
    assert summary(stored) == summary(live(truant, on))
    [due] = db.session.scalars(select(DueReportState)).all()
    # 4 hours a day: the 16 hours are reached on Thursday.
    assert (due.student_id, due.code, due.end, due.school_id) == (
        truant.id, "duo_16h_4w", MONDAY + timedelta(days=3), school.id)
    # The reports-due list reads the stored rows: no signal is computed for fresh students.
    computed = []
    original = attendance.compute_states
    try:
        attendance.compute_states = lambda s, d: computed.append(s) or original(s, d)
        [row] = signals.reports_due(officer, on)
    finally:
        attendance.compute_states = original
    assert computed == [] and row.student.id == truant.id and row.hours == 16.0


def test_every_input_makes_only_the_students_it_feeds_stale(app, make, region):
    school, other, officer, truant, regular = region
    on = MONDAY + timedelta(days=4)
    admin = make.user("admin")
    cases = [
        (lambda: load(officer, rows_for("1", MONDAY, 1)), {truant}),
        (lambda: students.add_exemption(officer, truant.id, MONDAY, None, "art. 5"), {truant}),
        (lambda: closures.add_closure(admin, None, other.id, MONDAY, MONDAY, "Studiedag"),
         {regular}),
        (lambda: closures.add_closure(admin, "midden", None, MONDAY, MONDAY, "Extra vrij"),
         {truant}),
        (lambda: signals.reports_due(officer, on), set()),  # reading changes nothing
    ]
    for change, stale in cases:
        signal_store.refresh_stale(on)
        change()
        found = {s.id for s in (truant, regular) if stamp(s).on is None}
        assert found == {s.id for s in stale}, change
    signal_store.refresh_stale(on)
    regular.date_of_birth = date(2005, 1, 1)
    db.session.commit()
    assert stamp(regular).on is None and stamp(truant).on == on
    signal_store.refresh_stale(on)
    db.session.add(SchoolTimetable(school_id=school.id, level=None, hours_per_day=4.5,
                                   weekdays="12345"))
    db.session.commit()
    assert stamp(truant).on is None and stamp(regular).on == on


def test_a_change_committed_while_the_scheduler_computes_is_never_hidden(app, region):
    _school, _other, officer, truant, _regular = region
    on = MONDAY + timedelta(days=4)
    versions = signal_store._versions([truant.id])
    state = attendance.compute_states([truant], on)
    load(officer, rows_for("1", MONDAY, 5))  # commits while the old state is in hand
    signal_store.store([truant], on, state, versions)
    db.session.commit()
    assert stamp(truant).on is None
    assert "duo_16h_4w" in {s.code for s in signals.state_of(truant, on).signals}


def test_an_ended_signal_keeps_its_episode_with_its_last_day(app, region):
    _school, _other, officer, truant, _regular = region
    load(officer, rows_for("1", MONDAY, 5, kind="luxury"))
    friday = MONDAY + timedelta(days=4)
    signal_store.refresh_stale(friday)
    later = friday + timedelta(days=60)
    signal_store.refresh_stale(later)
    episodes = {e.code: e for e in db.session.scalars(select(SignalEpisode))}
    assert episodes["duo_luxury"].since == MONDAY
    assert episodes["duo_luxury"].until == later - timedelta(days=1)
    assert "duo_luxury" not in {s.code for s in signals.state_of(truant, later).signals}


def test_reading_fresh_reports_costs_the_same_queries_whatever_the_number(app, make):
    school = make.school(region="midden")
    officer = make.user("attendance_officer", schools=[school])
    on = MONDAY + timedelta(days=4)

    def queries(size):
        start = len(list(db.session.scalars(select(SignalStamp.student_id))))
        text = ""
        for n in range(start, start + size):
            make.student(school, student_number=f"n{n}", dob=date(2012, 1, 1))
            text += rows_for(f"n{n}", MONDAY, 5)
        load(officer, text)
        signal_store.refresh_stale(on)
        with make.statements() as sent:
            due = signals.reports_due(officer, on)
        return len(sent), len(due)

    small, small_due = queries(3)
    large, large_due = queries(30)
    assert (small_due, large_due) == (3, 33)
    assert small == large


def test_the_roster_import_stamps_new_students_and_makes_changed_ones_stale(app, make):
    """Every student has a stamp from the start (readers find the stale ones from the
    stamps alone), also those the roster import adds in bulk beside the ORM; an import
    that changes what the rules read makes that student stale, a new name does not."""
    from coordination.students import importer as roster

    school = make.school(region="midden")
    officer = make.user("attendance_officer", schools=[school])
    on = MONDAY + timedelta(days=4)

    def import_roster(*rows):
        text = "student_number,given_name,family_name,date_of_birth,school_id,level\n"
        result = roster.import_roster(officer, io.StringIO(text + "".join(
            f"{number},{given},Jansen,{born},{school.id},vmbo-k\n"
            for number, given, born in rows)))
        assert not result.errors, result.errors

    import_roster(("r1", "Ada", "2012-01-01"), ("r2", "Bo", "2012-01-01"))
    added = {s.student_number: s for s in db.session.scalars(
        select(Student).where(Student.school_id == school.id))}
    assert [stamp(added[n]).on for n in ("r1", "r2")] == [None, None]
    load(officer, rows_for("r1", MONDAY, 5))
    # Stale, not yet stored: computed for the reader.
    assert [row.student.student_number for row in signals.reports_due(officer, on)] == ["r1"]
    signal_store.refresh_stale(on)
    assert [row.student.student_number for row in signals.reports_due(officer, on)] == ["r1"]
    import_roster(("r1", "Ada", "2012-01-01"), ("r2", "Bo", "2005-01-01"))
    assert (stamp(added["r1"]).on, stamp(added["r2"]).on) == (on, None)
    signal_store.refresh_stale(on)
    import_roster(("r1", "Adaline", "2012-01-01"), ("r2", "Bo", "2005-01-01"))
    assert (stamp(added["r1"]).on, stamp(added["r2"]).on) == (on, on)


def test_the_worklist_reads_its_reports_with_the_same_queries_whatever_the_number(app, make):
    """The coordinator's worklist lists every DUO report due in reach, with the student's
    name and open case: the same queries for 3 reports as for 33, fresh or stale."""
    from coordination.worklist import services as worklist

    school = make.school(region="midden")
    coordinator = make.user("coordinator", schools=[school])
    on = MONDAY + timedelta(days=4)

    def queries(size, refreshed):
        start = len(list(db.session.scalars(select(SignalStamp.student_id))))
        text = ""
        for n in range(start, start + size):
            student = make.student(school, student_number=f"w{n}", dob=date(2012, 1, 1))
            text += rows_for(f"w{n}", MONDAY, 5)
            if n % 2:
                make.case(coordinator, student)
        load(coordinator, text)
        if refreshed:
            signal_store.refresh_stale(on)
        with make.statements() as sent:
            items = worklist.worklist(coordinator, on, school_work=True)
        reports = [item for item in items if item.kind == "report_due"]
        assert all(item.title.endswith(db.session.get(Student, item.student_id).full_name)
                   for item in reports)
        return len(sent), len(reports)

    small, small_due = queries(3, refreshed=True)
    large, large_due = queries(30, refreshed=True)
    assert (small_due, large_due) == (3, 33)
    assert small == large
    _stale, stale_due = queries(5, refreshed=False)  # not yet stored: computed for the reader
    assert stale_due == 38


# --- Hypothesis: any sequence of changes and days ------------------------------------------

KINDS = ("unauthorised", "sick", "luxury", "late")
STEP = st.one_of(
    st.tuples(st.just("absences"), st.sampled_from(("1", "2")), st.integers(0, 40),
              st.integers(1, 12), st.sampled_from(KINDS)),
    st.tuples(st.just("correct"), st.sampled_from(("1", "2")), st.integers(0, 40),
              st.sampled_from(KINDS)),
    st.tuples(st.just("closure"), st.sampled_from(("midden", "school")), st.integers(0, 40),
              st.integers(0, 9)),
    st.tuples(st.just("exemption"), st.integers(0, 40)),
    st.tuples(st.just("leave"), st.integers(0, 40)),
    st.tuples(st.just("report"), st.integers(0, 40)),
    st.tuples(st.just("days"), st.integers(1, 30)),
    st.tuples(st.just("scheduler")),
)


def apply(step, world):
    kind, *args = step
    first = date(2026, 9, 7)
    if kind == "absences":
        number, offset, days, absence = args
        load_quietly(world, rows_for(number, first + timedelta(days=offset), days, absence))
    elif kind == "correct":
        number, offset, absence = args
        load_quietly(world, rows_for(number, first + timedelta(days=offset), 1, absence))
    elif kind == "closure":
        where, offset, length = args
        day = first + timedelta(days=offset)
        closures.add_closure(world["admin"], "midden" if where == "midden" else None,
                             None if where == "midden" else world["school"].id, day,
                             day + timedelta(days=length), "Vrij")
    elif kind == "exemption":
        students.add_exemption(world["officer"], world["truant"].id,
                               first + timedelta(days=args[0]), None, "art. 5")
    elif kind == "leave":
        followup.deregister(world["officer"], world["regular"].id,
                            first + timedelta(days=args[0]), "verhuisd")
    elif kind == "report":
        end = first + timedelta(days=args[0])
        signals_report(world, end)
    elif kind == "days":
        world["on"] += timedelta(days=args[0])
    else:
        signal_store.refresh_stale(world["on"])


def load_quietly(world, text):
    if text:
        importer.import_csv(world["officer"],
                            io.StringIO("student_number,date,start,end,kind\n" + text))


def signals_report(world, end):
    if end <= world["on"]:
        duo_reports.record_report(world["officer"], world["truant"].id, "duo_16h_4w",
                                 end - timedelta(days=3), end, world["on"], "VL-1")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                               HealthCheck.too_slow])
@given(steps=st.lists(STEP, max_size=8))
def test_stored_state_always_equals_the_rules(app, make, steps):
    """After any sequence of imports, corrections, calendar changes, exemptions, leaving,
    reports, days passing and scheduler runs: every student whose stored state is for the
    day read holds exactly what the rules compute from the rows, and every read does."""
    school = make.school(region="midden")
    officer = make.user("attendance_officer", schools=[school])
    world = {"school": school, "officer": officer, "admin": make.user("admin"),
             "on": date(2026, 10, 9),
             "truant": make.student(school, student_number="1", dob=date(2012, 1, 1)),
             "regular": make.student(school, student_number="2", dob=date(2011, 9, 1))}
    for step in steps + [("scheduler",)]:
        try:
            apply(step, world)
        except (ValidationError, Conflict):
            pass  # refused input changes nothing
        db.session.rollback()
        for student in (world["truant"], world["regular"]):
            on = world["on"]
            expected = summary(live(student, on))
            assert summary(signals.state_of(student, on)) == expected, step
            if stamp(student).on == on:
                stored = [(e.code, e.since, tuple(sorted(e.details.items())))
                          for e in db.session.scalars(select(SignalEpisode).where(
                              SignalEpisode.student_id == student.id,
                              SignalEpisode.until.is_(None)))]
                assert sorted(stored) == expected[0], step


def test_flask_signals_rebuild_computes_every_student_again(app, region):
    school, _other, _officer, truant, regular = region
    runner = app.test_cli_runner()
    done = runner.invoke(args=["signals", "rebuild"])
    assert done.exit_code == 0 and "signals rebuilt for 2 student(s)" in done.output
    on = stamp(truant).on
    assert on is not None and stamp(regular).on == on
    one = runner.invoke(args=["signals", "rebuild", "--school-id", str(school.id)])
    assert "signals rebuilt for 1 student(s)" in one.output
