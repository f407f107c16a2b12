"""The region demo's absences (shared with bench/attendance_region.py): a generator of
one student's absences by profile, and their bulk insert: COPY on PostgreSQL, the
driver's executemany on SQLite.

Most students are regular; about one in ten follows a pattern (truancy, long sickness,
suspension, luxury absence) that trips a signal near the last day.
"""
from datetime import datetime, time, timezone

from coordination.attendance.models import Absence
from coordination.demo.bulk import column_types, copy_sql
from coordination.extensions import db
from coordination.timeutil import AMSTERDAM

LESSONS = tuple((time(h, 30), time(h + 1, 30)) for h in range(8, 14))  # six hours a day
TIMES = LESSONS + ((time(8, 30), time(8, 45)),)  # the six lessons, then a late arrival
LATE = len(LESSONS)
PROFILES = ("regular", "truant", "long_sick", "suspended", "luxury")
PROFILE_WEIGHTS = (90, 5, 3, 1, 1)
BLOCKS = ("sick_spell", "late", "leave", "unauthorised")
BLOCK_WEIGHTS = (4, 75, 8, 13)


def _run(rows, last, length, lessons, kind):
    """`lessons` lessons a day missed on `length` school days up to day index `last`."""
    for day in range(max(0, last - length + 1), last + 1):
        for lesson in range(lessons):
            rows.setdefault((day, lesson), kind)


