"""A large attendance upload (issue 9): what the web request costs and what the queued
import costs, against baselines measured in the same run.

Usage (from the project root): .venv/bin/python -m bench upload [--mb 50] [--seed 9]

1. The request: `uploads.receive` in a request context, the file as the upload stream,
   against copying the same file (the least any upload costs). Above the synchronous
   limit it only stores the file and answers 202: seconds and peak RSS stay those of a
   copy, whatever the size.
2. The queued import: `uploads.run_queued` (what the scheduler runs), against the plain
   bulk insert of bench/attendance.py on a fresh database.
Every measurement runs in a fresh process on a fresh SQLite file, so the peak RSS printed
is its own.
"""
import argparse
import os
import random
import shutil
import tempfile
from time import perf_counter

from bench import attendance_data as data
from bench.attendance import in_child
from bench.attendance_runs import maxrss_mb, timed_plain_insert
from coordination.extensions import db

STUDENTS = 30_000
BYTES_PER_ROW = 37  # "S0001234,2026-09-01,08:30,09:30,sick\n" and the like


def setup(url, csv_path, mb, seed):
    """A migrated database with an admin, one school of STUDENTS and the file."""
    data.migrate(url)
    with data.app_for(url).app_context():
        actor_id = data.add_importer()
        school_id = data.add_school(1)
        data.add_students(school_id, STUDENTS, random.Random(seed))
    rows = data.write_import_csv(csv_path, STUDENTS, mb * 1024 * 1024 // BYTES_PER_ROW, seed)
    return actor_id, rows


def timed_copy(csv_path, directory):
    before, start = maxrss_mb(), perf_counter()
    with open(csv_path, "rb") as source, open(os.path.join(directory, "copy.csv"), "wb") as out:
        shutil.copyfileobj(source, out, 1024 * 1024)
    return {"seconds": perf_counter() - start, "rss_before": before, "rss_peak": maxrss_mb()}


def timed_receive(url, csv_path, actor_id):
    from coordination.accounts.models import User
    from coordination.attendance import uploads

    app = data.app_for(url)
    with app.test_request_context("/api/v1/attendance/import", method="POST"):
        actor = db.session.get(User, actor_id)
        before, start = maxrss_mb(), perf_counter()
        with open(csv_path, "rb") as stream:
            result, queued = uploads.receive(actor, stream, filename="bench.csv")
        seconds = perf_counter() - start
        return {"seconds": seconds, "rss_before": before, "rss_peak": maxrss_mb(),
                "queued": queued is not None, "import_id": queued.id if queued else None}


def timed_queued_run(url):
    from coordination.attendance import uploads
    from coordination.attendance.models import AttendanceImport

    with data.app_for(url).app_context():
        db.session.execute(db.select(AttendanceImport.id)).all()  # connect outside the timing
        before, start = maxrss_mb(), perf_counter()
        ran = uploads.run_queued()
        seconds = perf_counter() - start
        record = db.session.scalar(db.select(AttendanceImport).order_by(AttendanceImport.id))
        return {"seconds": seconds, "rss_before": before, "rss_peak": maxrss_mb(), "ran": ran,
                "status": record.status, "imported": record.imported}


def line(label, result, baseline=None):
    ratio = f"  {result['seconds'] / baseline['seconds']:6.2f}×" if baseline else ""
    return (f"  {label:<34} {result['seconds']:8.2f} s  peak RSS {result['rss_peak']:7.0f} MB"
            f"{ratio}")


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench upload")
    parser.add_argument("--mb", type=int, default=50)
    parser.add_argument("--seed", type=int, default=9)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="regie-bench-upload-") as directory:
        os.environ["REGIE_INSTANCE_DIR"] = directory
        csv_path = os.path.join(directory, "upload.csv")
        url = f"sqlite:///{os.path.join(directory, 'upload.db')}"
        actor_id, rows = in_child(setup, url, csv_path, args.mb, args.seed)
        size = os.path.getsize(csv_path) / 2**20
        print(f"upload: {size:.1f} MB, {rows:,} rows, SQLite")
        copy = in_child(timed_copy, csv_path, directory)
        received = in_child(timed_receive, url, csv_path, actor_id)
        print(line("copy the file (baseline)", copy))
        print(line("web request (receive → 202)" if received["queued"]
                   else "web request (imported at once)", received, copy))
        if received["queued"]:
            plain_url = f"sqlite:///{os.path.join(directory, 'plain.db')}"
            in_child(setup, plain_url, os.path.join(directory, "same.csv"), args.mb, args.seed)
            os.remove(os.path.join(directory, "same.csv"))
            plain = in_child(timed_plain_insert, plain_url, csv_path)
            queued = in_child(timed_queued_run, url)
            print(line("plain bulk insert (baseline)", plain))
            print(line(f"queued import ({queued['status']}, {queued['imported']:,})", queued,
                       plain))


if __name__ == "__main__":
    main()
