"""Hypothesis on both CSV importers through their service entry points (issue 9): random
bytes and text, long fields, odd encodings. No exception escapes, and an import with
errors stores nothing."""
import io
from datetime import date

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from coordination.attendance import importer
from coordination.attendance import uploads as attendance
from coordination.extensions import db
from coordination.followup import importer as followup

pytestmark = pytest.mark.slow

EXAMPLES = 60
TODAY = date(2026, 10, 5)

FIELD = (st.sampled_from(["S1", "S2", "2026-10-01", "2026-10-03", "0001-01-01", "9999-12-31",
                          "09:00", "10:30", "24:00", "luxury", "unauthorised", "sick", "",
                          "Sam1", "de Vries", "2011-05-01", "moved", "a\x00b", "x" * 5000,
                          "y" * 140_000, '"', "\ufeff", "é", "\u2028"])
         | st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=20))
ATTENDANCE_HEADERS = st.sampled_from([",".join(importer.COLUMNS), "student_number,date",
                                      "", "kind,end,start,date,student_number"])
FOLLOWUP_HEADERS = st.sampled_from(["given_name,family_name,date_of_birth,left_on,reason",
                                    "student_number,school_brin,left_on",
                                    "given_name,family_name,date_of_birth,bogus", ""])
ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "latin-1", "utf-16", "cp1252"])


def csv_bytes(headers):
    rows = st.lists(st.lists(FIELD, max_size=6).map(",".join), max_size=8)
    text_file = st.tuples(headers, rows, ENCODINGS).map(
        lambda t: "\n".join([t[0], *t[1]]).encode(t[2], errors="replace"))
    return text_file | st.binary(max_size=300) | st.tuples(headers, st.binary(max_size=200)).map(
        lambda t: t[0].encode() + b"\n" + t[1])


def counts(*models):
    with db.engine.connect() as conn:
        return [conn.execute(sa.select(sa.func.count()).select_from(m.__table__)).scalar()
                for m in models]


@pytest.fixture
def region(app, make):
    school = make.school()
    coordinator = make.user("coordinator")
    coordinator.schools.append(school)
    db.session.commit()
    make.student(school, student_number="S1", given_name="Sam1", dob=date(2011, 5, 1))
    make.student(school, student_number="S2")
    return coordinator


@settings(max_examples=EXAMPLES, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.data_too_large])
@given(data=csv_bytes(ATTENDANCE_HEADERS))
@example(data=b"student_number,date,start,end,kind\nS1,2026-10-01,09:00,10:00," + b"y" * 140_000)
@example(data=b"student_number,date,start,end,kind\nS1\x00,2026-10-01,09:00,10:00,sick")
def test_attendance_import_of_any_file_reports_and_stores_nothing_on_errors(region, data):
    from coordination.attendance.models import Absence, AttendanceImport

    before = counts(Absence, AttendanceImport)
    result = attendance.import_file(region, io.BytesIO(data), filename="fuzz.csv")
    db.session.rollback()
    if result.error_count:
        assert result.errors and counts(Absence, AttendanceImport) == before


@settings(max_examples=EXAMPLES, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.data_too_large])
@given(data=csv_bytes(FOLLOWUP_HEADERS))
@example(data=b"given_name,family_name,date_of_birth\n" + b"y" * 140_000 + b",x,2011-05-01")
@example(data=b"given_name,family_name,date_of_birth\nSa\x00m,x,2011-05-01")
@example(data=b"student_number,school_brin\nS\x001,12AB")
def test_followup_import_of_any_text_reports_and_stores_nothing_on_errors(region, data):
    from coordination.cases.models import Case
    from coordination.followup.models import Deregistration

    lines = io.StringIO(data.decode("utf-8", errors="replace"), newline="")
    before = counts(Case, Deregistration)
    result = followup.import_list(region, lines, TODAY)
    db.session.rollback()
    if result.errors:
        assert counts(Case, Deregistration) == before
