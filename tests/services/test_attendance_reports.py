"""DUO reports due: each 16-hour report with its period and deadline; recording one
restarts the count the day after its end (API.md, DOMAIN.md §3)."""
import io
from datetime import date

import pytest
from sqlalchemy import select

from coordination.attendance import duo_reports, importer
from coordination.errors import Forbidden, ValidationError
from coordination.extensions import db
from coordination.signals import due_list
from coordination.signals import services as signals
from coordination.signals import store as signal_store
from coordination.signals.models import SignalStamp
from coordination.students.models import Exemption

ON = date(2026, 11, 6)


def load(officer, number, days, hours="08:30,12:30"):
    text = "student_number,date,start,end,kind\n" + "".join(
        f"{number},{d.isoformat()},{hours},unauthorised\n" for d in days)
    assert importer.import_csv(officer, io.StringIO(text)).imported == len(days)


@pytest.fixture
def truant(make):
    officer = make.user("attendance_officer")
    school = make.school(region="midden")
    officer.schools = [school]
    student = make.student(school, student_number="5", dob=date(2012, 1, 1))
    load(officer, "5", [date(2026, 11, d) for d in range(2, 7)])  # 4 h a day, Mon-Fri
    return officer, student


def due_of(officer, on):
    return [(r.student.id, r.code, r.start, r.end, r.hours, r.deadline)
            for r in signals.reports_due(officer, on)]


def test_a_report_is_due_with_its_period_until_it_is_recorded(app, truant, make):
    officer, student = truant
    assert due_of(officer, ON) == [
        (student.id, "duo_16h_4w", date(2026, 11, 2), date(2026, 11, 5), 16, date(2026, 11, 12))]
    assert signals.reports_due(officer, ON)[0].case_id is None
    case = make.case(make.user("coordinator"), student)
    assert signals.reports_due(officer, ON)[0].case_id == case.id
    report = duo_reports.record_report(officer, student.id, "duo_16h_4w", date(2026, 11, 2),
                                    date(2026, 11, 5), ON, "VZL-2026-001")
    assert (report.case_id, report.start, report.end) == (case.id, date(2026, 11, 2),
                                                          date(2026, 11, 5))
    assert signals.reports_due(officer, ON) == []
    assert [r.reference for r in duo_reports.reports_of(student.id)] == ["VZL-2026-001"]


def test_counting_restarts_the_day_after_the_recorded_end(app, truant):
    officer, student = truant
    duo_reports.record_report(officer, student.id, "duo_16h_4w", date(2026, 11, 2),
                           date(2026, 11, 5), ON, "VZL-1")
    load(officer, "5", [date(2026, 11, d) for d in (9, 10, 11, 12)])
    # 6 Nov + 9-11 Nov = 16 h on 11 Nov; at most one report per 7 days: it ends on 12 Nov.
    assert due_of(officer, date(2026, 11, 12)) == [
        (student.id, "duo_16h_4w", date(2026, 11, 6), date(2026, 11, 12), 20,
         date(2026, 11, 19))]
    found, _missing = signals.student_signals(officer, student.id, date(2026, 11, 10))
    assert "duo_16h_4w" not in {s.code for s in found}  # 12 h since the report


def test_no_report_for_an_adult_or_while_an_exemption_holds(app, make):
    officer = make.user("attendance_officer")
    school = make.school(region="midden")
    officer.schools = [school]
    make.student(school, student_number="19", dob=date(2007, 1, 1))
    exempt = make.student(school, student_number="14", dob=date(2012, 1, 1))
    db.session.add(Exemption(student_id=exempt.id, first=date(2026, 9, 1), last=None,
                             reason="art. 5 sub a"))
    db.session.commit()
    for number in ("19", "14"):
        load(officer, number, [date(2026, 11, d) for d in range(2, 7)])
    assert due_of(officer, ON) == []


def test_reports_are_validated_and_only_for_coordinators_and_officers(app, truant, make):
    officer, student = truant
    with pytest.raises(ValidationError) as caught:
        duo_reports.record_report(officer, student.id, "problematic_25pct_2w", None,
                               date(2026, 11, 5), None, "")
    assert set(caught.value.fields) == {"code", "start", "reported_on", "reference"}
    with pytest.raises(ValidationError) as caught:
        duo_reports.record_report(officer, student.id, "duo_16h_4w", date(2026, 11, 5),
                               date(2026, 11, 2), ON, "VZL")
    assert set(caught.value.fields) == {"end"}
    with pytest.raises(Forbidden):
        signals.reports_due(make.user("professional"), ON)


def test_signals_say_when_the_school_has_no_holidays_that_school_year(app, truant, make):
    officer, student = truant
    assert signals.student_signals(officer, student.id, ON)[1] is False
    other = make.student(make.school(region="noord"), student_number="7", dob=date(2012, 1, 1))
    officer.schools = [student.school, other.school]
    db.session.commit()
    assert signals.student_signals(officer, other.id, ON)[1] is True


def test_the_region_may_report_adults_too(app, make):
    officer = make.user("attendance_officer")
    school = make.school(region="midden")
    officer.schools = [school]
    make.student(school, student_number="19", dob=date(2007, 1, 1))
    load(officer, "19", [date(2026, 11, d) for d in range(2, 7)])
    assert due_of(officer, ON) == []
    app.config["DUO_REPORT_ADULTS"] = True
    assert [row[1] for row in due_of(officer, ON)] == ["duo_16h_4w"]


