"""The SQLite import of a plain attendance file, with per-value rather than per-row work
(issue 12: the import within 3× of the raw limit).

A plain file is what registration systems export: one row a line, no quotes, lines
ending in "\\n" or "\\r\\n", UTF-8 (or a text stream), no NUL, the student number as the
first or last column; read from a stream that can be rewound (an upload is a stored
file). It is read a block of lines at a time with str methods: each line splits into its
student number and "the rest" (date, times, kind, as written), and both are looked up in
dictionaries filled once per distinct value by the importer's own checks
(`rowcheck.RowParser`): a file of 100,000 rows holds a few thousand distinct numbers and a
few thousand distinct rests. A row is staged as two integers, its row number and a sort
key packing (student id, day, start, end, kind) in the order of `absences`' indexes, a
block at a time through SQLite's json_each; the stored text of each distinct (day,
start, end, kind) is staged once, bound as SQLAlchemy binds it, so what is stored is
byte for byte what the row-by-row import stores.

The outcome is the row-by-row import's whenever this path finishes; it gives up
(`Abandon`) at the first thing it does not handle (quotes, a lone "\\r", an overlong or
undecodable line, a bad value, an unknown student, a day that is not a school day, a key
that does not fit), and the caller rewinds the file and runs the row-by-row import,
which reports the row errors. Nothing is written before the merge but this connection's
TEMP tables, dropped either way.

Once staged: rows of the file overlapping each other are found from the sorted keys (two
rows of a student and day overlap only if two neighbours in key order do), in Python
while staging a file in day order, else by one query; absences stored on a student and
day of the file by one query over the file's students between its first and last day.
When neither exists (new days: the usual file), the rows go into `absences` in one
INSERT … SELECT in key order; otherwise they are copied into `merge.Staging` and merged
as every other import.
"""
import json
import operator
import sqlite3
from datetime import datetime
from itertools import repeat

from sqlalchemy import (
    Column,
    Date,
    Integer,
    MetaData,
    String,
    Table,
    bindparam,
    insert,
    literal_column,
    select,
)
from sqlalchemy.schema import CreateIndex, CreateTable, DropTable, Index

from coordination.attendance import merge, plainkeys
from coordination.attendance.plainkeys import (
    DAY_SHIFT,
    END_SHIFT,
    START_SHIFT,
    STUDENT_SHIFT,
    TIME_MASK,
    VALUES_MASK,
    Abandon,
)
from coordination.extensions import db
from coordination.signals.invalidation import invalidate
from coordination.validation import date_range

BLOCK = 256 * 1024  # bytes or characters read at a time
JSON = sqlite3.sqlite_version_info >= (3, 38, 0)  # json_each built in

KEYED = Table("absence_keys", MetaData(),
              Column("row", Integer, primary_key=True),
              Column("key", Integer, nullable=False), schema="temp")
STUDENTS = Table("absence_students", MetaData(),
                 Column("student_id", Integer, primary_key=True), schema="temp")
# DATE like absences.day (the same column affinity), so that a.day = d.day uses the key.
DAYS = Table("absence_days", MetaData(), Column("day", Date, primary_key=True),
             Column("number", Integer, nullable=False), schema="temp")
KEYED_INDEX = Index("ix_absence_keys_key", KEYED.c.key)
VALUES = Table("absence_values", MetaData(),
               Column("key", Integer, primary_key=True),
               Column("day", String), Column("start", String), Column("end", String),
               Column("kind", String(16)), schema="temp")

TABLES = (KEYED, VALUES, STUDENTS, DAYS)


def rewindable(source):
    """A position to rewind `source` to, or None when it cannot be read twice."""
    try:
        return source.tell() if source.seekable() else None
    except (AttributeError, OSError, ValueError):
        return None


