"""The SQLite import of a plain file (attendance/plainfile.py) has the outcome of the
row-by-row import on every file: the same counts, the same row errors and the same stored
rows, byte for byte; files it does not handle are left to the row-by-row import."""
import io
from datetime import date

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from coordination.attendance import importer, plainfile
from coordination.extensions import db

HEADERS = ["student_number,date,start,end,kind", "student_number,date,start,end,kind",
           "leerlingnummer;datum;begin;eind;soort",
           "date,start,end,kind,student_number", "date,student_number,start,end,kind",
           "Student_Number , date,start,end,kind", "student_number,date,start,end"]
NUMBERS = ["1001", "1002", " 1001", "1001 ", "9999", "3003", "", "1001\u3000"]
DAYS = ["2026-11-02", "2026-11-03", "2026-11-04", " 2026-11-02", "2026-11-07", "2026-10-20",
        "2027-01-05", "02-11-2026", "2026-02-30", "1980-01-01"]
TIMES = ["08:30", "09:30", "10:30", "11:00", "8:30", "24:00", " 09:30"]
KINDS = ["sick", "unauthorised", "leave", "SICK", " ziek", "te_laat", "truant", "Verlof"]
ENDINGS = ["\n", "\r\n", "\r"]
ANY = {"student_number": NUMBERS, "date": DAYS, "start": TIMES, "end": TIMES, "kind": KINDS}
# Values the import accepts, for files that are mostly clean.
GOOD = {"student_number": NUMBERS[:4], "date": DAYS[:4], "kind": KINDS[:6]}
GOOD_TIMES = [("08:30", "09:30"), ("09:30", "10:30"), ("08:30", "11:00"), (" 09:30", "10:30")]


@st.composite
def files(draw):
    header = draw(st.sampled_from(HEADERS))
    delimiter = ";" if header.count(";") > header.count(",") else ","
    names = [importer.DUTCH_COLUMNS.get(n.strip().lower(), n.strip().lower())
             for n in header.split(delimiter)]
    rows, clean = [], draw(st.booleans())
    for _ in range(draw(st.integers(0, 8))):
        good = clean and draw(st.integers(0, 9)) > 0
        choices = GOOD if good else ANY
        values = {name: draw(st.sampled_from(c)) for name, c in choices.items()}
        if good:
            values["start"], values["end"] = draw(st.sampled_from(GOOD_TIMES))
        row = [values.get(n, "x") for n in names]
        if not clean and draw(st.integers(0, 9)) == 0:
            row[0] = f'"{row[0]}"'
        if not clean and draw(st.integers(0, 12)) == 0:
            row = row[:-1]
        rows.append((values["date"].strip(), "" if draw(st.integers(0, 12)) == 0
                     else delimiter.join(row)))
    if draw(st.booleans()):  # in day order, as registration systems export
        rows.sort(key=lambda r: r[0])
    lines = [header] + [line for _day, line in rows]
    ending = "\n"
    if draw(st.integers(0, 5)) == 0:
        ending = draw(st.sampled_from(ENDINGS))
    text = ending.join(lines) + ("" if draw(st.booleans()) else ending)
    if draw(st.integers(0, 8)) == 0:
        text = "\ufeff" + text
    # A small block: the plain path reads the file in several.
    return text, draw(st.sampled_from(["text", "bytes", "lines"])), draw(st.sampled_from(
        [plainfile.BLOCK, 50]))


def source(text, kind):
    if kind == "bytes":
        return io.BytesIO(text.encode("utf-8"))
    if kind == "lines":
        return text.splitlines(keepends=True)  # not rewindable: row by row
    return io.StringIO(text)


def outcome(actor, text, kind, block, monkeypatch, plain):
    """The import's result and the rows it stored (as SQLite holds them), rolled back."""
    monkeypatch.setattr(plainfile, "BLOCK", block)
    if not plain:
        monkeypatch.setattr(importer, "_stage_plain", lambda *args: None)
    monkeypatch.setattr(db.session, "commit", db.session.flush)
    try:
        result = importer.import_csv(actor, source(text, kind))
        rows = db.session.execute(sa.text(
            'SELECT id, student_id, day, start, "end", kind, corrects_id, source, import_id, '
            "withdrawn, typeof(day), typeof(start) FROM absences ORDER BY id")).all()
        return (result.imported, result.duplicates, result.corrected, result.error_count,
                result.errors, rows)
    finally:
        monkeypatch.undo()
        db.session.rollback()


@pytest.fixture
def stored(app, make):
    """A coordinator of one school, with absences stored before (duplicates, corrections
    and overlaps for the generated files), and a second school with its own student."""
    if db.engine.dialect.name != "sqlite":
        pytest.skip("the plain path is SQLite's (PostgreSQL imports every file row by row)")
    school = make.school(region="midden")
    make.student(school, student_number="1001", dob=date(2012, 3, 1))
    make.student(school, student_number="1002", dob=date(2012, 3, 1))
    make.student(make.school(region="midden"), student_number="3003", dob=date(2012, 3, 1))
    actor = make.user("coordinator", schools=[school])
    result = importer.import_csv(actor, io.StringIO(
        "student_number,date,start,end,kind\n1001,2026-11-03,08:30,09:30,sick\n"
        "1002,2026-11-04,09:30,11:00,late\n"))
    assert result.imported == 2
    return actor, make.user("admin")


@settings(max_examples=150, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(file=files(), by_admin=st.booleans())
@example(file=("student_number,date,start,end,kind\n1001,2026-11-02,08:30,09:30,sick\n"
               "1001,2026-11-02,09:30,10:30,sick\n", "bytes", 50), by_admin=False)
@example(file=("student_number,date,start,end,kind\r\n1001,2026-11-02,08:30,09:30,sick\r\n"
               "1001,2026-11-02,08:30,09:30,sick\r\n", "text", 50), by_admin=False)
@example(file=("student_number,date,start,end,kind\n1001,2026-11-03,08:30,09:30,leave\n",
               "text", 50), by_admin=False)
def test_a_plain_file_has_the_outcome_of_the_row_by_row_import(stored, monkeypatch, file,
                                                                by_admin):
    coordinator, admin = stored
    actor = admin if by_admin else coordinator
    assert outcome(actor, *file, monkeypatch, True) == outcome(actor, *file, monkeypatch, False)


def test_a_clean_file_is_stored_by_the_plain_path_with_its_row_numbers(app, make, monkeypatch):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("the plain path is SQLite's")
    school = make.school(region="midden")
    make.student(school, student_number="1001", dob=date(2012, 3, 1))
    actor = make.user("coordinator", schools=[school])
    calls = []
    monkeypatch.setattr(plainfile, "store", lambda *a, f=plainfile.store: calls.append(1) or f(*a))
    text = ("\ufeffstudent_number,date,start,end,kind\r\n1001,2026-11-02,08:30,09:30,ziek\r\n"
            "\r\n1001,2026-11-02,09:30,10:30,sick\r\n")
    result = importer.import_csv(actor, io.BytesIO(text.encode()))
    assert (result.imported, result.errors, calls) == (2, [], [1])
    # An overlap with a stored row: copied into the merge's staging, reported by row.
    result = importer.import_csv(actor, io.BytesIO(
        b"student_number,date,start,end,kind\n1001,2026-11-03,08:30,09:30,sick\n\n"
        b"1001,2026-11-02,09:00,10:00,late\n"))
    assert [e["row"] for e in result.errors] == [4]
    assert calls == [1]
