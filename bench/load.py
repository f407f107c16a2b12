"""Load test (issue 12): 50 people at once against gunicorn, PostgreSQL then SQLite.

Usage: .venv/bin/python -m bench load [--duration 120] [--users 50] [--factor 1]
                                       [--instance DIR] [--only sqlite|postgresql]

Per database: the region demo (`flask demo load --scale region --factor F`; `--instance`
reuses a directory that holds a loaded SQLite region), gunicorn with 2 sync workers and
the scheduler (`flask scheduler run`, as deployed: it stores the signal state of the
students an import made stale) on 127.0.0.1, and Locust headless on loopback with the
people of bench/locustfile.py for `--duration` seconds. Printed: requests/s, p50/p95/p99
per route and in all, failures, and how often "database is locked" appears in the
server's and the scheduler's logs. PostgreSQL runs when DATABASE_URL is set, in a schema
of its own that is dropped afterwards (scripts/with-postgres.sh gives a throwaway server).
"""
import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

from bench.region_server import DOMAIN, RegionServer
from bench.server import ROOT, log_in

LOCKED = "database is locked"


def people(server, url, users):
    """The logins, the importer's token, its school's student numbers and recent school
    days, for the locustfile (a JSON file)."""
    from sqlalchemy import select

    from coordination import create_app
    from coordination.accounts.models import User
    from coordination.attendance.holidays import REGION_HOLIDAYS
    from coordination.demo.region_people import HOLIDAYS_2025, REGION
    from coordination.extensions import db
    from coordination.followup.models import Deregistration
    from coordination.rules.calendar import SchoolCalendar
    from coordination.schools.models import School
    from coordination.students.models import Student
    from coordination.timeutil import today_local

    os.environ.update({k: server.env[k] for k in ("REGIE_ENV", "REGIE_INSTANCE_DIR",
                                                   "SECRET_KEY")})
    app = create_app({"SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        emails = db.session.scalars(select(User.email).where(
            User.email.like(f"%@{DOMAIN}")).order_by(User.id)).all()
        school = db.session.scalar(select(School).where(School.brin == "01RG"))
        numbers = db.session.scalars(select(Student.student_number).where(
            Student.school_id == school.id, Student.id.not_in(select(
                Deregistration.student_id)))).all()  # leavers: rows refused
        today = today_local()
        calendar = SchoolCalendar(REGION_HOLIDAYS[REGION] + HOLIDAYS_2025)
        days = calendar.school_days(today - timedelta(days=45), today)
        db.engine.dispose()

    def local(email):
        return email.split("@")[0]

    logins = {
        "coordinator": [e for e in emails if local(e) == "regie" or local(e).startswith("zorg")],
        "officer": [e for e in emails if local(e) == "leerplicht" or local(e).startswith("rmc")],
        "parent": [e for e in emails if local(e).startswith("ouder")],
        "youth": [e for e in emails if local(e).startswith("jongere")],
    }
    token = server.output("users", "token", f"import.s01@{DOMAIN}").strip().splitlines()[-1]
    wanted = {"coordinator": users * 2 // 5, "officer": users // 5, "parent": users // 4,
              "youth": users // 7}
    sessions = {kind: [log_in(server.port, local(email)) for email in logins[kind][:count]]
                for kind, count in wanted.items()}
    return {"sessions": sessions, "token": token,
            "school_id": school.id, "student_numbers": numbers,
            "school_days": [d.isoformat() for d in days if d < today][-20:]}


def run(label, url, args):
    postgres = url.startswith("postgresql")
    made = not args.loaded if postgres else args.instance is None  # load the region
    instance_dir = tempfile.mkdtemp(prefix="regie-load-") if made or postgres else args.instance
    schema = None
    try:
        if postgres and not args.loaded:
            from bench.attendance_data import postgres_schema

            schema = f"regie_load_{os.getpid()}"
            url = postgres_schema(url, schema)
        server = RegionServer(instance_dir, None if url.startswith("sqlite") else url)
        if made:
            server.load(args.factor)
        if url.startswith("sqlite"):
            url = f"sqlite:///{Path(instance_dir) / 'regie.db'}"
        users_file = Path(instance_dir) / "load-users.json"
        scheduler_log = Path(instance_dir) / "scheduler.log"
        prefix = str(Path(instance_dir) / "locust")
        with server, open(scheduler_log, "w") as log:
            users_file.write_text(json.dumps(people(server, url, args.users)))
            scheduler = subprocess.Popen(
                [sys.executable, "-m", "flask", "--app", "wsgi", "scheduler", "run"],
                cwd=ROOT, env=server.env, stdout=log, stderr=subprocess.STDOUT
            ) if not args.no_scheduler else subprocess.Popen(["sleep", "1"])
            try:
                subprocess.run(
                    [sys.executable, "-m", "locust", "-f", str(ROOT / "bench" / "locustfile.py"),
                     "--headless", "-u", str(args.users), "-r", str(args.spawn_rate),
                     "-t", f"{args.duration}s", "--host", f"http://127.0.0.1:{server.port}",
                     "--csv", prefix, "--only-summary", "--stop-timeout", "30",
                     "--exit-code-on-error", "0",
                     *(("Coordinator", "Officer", "Parent", "Youth") if args.no_import else ())],
                    cwd=ROOT, env=dict(os.environ, REGIE_LOAD_USERS=str(users_file)),
                    check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            finally:
                scheduler.terminate()
                scheduler.wait(timeout=30)
        report(label, args, prefix, server.log_path, scheduler_log)
    finally:
        if schema:
            from bench.attendance_data import drop_postgres_schema

            drop_postgres_schema(os.environ["DATABASE_URL"], schema)
        if (made or postgres) and not args.keep:
            shutil.rmtree(instance_dir, ignore_errors=True)


def report(label, args, prefix, server_log, scheduler_log):
    with open(f"{prefix}_stats.csv", newline="") as stats:
        rows = list(csv.DictReader(stats))
    print(f"\n{label}: {args.users} users for {args.duration} s, gunicorn 2 sync workers "
          f"{'' if args.no_scheduler else 'and the scheduler'}"
          f"{', no import' if args.no_import else ''}, Locust on loopback; "
          "load average at the end "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"{'request':<34}{'count':>7}{'fail':>6}{'req/s':>8}{'p50 ms':>8}{'p95 ms':>8}"
          f"{'p99 ms':>8}")
    for row in rows:
        name = row["Name"] if row["Name"] != "Aggregated" else "ALL"
        print(f"{(row['Type'] + ' ' + name).strip():<34}{row['Request Count']:>7}"
              f"{row['Failure Count']:>6}{float(row['Requests/s']):>8.1f}{row['50%']:>8}"
              f"{row['95%']:>8}{row['99%']:>8}")
    failures = Path(f"{prefix}_failures.csv")
    if failures.exists():
        for row in list(csv.DictReader(failures.open()))[:5]:
            print(f"  failure: {row['Method']} {row['Name']}: {row['Error'][:120]} "
                  f"(×{row['Occurrences']})")
    server_text, scheduler_text = server_log.read_text(), scheduler_log.read_text()
    print(f"'{LOCKED}': {server_text.count(LOCKED)} in the server log, "
          f"{scheduler_text.count(LOCKED)} in the scheduler log; tracebacks: "
          f"{server_text.count('Traceback')} / {scheduler_text.count('Traceback')}")


def main(argv):
    parser = argparse.ArgumentParser(prog="python -m bench load",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=int, default=120, help="seconds of load")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--spawn-rate", type=float, default=10, help="users started a second")
    parser.add_argument("--factor", type=float, default=1.0, help="region size")
    parser.add_argument("--instance", help="reuse this directory's loaded SQLite region")
    parser.add_argument("--only", choices=("sqlite", "postgresql"))
    parser.add_argument("--keep", action="store_true", help="keep the instance directories")
    parser.add_argument("--no-scheduler", action="store_true",
                        help="without the scheduler (to see what the locks are)")
    parser.add_argument("--no-import", action="store_true",
                        help="without the school's API import (to see what the locks are)")
    parser.add_argument("--loaded", action="store_true",
                        help="DATABASE_URL already holds the region: use it as it is "
                             "(no schema of its own, nothing loaded or dropped)")
    args = parser.parse_args(argv)
    if os.environ.get("DATABASE_URL") and args.only != "sqlite":
        run("PostgreSQL", os.environ["DATABASE_URL"], args)
    if args.only != "postgresql":
        run("SQLite", "sqlite://", args)
