"""The absences of the region scan: deterministic, realistic enough to trip signals.

Every student gets exactly `per_student` distinct absences (one row per missed lesson,
six lessons a day) on the school days of region midden from 1 September 2026 up to the
scan date, so every row is in the scan's history window. Most students are regular
(some late arrivals, short sick spells, a missed lesson now and then); a few percent
follow a pattern ending near the scan date: truancy, long sickness, a suspension or
luxury leave. Rows are written school by school in day order, as a registration
adds them, straight into `absences` with the driver's executemany.
"""
from datetime import date

from bench.attendance_data import CALENDAR
from coordination.demo import absences
from coordination.demo.absences import ABSENCE_COLUMNS, TIMES, binder, insert_sql
from coordination.timeutil import utcnow

SCAN_ON = date(2027, 3, 15)
SCAN_DAYS = CALENDAR.school_days(date(2026, 9, 1), SCAN_ON)
BATCH = 5000


def student_absences(rng, count):
    """[((day index, index in TIMES), kind)]: `count` distinct absences of one student
    (the generator is shared with `flask demo load --scale region`)."""
    return absences.student_absences(rng, count, len(SCAN_DAYS))


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