def _pattern(rng, rows, profile, last, count):
    """The profile's absences, ending at most a few school days before day index `last`."""
    if profile == "truant":  # part-day truancy: more than 16 hours in 4 weeks, long runs
        lessons = rng.choice((3, 4))
        _run(rows, last - rng.randint(0, 2), min(rng.randint(8, 30), count // lessons),
             lessons, "unauthorised")
    elif profile == "long_sick":
        _run(rows, last - rng.randint(0, 2), rng.randint(4, 12), len(LESSONS), "sick")
    elif profile == "suspended":
        _run(rows, last - rng.randint(0, 8), rng.randint(1, 7), len(LESSONS), "suspended")
    elif profile == "luxury":
        _run(rows, last - rng.randint(0, 15), rng.randint(1, 3), len(LESSONS), "luxury")


def _regular(rng, rows, days, count):
    while len(rows) < count:
        block, day = rng.choices(BLOCKS, BLOCK_WEIGHTS)[0], rng.randrange(days)
        if block == "sick_spell":
            _run(rows, day, rng.randint(1, 3), len(LESSONS), "sick")
        elif block == "late":
            rows.setdefault((day, LATE), "late")
        elif block == "leave":
            _run(rows, day, 1, 2, "leave")
        else:
            rows.setdefault((day, rng.randrange(len(LESSONS))), "unauthorised")


def absences_of(rng, profile, count, days):
    """[((day index, index in TIMES), kind)]: `count` distinct absences of one student
    with this profile, on day indexes 0 … days - 1 (the pattern ends near the last)."""
    rows = {}
    _pattern(rng, rows, profile, days - 1, count)
    _regular(rng, rows, days, count)
    return list(rows.items())[:count]


def student_absences(rng, count, days):
    """A random profile's `count` absences (see absences_of)."""
    return absences_of(rng, rng.choices(PROFILES, PROFILE_WEIGHTS)[0], count, days)


def insert_absences(rng, by_school, profile, days, per_student, batch):
    """`per_student` rows a student of `by_school` ({school id: [(student id, ...)]}, each
    with its `profile`) on the school days `days`, by school in day order: on PostgreSQL
    with one binary COPY, elsewhere with the driver's executemany in batches of `batch` (values
    bound as SQLAlchemy binds them). The same rows in the same order, so the same ids, on
    both. Returns the count."""
    dialect = db.session.get_bind().dialect
    # Registered on the day itself, as a school's daily export brings them: the
    # attendance feed (tiers/attendance_feed.py) treats rows created in the last two
    # days as new, and must not see a year of them as new.
    created = [datetime.combine(day, time(17), tzinfo=AMSTERDAM).astimezone(timezone.utc)
               for day in days]
    schools = (sorted((day, sid, lesson, kind) for sid, _, _ in students
                      for (day, lesson), kind in absences_of(rng, profile[sid], per_student,
                                                             len(days)))
               for students in by_school.values())
    cursor = db.session.connection().connection.dbapi_connection.cursor()
    indexes = secondary_indexes(cursor, dialect.name)
    for name, _ in indexes:  # built once at the end: faster than row by row
        cursor.execute(f"DROP INDEX {name}")
    # PostgreSQL checks a foreign key with a query a row; added again at the end, it is
    # checked for every row in one join.
    keys = foreign_keys(cursor, dialect.name)
    for name, _ in keys:
        cursor.execute(f"ALTER TABLE absences DROP CONSTRAINT {name}")
    if dialect.name == "postgresql":  # psycopg adapts the Python values itself
        values = _values(days, created, lambda column: lambda value: value)
    else:
        values = _values(days, created, lambda column: binder(dialect, column))
    day_of, start_of, end_of, created_of, fixed = values
    count = 0
    if dialect.name == "postgresql":
        types = column_types(cursor, "absences", ABSENCE_COLUMNS)
        with cursor.copy(copy_sql("absences", ABSENCE_COLUMNS)) as copy:
            copy.set_types(types)
            for rows in schools:
                for day, sid, lesson, kind in rows:
                    copy.write_row((sid, day_of[day], start_of[lesson], end_of[lesson], kind,
                                    *fixed, created_of[day]))
                count += len(rows)
    else:
        sql = insert_sql(dialect, "absences", ABSENCE_COLUMNS)
        for rows in schools:
            params = [(sid, day_of[day], start_of[lesson], end_of[lesson], kind, *fixed,
                       created_of[day]) for day, sid, lesson, kind in rows]
            for i in range(0, len(params), batch):
                cursor.executemany(sql, params[i:i + batch])
            count += len(rows)
    for _, create in indexes:
        cursor.execute(create)
    for name, definition in keys:
        cursor.execute(f"ALTER TABLE absences ADD CONSTRAINT {name} {definition}")
    return count


def _values(days, created, binder_of):
    """The values of the finite columns, each bound once with `binder_of(column)`: by day
    index, by index in TIMES (start, end), by day index (created_at), and the fixed
    source and withdrawn."""
    bind = {column: binder_of(column) for column in ABSENCE_COLUMNS}
    return ([bind["day"](day) for day in days], [bind["start"](s) for s, _ in TIMES],
            [bind["end"](e) for _, e in TIMES], [bind["created_at"](at) for at in created],
            (bind["source"]("import"), bind["withdrawn"](False)))


ABSENCE_COLUMNS = ("student_id", "day", "start", "end", "kind", "source", "withdrawn",
                   "created_at")


def insert_sql(dialect, table, columns):
    """An INSERT in the driver's own parameter style, for executemany."""
    mark = "?" if dialect.paramstyle == "qmark" else "%s"
    names = ", ".join(dialect.identifier_preparer.quote(c) for c in columns)
    return f"INSERT INTO {table} ({names}) VALUES ({', '.join([mark] * len(columns))})"


def binder(dialect, column):
    """The function SQLAlchemy applies to a value of this `absences` column before the
    driver."""
    kind = Absence.__table__.c[column].type.dialect_impl(dialect)
    return kind.bind_processor(dialect) or (lambda value: value)


def foreign_keys(cursor, dialect):
    """[(name, definition)] of the foreign keys of `absences` (PostgreSQL; SQLite does not
    check them row by row unless asked, and cannot drop one)."""
    if dialect == "sqlite":
        return []
    cursor.execute("SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                   "WHERE conrelid = 'absences'::regclass AND contype = 'f'")
    return list(cursor.fetchall())


def secondary_indexes(cursor, dialect):
    """[(name, CREATE statement)] of the indexes on `absences` besides its primary key."""
    if dialect == "sqlite":
        cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' "
                       "AND tbl_name = 'absences' AND sql IS NOT NULL")
    else:
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = "
                       "'absences' AND schemaname = current_schema() "
                       "AND indexname <> 'pk_absences'")
    return list(cursor.fetchall())
