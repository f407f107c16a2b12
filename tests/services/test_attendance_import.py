"""Importing the registration: all or nothing, duplicates counted, order does not matter."""
import io
from datetime import date, time

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coordination.attendance import importer, services
from coordination.attendance.holidays import REGION_HOLIDAYS
from coordination.attendance.models import Absence
from coordination.errors import Forbidden
from coordination.extensions import db
from coordination.rules.calendar import SchoolCalendar
from coordination.rules.signals import Absence as RuleAbsence
from coordination.rules.signals import signals_on

HEADER = "student_number,date,start,end,kind\n"


def run(actor, text, **kw):
    return importer.import_csv(actor, io.StringIO(text), **kw)


def count():
    return db.session.scalar(sa.select(sa.func.count(Absence.id)))


@pytest.fixture
def setup(make):
    school = make.school(region="midden")
    student = make.student(school, student_number="1001", dob=date(2012, 3, 1))
    return make.user("coordinator", schools=[school]), school, student


def test_a_clean_file_is_imported_and_a_second_time_only_counted(app, setup):
    actor, school, student = setup
    text = HEADER + "1001,2026-11-02,08:30,10:30,unauthorised\n1001,2026-11-03,09:00,12:00,sick\n"
    result = run(actor, text)
    assert (result.imported, result.duplicates, result.errors) == (2, 0, [])
    again = run(actor, text + "1001,2026-11-04,08:30,09:30,late\n")
    assert (again.imported, again.duplicates) == (1, 2)
    assert count() == 3


def test_one_bad_row_stores_nothing_and_every_bad_row_is_reported(app, setup):
    actor, school, student = setup
    text = HEADER + "\n".join([
        "1001,2026-11-02,08:30,10:30,unauthorised",   # row 2: fine
        "9999,2026-11-02,08:30,10:30,unauthorised",   # 3: unknown student
        "1001,2026-11-02,10:30,08:30,sick",           # 4: end before start
        "1001,2026-11-02,08:30,10:30,truant",         # 5: unknown kind
        "1001,2026-10-20,08:30,10:30,sick",           # 6: autumn holiday
        "1001,2026-11-02,8.30,10:30,sick",            # 7: malformed time
        "1001,02-11-2026,08:30,10:30,sick",           # 8: malformed date
        "1001,2026-11-07,08:30,10:30,sick",           # 9: Saturday
    ]) + "\n"
    result = run(actor, text)
    assert [e["row"] for e in result.errors] == [3, 4, 5, 6, 7, 8, 9]
    assert all(e["message"] for e in result.errors)
    assert result.imported == 0 and count() == 0


def test_an_unknown_column_is_an_error(app, setup):
    result = run(setup[0], "student_number,date,start,end,kind,remark\n1001,2026-11-02,08:30,10:30,sick,x\n")
    assert result.errors[0]["row"] == 1 and "remark" in result.errors[0]["message"]
    assert count() == 0


@pytest.mark.parametrize("role, allowed", [("admin", True), ("attendance_officer", True),
                                           ("professional", False), ("parent", False)])
def test_who_may_import(app, setup, make, role, allowed):
    text = HEADER + "1001,2026-11-02,08:30,10:30,sick\n"
    user = make.user(role, schools=[setup[1]] if role != "parent" else [])
    if allowed:
        assert run(user, text).imported == 1
    else:
        with pytest.raises(Forbidden):
            run(user, text)


MIDDEN = SchoolCalendar(REGION_HOLIDAYS["midden"])
# In the past (a missed lesson cannot be imported ahead), across the autumn holiday.
DAYS = MIDDEN.school_days(date(2026, 10, 5), date(2026, 11, 20))
# One kind per lesson hour: rows of one file never overlap at other times.
rows = st.dictionaries(st.tuples(st.sampled_from(DAYS), st.integers(8, 14)),
                       st.sampled_from(["unauthorised", "sick", "luxury", "suspended"]),
                       min_size=1, max_size=40).map(
    lambda d: [(day, h, 1, kind) for (day, h), kind in d.items()])


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows, st.randoms(use_true_random=False), st.integers(1, 4))
def test_signals_do_not_depend_on_row_order_or_on_splitting_the_file(app, make, sample, rnd, parts):
    student = make.student(make.school(region="midden"), dob=date(2012, 3, 1))
    actor = make.user("coordinator", schools=[student.school])
    number = student.student_number
    lines = [f"{number},{d.isoformat()},{h:02d}:00,{h + n:02d}:00,{k}" for d, h, n, k in sample]
    rnd.shuffle(lines)
    for i in range(parts):
        assert not run(actor, HEADER + "\n".join(lines[i::parts]) + "\n").errors
    expected = {RuleAbsence(d, time(h), time(h + n), k) for d, h, n, k in sample}
    for on in (date(2026, 10, 16), date(2026, 11, 2), date(2026, 11, 20)):
        assert services.signals_for_student(student, on) == signals_on(
            on, expected, MIDDEN, student.date_of_birth, False)


def test_a_student_outside_reach_is_reported_like_an_unknown_number(app, setup, make):
    """Side door 2 (issue 9): a coordinator of another school stores nothing for this
    student and learns nothing about which numbers exist."""
    other_school = make.school(region="midden")
    outsider = make.user("coordinator", schools=[other_school])
    make.student(other_school, student_number="2002")
    text = HEADER + "1001,2026-11-02,08:30,10:30,luxury\n"
    hidden = run(outsider, text).errors
    unknown = run(outsider, text.replace("1001", "9999")).errors
    assert [e["row"] for e in hidden] == [2]
    assert hidden[0]["message"] == unknown[0]["message"].replace("9999", "1001")
    assert count() == 0


