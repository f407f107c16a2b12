"""The measured work of the attendance bench, each run in a fresh (spawned) process so its
peak RSS is its own. Every function returns a plain dict of results."""
import csv
import resource
import sys
from datetime import date, time
from time import perf_counter, process_time

from sqlalchemy import func, select

from bench.attendance_data import app_for
from coordination.demo.absences import ABSENCE_COLUMNS, binder, insert_sql
from coordination.extensions import db
from coordination.timeutil import utcnow

BATCH = 5000  # the importer's staging batch, for the plain insert too


def maxrss_mb():
    """Peak resident set size of this process so far, in MB. On Linux VmHWM: ru_maxrss of a
    spawned process also counts the parent's RSS at the time of the fork before the exec."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024 if sys.platform == "darwin" else 1024)


def timed_import(url, csv_path, actor_id):
    """coordination.attendance.importer.import_csv on the file, streamed from disk."""
    from coordination.accounts.models import User
    from coordination.attendance.importer import import_csv

    with app_for(url).app_context():
        actor = db.session.get(User, actor_id)  # connects outside the timing
        before = maxrss_mb()
        start, cpu = perf_counter(), process_time()
        with open(csv_path, newline="") as lines:
            result = import_csv(actor, lines, filename="bench.csv")
        seconds, cpu = perf_counter() - start, process_time() - cpu
        return {"seconds": seconds, "cpu": cpu, "rss_before": before, "rss_peak": maxrss_mb(),
                "imported": result.imported, "duplicates": result.duplicates,
                "errors": result.error_count, "stored": _stored()}


def plain_rows(engine, csv_path, ids):
    """The CSV's rows as driver parameters, as a loader without validation sends them."""
    bind = [binder(engine.dialect, column) for column in ABSENCE_COLUMNS]
    source, withdrawn, created_at = bind[5]("import"), bind[6](False), bind[7](utcnow())
    with open(csv_path, newline="") as lines:
        reader = csv.reader(lines)
        next(reader)  # the header
        for number, day, start, end, kind in reader:
            yield (ids[number], bind[1](date.fromisoformat(day)),
                   bind[2](time.fromisoformat(start)), bind[3](time.fromisoformat(end)),
                   kind, source, withdrawn, created_at)


def plain_insert(engine, csv_path):
    """Read the CSV, map student numbers to ids and executemany INSERT into `absences` in
    batches, in one transaction: the baseline. Returns the number of rows sent."""
    sql = insert_sql(engine.dialect, "absences", ABSENCE_COLUMNS)
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute("SELECT student_number, id FROM students")
        ids = dict(cursor.fetchall())
        batch, count = [], 0
        for row in plain_rows(engine, csv_path, ids):
            batch.append(row)
            if len(batch) >= BATCH:
                cursor.executemany(sql, batch)
                count, batch = count + len(batch), []
        if batch:
            cursor.executemany(sql, batch)
        raw.commit()
        return count + len(batch)
    finally:
        raw.close()


def timed_plain_insert(url, csv_path):
    with app_for(url).app_context():
        db.session.execute(select(1))  # connect (and run the pragmas) outside the timing
        db.session.commit()
        before = maxrss_mb()
        start, cpu = perf_counter(), process_time()
        sent = plain_insert(db.engine, csv_path)
        seconds, cpu = perf_counter() - start, process_time() - cpu
        return {"seconds": seconds, "cpu": cpu, "rss_before": before, "rss_peak": maxrss_mb(),
                "imported": sent, "stored": _stored()}


def timed_scan(url, on):
    """coordination.attendance.services.scan on `on` over every student in the database."""
    from coordination.attendance.services import scan

    with app_for(url).app_context():
        db.session.execute(select(1))
        db.session.commit()
        before = maxrss_mb()
        start = perf_counter()
        counts = scan(on)
        seconds = perf_counter() - start
        return {"seconds": seconds, "rss_before": before, "rss_peak": maxrss_mb(),
                "counts": counts}


def _stored():
    from coordination.attendance.models import Absence

    return db.session.scalar(select(func.count()).select_from(Absence))


SCRATCH = "absence_scratch"


def timed_raw_limit(url, csv_path):
    """The raw limit (issue 12): the CSV's rows, parsed, mapped and bound before the clock
    starts, sent with the driver's executemany in batches into an unindexed scratch table
    of the same database (no key, no index, no constraint), in one transaction. The table
    is dropped afterwards."""
    with app_for(url).app_context():
        engine = db.engine
        columns = ", ".join(f"{engine.dialect.identifier_preparer.quote(c)} {kind}"
                            for c, kind in zip(ABSENCE_COLUMNS, SCRATCH_TYPES))
        raw = engine.raw_connection()
        try:
            cursor = raw.cursor()
            cursor.execute(f"CREATE TABLE {SCRATCH} ({columns})")
            raw.commit()
            cursor.execute("SELECT student_number, id FROM students")
            rows = list(plain_rows(engine, csv_path, dict(cursor.fetchall())))
            sql = insert_sql(engine.dialect, SCRATCH, ABSENCE_COLUMNS)
            before = maxrss_mb()
            start, cpu = perf_counter(), process_time()
            for i in range(0, len(rows), BATCH):
                cursor.executemany(sql, rows[i:i + BATCH])
            raw.commit()
            seconds, cpu = perf_counter() - start, process_time() - cpu
            cursor.execute(f"DROP TABLE {SCRATCH}")
            raw.commit()
        finally:
            raw.close()
        return {"seconds": seconds, "cpu": cpu, "rss_before": before,
                "rss_peak": maxrss_mb(), "imported": len(rows)}


# The absences columns' types, without NOT NULL or defaults (ABSENCE_COLUMNS order).
SCRATCH_TYPES = ("INTEGER", "DATE", "TIME", "TIME", "VARCHAR(16)", "VARCHAR(8)", "BOOLEAN",
                 "TIMESTAMP")