def _blocks(source, max_line):
    """(decoded blocks of whole lines (the last may lack its "\\n"), at most how many
    bytes a character of them took: 4 for UTF-8, 1 for a text stream)."""
    pending, first = None, True
    strict = getattr(source, "errors", None) == "strict"
    while True:
        chunk = source.read(BLOCK)
        data = pending + chunk if pending else chunk
        if not data:
            return
        binary = isinstance(data, bytes)
        newline = b"\n" if binary else "\n"
        cut = data.rfind(newline) + 1 if chunk else len(data)
        if cut == 0:  # no line ends in this block yet
            if len(data) >= max_line:
                raise Abandon
            pending = data
            continue
        pending, data = data[cut:], data[:cut]
        if binary:
            if first and data.startswith(b"\xef\xbb\xbf"):
                data = data[3:]
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                raise Abandon from None
        else:
            text = data[1:] if first and data.startswith("\ufeff") else data
            if not strict:
                try:
                    text.encode("utf-8")  # a lone surrogate cannot be stored
                except UnicodeEncodeError:
                    raise Abandon from None
        first = False
        if "\x00" in text or '"' in text:
            raise Abandon
        if "\r" in text:
            if text.count("\r") != text.count("\r\n"):
                raise Abandon
            text = text.replace("\r\n", "\n")
        yield text, (4 if binary else 1)


def stage(source, header_check, parser, students, delimiter_of, connection, cursor, max_line):
    """Stage a plain file in TABLES through `cursor` (the DBAPI cursor of `connection`);
    (rows staged, does a row overlap another: None when the file is not in day order, ask
    `overlapping`), or Abandon. `header_check(header)` returns the columns or None;
    `delimiter_of(first line)` the delimiter."""
    blocks = _blocks(source, max_line)
    text, per_char = next(blocks, ("", 1))
    head, _newline, text = text.partition("\n")
    if not _newline and not text and not head:
        raise Abandon
    if (len(head) + 2) * per_char >= max_line:
        raise Abandon
    delimiter = delimiter_of(head)
    header = head.split(delimiter)
    columns = header_check(header)
    if columns is None or len(header) != len(columns):
        raise Abandon
    position = columns["student_number"]
    if position == 0:
        split, number_at, rest_at = str.partition, 0, 2
    elif position == len(columns) - 1:
        split, number_at, rest_at = str.rpartition, 2, 0
    else:
        raise Abandon
    keys = plainkeys.Keys(parser, columns, delimiter, students,
                 date_range("event")[0].toordinal())
    for table in TABLES:
        connection.execute(DropTable(table, if_exists=True))
        connection.execute(CreateTable(table))
    row, staged, in_file = 2, 0, plainkeys.InDayOrder()
    pick_number, pick_rest = operator.itemgetter(number_at), operator.itemgetter(rest_at)
    while text is not None:
        lines = text.split("\n")
        # As csvfiles reads them, every line shorter than max_line bytes (characters): a
        # character takes at most `per_char` bytes, and a BOM or "\r" dropped at most 2.
        if (max(map(len, lines), default=0) + 2) * per_char >= max_line:
            raise Abandon
        if lines and not lines[-1]:
            lines.pop()  # the block ends with its last line's "\n"
        first, row = row, row + len(lines)
        numbers = None
        if "" in lines:  # empty rows are skipped, but counted
            numbers = [n for n, line in zip(range(first, row), lines) if line]
            lines = [line for line in lines if line]
        if lines:
            parts = list(map(split, lines, repeat(delimiter)))
            found, rests = keys.keys(list(map(pick_number, parts)),
                                     list(map(pick_rest, parts)))
            in_file.add(found, rests)
            _insert_keys(cursor, first, numbers, found)
            staged += len(lines)
        text, per_char = next(blocks, (None, 1))
    cursor.executemany("INSERT INTO temp.absence_values VALUES (?, ?, ?, ?, ?)",
                       [(key, *bound) for key, bound in keys.values.items()])
    cursor.executemany("INSERT INTO temp.absence_days VALUES (?, ?)", keys.days.items())
    cursor.executemany("INSERT INTO temp.absence_students VALUES (?)",
                       [(shifted >> STUDENT_SHIFT,) for shifted in set(keys.numbers.values())])
    connection.execute(CreateIndex(KEYED_INDEX))
    return staged, in_file.result()


def _insert_keys(cursor, first, numbers, keys):
    """Rows numbered from `first` on, or `numbers`: one statement a block (SQLite's JSON
    functions take the keys as one text, at a third of an executemany's cost)."""
    if numbers is None and JSON:
        cursor.execute("INSERT INTO temp.absence_keys (row, key) "
                       "SELECT ? + key, value FROM json_each(?)", (first, json.dumps(keys)))
    else:
        cursor.executemany("INSERT INTO temp.absence_keys (row, key) VALUES (?, ?)",
                           zip(numbers or range(first, first + len(keys)), keys))