def test_attendance_officers_import_for_the_residents_of_their_municipality(app, make):
    school = make.school(region="midden")
    make.student(school, student_number="1001", municipality="Zeist")
    make.student(school, student_number="1002", municipality="Utrecht")
    officer = make.user("attendance_officer", municipalities=["Zeist"])
    ok = run(officer, HEADER + "1001,2026-11-02,08:30,10:30,sick\n")
    refused = run(officer, HEADER + "1002,2026-11-02,08:30,10:30,sick\n")
    assert (ok.imported, [e["row"] for e in refused.errors]) == (1, [2])


def test_the_same_times_with_another_kind_is_a_correction_and_the_old_row_stays(app, setup):
    actor, school, student = setup
    run(actor, HEADER + "1001,2026-11-02,08:30,10:30,unauthorised\n")
    result = run(actor, HEADER + "1001,2026-11-02,08:30,10:30,sick\n")
    assert (result.imported, result.corrected, result.duplicates) == (0, 1, 0)
    assert count() == 2
    current = db.session.scalars(services.effective_absences().where(
        Absence.student_id == student.id)).all()
    assert [a.kind for a in current] == ["sick"]
    # Sending either row again changes nothing: both are stored.
    for kind in ("sick", "unauthorised"):
        again = run(actor, HEADER + f"1001,2026-11-02,08:30,10:30,{kind}\n")
        assert (again.imported, again.corrected, again.duplicates) == (0, 0, 1)
    assert count() == 2
    # Both kinds for the same lesson in one file: which one is meant? A row error.
    both = run(actor, HEADER + "1001,2026-11-02,08:30,10:30,late\n"
                               "1001,2026-11-02,08:30,10:30,leave\n")
    assert [e["row"] for e in both.errors] == [3]


def test_an_absence_overlapping_a_stored_one_at_other_times_is_a_row_error(app, setup):
    """Rows overlapping a stored absence were counted twice before (issue 9, side door 2)."""
    actor, school, student = setup
    run(actor, HEADER + "1001,2026-11-02,08:30,10:30,unauthorised\n")
    result = run(actor, HEADER + "1001,2026-11-03,08:30,10:30,sick\n"
                                 "1001,2026-11-02,09:30,11:30,unauthorised\n")
    assert [e["row"] for e in result.errors] == [3] and "08:30" in result.errors[0]["message"]
    assert count() == 1


def test_rows_of_one_file_that_overlap_each_other_are_row_errors(app, setup):
    actor, school, student = setup
    result = run(actor, HEADER + "1001,2026-11-02,08:30,10:30,unauthorised\n"
                                 "1001,2026-11-02,08:30,10:30,unauthorised\n"
                                 "1001,2026-11-02,10:00,11:00,unauthorised\n"
                                 "1001,2026-11-02,08:30,10:30,sick\n")
    assert [e["row"] for e in result.errors] == [4, 5] and count() == 0


def test_a_row_twice_in_one_file_is_stored_once_and_nothing_stays_staged(app, setup, make):
    """The merge skips its duplicate and correction queries when the file is all new
    (merge.survey): a file that is all new, one with a row twice, and one that mixes new
    days with stored ones give what the rules say, and leave no staged row behind."""
    actor, school, student = setup
    other = make.student(school, student_number="1002", dob=date(2012, 5, 1))
    new = run(actor, HEADER + "1001,2026-11-02,08:30,10:30,unauthorised\n"
                              "1002,2026-11-02,08:30,10:30,sick\n")
    assert (new.imported, new.duplicates, new.corrected, new.errors) == (2, 0, 0, [])
    twice = run(actor, HEADER + "1001,2026-11-03,08:30,10:30,late\n"
                                "1001,2026-11-03,08:30,10:30,late\n")
    assert (twice.imported, twice.duplicates, twice.errors) == (1, 1, [])
    mixed = run(actor, HEADER + "1002,2026-11-04,08:30,10:30,late\n"       # new
                                "1001,2026-11-02,08:30,10:30,unauthorised\n"  # stored
                                "1002,2026-11-02,08:30,10:30,unauthorised\n"  # correction
                                "1002,2026-11-04,08:30,10:30,late\n")      # twice
    assert (mixed.imported, mixed.duplicates, mixed.corrected) == (1, 2, 1)
    assert count() == 5
    corrected = db.session.scalar(sa.select(Absence).where(
        Absence.student_id == other.id, Absence.corrects_id.is_not(None)))
    assert (corrected.day, corrected.kind) == (date(2026, 11, 2), "unauthorised")
    staged = db.session.execute(sa.text("SELECT count(*) FROM absence_staging")).scalar()
    assert staged == 0


def test_dutch_column_names_kinds_and_semicolons(app, setup):
    actor, school, student = setup
    result = run(actor, "leerlingnummer;datum;begin;eind;soort\n"
                        "1001;2026-11-02;08:30;10:30;ongeoorloofd\n"
                        "1001;2026-11-03;08:30;10:30;twijfelachtig_ziek\n")
    assert (result.imported, result.errors) == (2, [])


def test_a_field_beyond_the_limit_is_a_row_error(app, setup):
    actor, school, student = setup
    long_field = "x" * 200_000  # beyond the csv module's own limit, too
    result = run(actor, HEADER + "1001,2026-11-02,08:30,10:30,sick\n"
                                 f"{long_field},2026-11-02,08:30,10:30,sick\n"
                                 '1001,2026-11-03,08:30,10:30,"' + "y" * 5000 + '"\n'
                                 "1001,2026-11-04,08:30,10:30,sick\n")
    assert [e["row"] for e in result.errors] == [3, 4] and count() == 0
