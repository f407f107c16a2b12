"""The absences of the region scan: deterministic, realistic enough to trip signals.

Every student gets exactly `per_student` distinct absences (one row per missed lesson,
six lessons a day) on the school days of region midden from 1 September 2026 up to the
scan date, so every row is in the scan's history window. Most students are regular
(some late arrivals, short sick spells, a missed lesson now and then); a few percent
follow a pattern ending near the scan date: truancy, long sickness, a suspension or
luxury leave. Rows are written school by school in day order, as a registration
adds them, straight into `absences` with the driver's executemany.
"""
from datetime import date, time

from bench.attendance_data import ABSENCE_COLUMNS, CALENDAR, LESSONS, binder, insert_sql
from coordination.timeutil import utcnow

SCAN_ON = date(2027, 3, 15)
SCAN_DAYS = CALENDAR.school_days(date(2026, 9, 1), SCAN_ON)
PROFILES = ("regular", "truant", "long_sick", "suspended", "luxury")
PROFILE_WEIGHTS = (90, 5, 3, 1, 1)
BLOCKS = ("sick_spell", "late", "leave", "unauthorised")
BLOCK_WEIGHTS = (4, 75, 8, 13)
BATCH = 5000
TIMES = LESSONS + ((time(8, 30), time(8, 45)),)  # the six lessons, then a late arrival
LATE = len(LESSONS)


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


def student_absences(rng, count):
    """[((day index, index in TIMES), kind)]: `count` distinct absences of one student."""
    rows = {}
    profile = rng.choices(PROFILES, PROFILE_WEIGHTS)[0]
    _pattern(rng, rows, profile, len(SCAN_DAYS) - 1, count)
    _regular(rng, rows, len(SCAN_DAYS), count)
    return list(rows.items())[:count]


def insert_absences(engine, student_ids, per_student, rng):
    """Write the absences of these students (one school) in day order; returns the count."""
    dialect = engine.dialect
    days = [binder(dialect, "day")(day) for day in SCAN_DAYS]
    starts = [binder(dialect, "start")(start) for start, _ in TIMES]
    ends = [binder(dialect, "end")(end) for _, end in TIMES]
    fixed = (binder(dialect, "source")("import"), binder(dialect, "withdrawn")(False),
             binder(dialect, "created_at")(utcnow()))
    rows = sorted((day, student_id, lesson, kind) for student_id in student_ids
                  for (day, lesson), kind in student_absences(rng, per_student))
    params = [(student_id, days[day], starts[lesson], ends[lesson], kind, *fixed)
              for day, student_id, lesson, kind in rows]
    sql = insert_sql(dialect, "absences", ABSENCE_COLUMNS)
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        if dialect.name == "sqlite":
            cursor.execute("PRAGMA synchronous=OFF")  # setup only: durability not needed
        for i in range(0, len(params), BATCH):
            cursor.executemany(sql, params[i:i + BATCH])
        raw.commit()
    finally:
        raw.close()
    return len(params)