def clear(connection):
    for table in TABLES:
        connection.execute(DropTable(table, if_exists=True))


def overlapping(cursor):
    """Does any row of the file overlap another one of it (identical rows too)? A row
    overlaps a later one in key order if that one's key lies between its own and the
    key of its student and day with its end as start (so two rows of a student and day
    overlap only if two neighbours in key order do)."""
    return bool(cursor.execute(OVERLAP).fetchall())


# (SQLite gives &, |, << and >> one precedence, left to right: hence every parenthesis.)
OVERLAP = (f"SELECT 1 FROM temp.absence_keys AS a WHERE EXISTS (SELECT 1 FROM "
           f"temp.absence_keys AS b WHERE b.key >= a.key AND b.key < "
           f"(((a.key >> {DAY_SHIFT}) << {DAY_SHIFT}) | (((a.key >> {END_SHIFT}) & "
           f"{TIME_MASK}) << {START_SHIFT})) AND b.row <> a.row) LIMIT 1")


def _rows():
    keyed, values = KEYED.alias("k"), VALUES.alias("v")
    joined = keyed.join(values, values.c.key == keyed.c.key.op("&")(VALUES_MASK))
    student = keyed.c.key.op(">>")(STUDENT_SHIFT)
    return keyed, values, joined, student


def stored_on_days(cursor):
    """Has any student of the file an absence stored on a day of the file? Read from the
    stored absences of the file's students between its first and last day (none, for a
    file of new days), each looked up among the file's keys."""
    first, last = cursor.execute("SELECT min(day), max(day) FROM temp.absence_days").fetchone()
    return bool(cursor.execute(STORED_ON_DAYS, (first, last)).fetchall())


# CROSS JOIN fixes the order (SQLite's rule): the file's students, their stored absences
# through ix_absences_student_day, the file's days. Left to the planner, with no
# statistics on the TEMP tables, it may index all of `absences` by day first.
STORED_ON_DAYS = (
    f"SELECT 1 FROM temp.absence_students AS s CROSS JOIN absences AS a "
    f"CROSS JOIN temp.absence_days AS d WHERE a.student_id = s.student_id "
    f"AND a.day BETWEEN ? AND ? AND d.day = a.day AND EXISTS (SELECT 1 FROM "
    f"temp.absence_keys AS k WHERE k.key >= "
    f"((s.student_id << {STUDENT_SHIFT}) | (d.number << {DAY_SHIFT})) AND k.key < "
    f"((s.student_id << {STUDENT_SHIFT}) | ((d.number + 1) << {DAY_SHIFT}))) LIMIT 1")


def copy_to(staging):
    """Copy the staged rows into `staging` (merge.Staging), as the row-by-row import
    stages them."""
    keyed, values, joined, student = _rows()
    table = staging.table
    staging.connection.execute(insert(table).from_select(
        ["import_id", "row", "student_id", "day", "start", "end", "kind"],
        select(literal_column(str(int(staging.import_id))), keyed.c.row, student,
               values.c.day, values.c.start, values.c["end"], values.c.kind)
        .select_from(joined)))
    staging.loaded()


def store(import_id, now: datetime):
    """Insert the staged rows into `absences`, none of them a duplicate or a correction;
    returns how many."""
    keyed, values, joined, student = _rows()
    stored = merge.STORED
    columns = ["student_id", "day", "start", "end", "kind", "corrects_id", "source",
               "import_id", "withdrawn", "created_at"]
    rows = (select(student, values.c.day, values.c.start, values.c["end"], values.c.kind,
                   literal_column("NULL"), bindparam("source", "import"),
                   bindparam("import_id", import_id),
                   bindparam("withdrawn", False, type_=stored.c.withdrawn.type),
                   bindparam("created_at", now, type_=stored.c.created_at.type))
            .select_from(joined).order_by(keyed.c.key))
    added = db.session.execute(insert(stored).from_select(columns, rows),
                               execution_options={"preserve_rowcount": True}).rowcount
    invalidate(db.session, students=select(STUDENTS.c.student_id))
    return added
