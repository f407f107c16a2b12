"""Databases and deterministic data for the attendance bench (bench/attendance.py).

Everything here is setup, not measured: fresh migrated databases, schools and students,
the CSV file the import reads, and the absences of the region scan written straight into
`absences` with the driver's executemany (values bound as SQLAlchemy binds them).
"""
import contextlib
import io
import random
from datetime import date

from sqlalchemy import create_engine, insert, select, text
from sqlalchemy.engine import make_url

from coordination.accounts.models import User
from coordination.attendance.holidays import REGION_HOLIDAYS
from coordination.demo.absences import LESSONS
from coordination.extensions import db
from coordination.rules.calendar import SchoolCalendar
from coordination.schools.models import School
from coordination.students.models import Student
from coordination.timeutil import today_local, utcnow

REGION = "midden"
CALENDAR = SchoolCalendar(REGION_HOLIDAYS[REGION])
# Kinds in the import file, with weights (coordination.rules.signals.KINDS).
IMPORT_KINDS = (("sick", 40), ("late", 25), ("unauthorised", 20), ("leave", 10),
                ("sick_doubtful", 3), ("luxury", 1), ("suspended", 1))


# --- databases -------------------------------------------------------------------------

def app_for(url):
    from coordination import create_app

    return create_app({"SQLALCHEMY_DATABASE_URI": url})


def migrate(url):
    """Run the real migrations (their INFO logging swallowed)."""
    from flask_migrate import upgrade

    app = app_for(url)
    with app.app_context(), contextlib.redirect_stderr(io.StringIO()):
        upgrade()
    with app.app_context():
        db.engine.dispose()


def postgres_schema(base_url, name):
    """A new schema on the DATABASE_URL server and a URL whose search_path is that schema,
    so nothing else in that database is touched. Drop it with drop_postgres_schema()."""
    engine = create_engine(base_url)
    with engine.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {name}"))
    engine.dispose()
    url = make_url(base_url)
    return url.update_query_dict({"options": f"-csearch_path={name}"}).render_as_string(
        hide_password=False)


def drop_postgres_schema(base_url, name):
    engine = create_engine(base_url)
    with engine.begin() as conn:
        conn.execute(text(f"DROP SCHEMA IF EXISTS {name} CASCADE"))
    engine.dispose()


# --- schools, students, users ------------------------------------------------------------

def add_importer():
    """The admin who runs the import; returns its id."""
    user = User(email="bench-admin@bench.regie.nl", name="Bench admin", role="admin")
    db.session.add(user)
    db.session.commit()
    return user.id


def add_school(number):
    school = School(name=f"Bench school {number}", brin=f"B{number:03d}", region=REGION)
    db.session.add(school)
    db.session.commit()
    return school.id


def add_students(school_id, count, rng, first_number=1):
    """`count` students numbered S0000001…; returns their ids in number order."""
    now, rows = utcnow(), []
    for n in range(first_number, first_number + count):
        age = rng.choice((12, 13, 14, 15, 16, 17, 17, 18, 19))
        rows.append({"school_id": school_id, "student_number": f"S{n:07d}",
                     "given_name": f"Student{n}", "family_name": "Bench",
                     "date_of_birth": date(2027 - age, rng.randint(1, 12), rng.randint(1, 28)),
                     "level": "mbo-2" if age >= 17 else "havo", "created_at": now})
    db.session.execute(insert(Student), rows)
    db.session.commit()
    return db.session.scalars(select(Student.id).where(Student.school_id == school_id)
                              .order_by(Student.student_number)).all()


# --- the import file ---------------------------------------------------------------------

def write_import_csv(path, students, rows, seed, first=date(2026, 9, 1), last=None):
    """`rows` distinct valid rows for students S0000001…S{students}, one school of region
    midden, ordered by day as a registration export is. Returns the number of rows. The
    days run to `last`, by default today (at the latest 2027-06-30): the importer refuses
    an observed absence in the future."""
    rng = random.Random(seed)
    if last is None:
        last = min(date(2027, 6, 30), today_local())
    days = CALENDAR.school_days(first, last)
    kinds = [kind for kind, weight in IMPORT_KINDS for _ in range(weight)]
    slots = students * len(LESSONS)
    written = 0
    with open(path, "w", newline="") as out:
        out.write("student_number,date,start,end,kind\n")
        for i, day in enumerate(days):
            want = rows // len(days) + (1 if i < rows % len(days) else 0)
            for slot in rng.sample(range(slots), want):  # distinct (student, lesson) a day
                start, end = LESSONS[slot % len(LESSONS)]
                out.write(f"S{slot // len(LESSONS) + 1:07d},{day.isoformat()},"
                          f"{start:%H:%M},{end:%H:%M},{rng.choice(kinds)}\n")
            written += want
    return written