def test_the_reports_page_links_only_to_cases_the_reader_is_on(app, client, make):
    """Issue 11: the list linked to cases the attendance officer is not on (404)."""
    school = make.school(region="midden")
    officer = make.user("attendance_officer", schools=[school])
    student = make.student(school, student_number="88", dob=date(2012, 1, 1))
    case = make.case(make.user("coordinator"), student)
    text = "student_number,date,start,end,kind\n" + "".join(
        f"88,2026-11-0{d},08:30,12:30,unauthorised\n" for d in range(2, 7))
    assert importer.import_csv(officer, io.StringIO(text)).imported == 5
    [row] = [r for r in signals.reports_due(officer, date(2026, 11, 9))
             if r.student.id == student.id and r.code == "duo_16h_4w"]
    assert (row.case_id, row.case_visible) == (case.id, False)
    make.login(client, officer)
    page = client.get("/attendance/reports").get_data(as_text=True)  # today: still due
    assert student.full_name in page
    assert f'href="/cases/{case.id}"' not in page


@pytest.mark.parametrize("walk_from", [due_list.WALK_FROM, 0])
def test_the_reports_page_pages_stored_and_stale_rows_as_the_whole_list(app, make, monkeypatch,
                                                                        walk_from):
    """Issue 12: the page is counted, filtered and paged by the database over the stored
    rows, with the stale students (changed since the scheduler's tick) merged in: every
    page under every filter is the slice of the whole list that passes it; the same
    whether the reach's rows are sorted or (past WALK_FROM) walked in the list's order."""
    monkeypatch.setattr(due_list, "WALK_FROM", walk_from)
    north, south = make.school(region="midden"), make.school(region="midden")
    officer = make.user("attendance_officer", schools=[north, south])
    week = [date(2026, 11, d) for d in range(2, 7)]
    early = [date(2026, 10, d) for d in range(12, 17)]
    for n in range(7):
        make.student(north if n % 3 else south, student_number=f"a{n}", dob=date(2012, 1, 1))
        load(officer, f"a{n}", early if n == 2 else week,
             "08:30,16:30" if n % 2 else "08:30,12:30")
    signal_store.refresh_stale(ON)  # the scheduler's tick: these are read from the store
    for n in range(4):  # changed after the tick: computed by the reader
        make.student(south if n % 2 else north, student_number=f"b{n}", dob=date(2012, 1, 1))
        load(officer, f"b{n}", week, "08:30,16:30" if n < 2 else "08:30,12:30")
    fresh = db.session.scalars(select(SignalStamp.student_id).where(SignalStamp.on == ON))
    assert len(set(fresh)) == 7  # 7 read from the store, 4 computed
    whole = signals.reports_due(officer, ON)
    key = [(r.end, r.student_id, r.code) for r in whole]
    assert key == sorted(key) and len(whole) == 11
    filters = [due_list.DueFilter(), due_list.DueFilter(school_id=south.id),
               due_list.DueFilter(code="duo_16h_4w", deadline="week"),
               due_list.DueFilter(deadline="overdue"), due_list.DueFilter(code="rmc_28d")]
    for where in filters:
        kept = [(r.student_id, r.code, r.end) for r in whole if where.keeps(r, ON)]
        shown = []
        for number in (1, 2, 3, 4):
            total, schools, page = due_list.reports_due_page(officer, ON, number, where, 3)
            assert (total, schools) == (11, {north.id, south.id})
            assert page.total == len(kept)
            if number <= page.pages:
                assert page.number == number
                shown += [(r.student.id, r.code, r.end) for r in page.items]
        assert shown == kept, where
    assert any(r.overdue(ON) for r in whole) and not all(r.overdue(ON) for r in whole)


def test_the_page_reads_the_stored_rows_of_each_arm_of_the_reach_by_index(app, make):
    """Issue 12 (bench/RESULTS.md §9b): the stored rows are selected by the reach on their
    own columns: the linked school's, the residents of a linked municipality elsewhere
    and the students of the reader's cases are listed, no one else; on SQLite the page's
    counts do not walk every stored row of the region."""
    from sqlalchemy import event

    linked, other = make.school(region="midden"), make.school(region="midden")
    loader = make.user("attendance_officer", schools=[linked, other])
    officer = make.user("attendance_officer", schools=[linked], municipalities=["Zeist"])
    week = [date(2026, 11, d) for d in range(2, 7)]
    at = {}
    for name, school, town in (("linked", linked, "Utrecht"), ("resident", other, "Zeist"),
                               ("case", other, "Utrecht"), ("outside", other, "Utrecht")):
        at[name] = make.student(school, student_number=name, dob=date(2012, 1, 1),
                                municipality=town)
        load(loader, name, week)
    make.case(officer, at["case"])  # the officer is on this student's case
    signal_store.refresh_stale(ON)
    sent = []

    def listen(_conn, _cursor, statement, parameters, *_args):
        sent.append((statement, parameters))
    event.listen(db.engine, "before_cursor_execute", listen)
    try:
        total, schools, page = due_list.reports_due_page(officer, ON, 1)
    finally:
        event.remove(db.engine, "before_cursor_execute", listen)
    students = {r.student.id for r in page.items}
    assert students == {at[n].id for n in ("linked", "resident", "case")}
    assert total == len(page.items) and schools == {linked.id, other.id}
    assert [(r.student.id, r.code, r.end) for r in page.items] == [
        (r.student.id, r.code, r.end) for r in signals.reports_due(officer, ON)]
    if db.engine.dialect.name != "sqlite":
        return
    stored = [(s, p) for s, p in sent if "FROM due_report_states" in s and "count(" in s]
    assert stored
    for statement, parameters in stored:
        plan = [row[3] for row in db.session.connection().exec_driver_sql(
            "EXPLAIN QUERY PLAN " + statement, parameters)]
        assert not any(step.startswith("SCAN due_report_states") for step in plan), plan
