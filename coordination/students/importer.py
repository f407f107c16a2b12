"""Importing a school's student roster (API.md "The working day"): a region starts from
an empty database by file.

All rows or none: every bad row is reported with its row number and nothing is stored. A
student number already at that school updates that student. Only schools the importer is
linked to are accepted; any other school_id gets the same row message as one that does
not exist (access.school_in_reach). The file is read as a stream and written in batches
inside one transaction, so memory stays bounded by the batch and the row limit (the
STUDENT_IMPORT_MAX_ROWS setting).
"""
from dataclasses import dataclass, field
from datetime import date

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import insert, select, tuple_, update
from sqlalchemy.exc import IntegrityError

from coordination import access, csvfiles
from coordination.accounts.models import municipality_key
from coordination.audit import services as audit
from coordination.errors import Forbidden
from coordination.extensions import db
from coordination.signals import invalidation as signal_stamps
from coordination.students.models import LEVELS, Student
from coordination.timeutil import utcnow
from coordination.validation import ISO_DATE, db_int, in_range, range_message

COLUMNS = ("student_number", "given_name", "family_name", "date_of_birth", "school_id",
           "level", "has_startkwalificatie", "municipality")
REQUIRED = COLUMNS[:6]
DUTCH_COLUMNS = {"leerlingnummer": "student_number", "voornaam": "given_name",
                 "achternaam": "family_name", "geboortedatum": "date_of_birth",
                 "niveau": "level", "startkwalificatie": "has_startkwalificatie",
                 "woonplaats": "municipality"}
ACCEPTED = frozenset(COLUMNS) | frozenset(DUTCH_COLUMNS)
TRUE, FALSE = frozenset({"true", "ja"}), frozenset({"false", "nee", ""})
# The same limits as the student form: the columns' lengths.
TEXT_LIMITS = {name: Student.__table__.c[name].type.length
               for name in ("student_number", "given_name", "family_name", "municipality")}
UPDATED = ("given_name", "family_name", "date_of_birth", "level", "has_startkwalificatie",
           "municipality")
# The updated columns the signal rules read (signals.invalidation.STUDENT_FIELDS).
SIGNAL_INPUTS = tuple(name for name in UPDATED if name in signal_stamps.STUDENT_FIELDS)
BATCH = 1000


@dataclass
class RosterResult(csvfiles.RowErrors):
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    school_ids: set = field(default_factory=set)


def _text(row, name, required=True):
    """(value, problem) for a text column, stripped (inner spaces of a municipality kept
    single, as the model stores it)."""
    value = " ".join(row.get(name, "").split()) if name == "municipality" else (
        row.get(name, "").strip())
    limit = TEXT_LIMITS[name]
    if (required and not value) or len(value) > limit:
        return None, _("Fill in %(column)s (at most %(max)d characters).", column=name,
                       max=limit)
    return value or None, None


def _birth(raw):
    raw = raw.strip()
    try:
        if not ISO_DATE.fullmatch(raw):
            raise ValueError(raw)
        day = date.fromisoformat(raw)
    except ValueError:
        return None, _("The date of birth is not a YYYY-MM-DD date.")
    if not in_range(day, "birth"):
        return None, str(range_message("birth"))
    return day, None


def _school(actor, raw, schools):
    """The school id if the actor is linked to that school, else None (also when it does
    not exist); `schools` caches the answer per id."""
    try:
        school_id = db_int(raw.strip())
    except ValueError:
        return None
    if school_id not in schools:
        schools[school_id] = access.school_in_reach(actor, school_id)
    return school_id if schools[school_id] else None


def _parse(actor, row, schools):
    """(values, None) for a good row, (None, message) for a bad one. Values hold only the
    columns the file has."""
    values = {}
    for name, required in (("student_number", True), ("given_name", True),
                           ("family_name", True)):
        values[name], problem = _text(row, name, required)
        if problem:
            return None, problem
    values["date_of_birth"], problem = _birth(row["date_of_birth"])
    if problem:
        return None, problem
    values["school_id"] = _school(actor, row["school_id"], schools)
    if values["school_id"] is None:
        return None, _("Unknown school %(id)s.", id=row["school_id"].strip()[:12])
    level = row["level"].strip().lower()
    if level not in LEVELS:
        return None, _("Unknown level %(level)s; use one of: %(levels)s.", level=level[:20],
                       levels=", ".join(LEVELS))
    values["level"] = level
    if "has_startkwalificatie" in row:
        flag = row["has_startkwalificatie"].strip().lower()
        if flag not in TRUE | FALSE:
            return None, _("Fill in startkwalificatie as true or false (ja or nee).")
        values["has_startkwalificatie"] = flag in TRUE
    if "municipality" in row:
        values["municipality"], problem = _text(row, "municipality", required=False)
        if problem:
            return None, problem
    return values, None


def _header_problem(row):
    """The problem with the header (the column names of the first row), or None."""
    names = [DUTCH_COLUMNS.get(name, name) for name in row]
    if len(set(names)) != len(names):
        return _("A column appears twice (in English and in Dutch?).")
    missing = [name for name in REQUIRED if name not in names]
    if missing:
        return _("Missing column(s): %(names)s.", names=", ".join(missing))
    return None


def _canonical(row):
    return {DUTCH_COLUMNS.get(name, name): value for name, value in row.items()}


def _store(actor, batch, result):
    """Insert the new students of a batch with their stamps and update the changed ones,
    making stale the signal state of those whose rules' inputs changed (one SELECT, two
    INSERTs and two UPDATEs per batch at most)."""
    keys = [(values["school_id"], values["student_number"]) for values in batch]
    existing = {(row.school_id, row.student_number): row for row in db.session.execute(
        # reach: numbers at schools the importer is linked to (checked per row)
        select(Student.id, Student.school_id, Student.student_number, Student.vso_profile,
               *(getattr(Student, name) for name in UPDATED))
        .where(tuple_(Student.school_id, Student.student_number).in_(keys)))}
    new, changed, inputs_changed = [], [], []
    for values in batch:
        current = existing.get((values["school_id"], values["student_number"]))
        if current is None:
            municipality = values.get("municipality")
            new.append({"has_startkwalificatie": False, "municipality": None, **values,
                        "municipality_key": municipality_key(municipality),
                        "created_by_id": actor.id, "created_at": utcnow()})
            continue
        merged = {name: values.get(name, getattr(current, name)) for name in UPDATED}
        # an exit profile only applies to vso students
        vso_profile = current.vso_profile if values["level"] == "vso" else None
        if any(merged[name] != getattr(current, name) for name in UPDATED) or (
                vso_profile != current.vso_profile):
            changed.append({"id": current.id, **merged, "vso_profile": vso_profile,
                            "municipality_key": municipality_key(merged["municipality"])})
            if vso_profile != current.vso_profile or any(
                    merged[name] != getattr(current, name) for name in SIGNAL_INPUTS):
                inputs_changed.append(current.id)
        else:
            result.unchanged += 1
    if new:
        created = db.session.scalars(insert(Student).returning(Student.id), new).all()
        signal_stamps.stamp_new(db.session, created)
    if changed:  # ORM bulk UPDATE by primary key: one executemany
        db.session.execute(update(Student), changed)
    if inputs_changed:  # a bulk UPDATE passes the session's listener by
        signal_stamps.invalidate(db.session, students=inputs_changed)
    result.created += len(new)
    result.updated += len(changed)


def _store_or_note(actor, batch, result):
    """_store; a student number that another import added meanwhile is a file error (and
    the whole file is rolled back)."""
    try:
        _store(actor, batch, result)
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        result.add_error(None, _("Another import added some of these students at the same "
                                 "time; try again."))


def template_csv():
    """The header of a roster file, in Dutch with semicolons (what Dutch Excel opens and
    saves); the importer takes the English names and commas as well."""
    dutch = {english: dutch for dutch, english in DUTCH_COLUMNS.items()}
    return ";".join(dutch.get(name, name) for name in COLUMNS) + "\r\n"


def import_roster(actor, source):
    """Create and update students from a roster file (a binary stream or an iterable of
    lines). Commits only a file without errors, with one audit event for the import.

    :raise Forbidden: the actor is not a professional.
    """
    if not actor.is_professional:
        raise Forbidden()
    result, schools, seen, batch = RosterResult(), {}, {}, []
    limit = current_app.config["STUDENT_IMPORT_MAX_ROWS"]
    header_checked = False
    for number, row, problem in csvfiles.dict_rows(source, columns=ACCEPTED):
        if number - 1 > limit:
            result.add_error(number, _("The file has more than %(n)s rows: split it into "
                                       "smaller files (for example one per school).", n=limit))
            break
        if not problem and not header_checked:
            problem = _header_problem(row)
            if problem:
                result.add_error(1, problem)
                break
            header_checked = True
        values = None
        if not problem:
            values, problem = _parse(actor, _canonical(row), schools)
        if not problem:
            key = (values["school_id"], values["student_number"])
            if key in seen:
                problem = _("Student number %(number)s appears twice for this school (also "
                            "row %(row)s).", number=key[1], row=seen[key])
            seen[key] = seen.get(key, number)
        if problem:
            result.add_error(number, problem)
        elif not result.error_count:
            batch.append(values)
            result.school_ids.add(values["school_id"])
            if len(batch) >= BATCH:
                _store_or_note(actor, batch, result)
                batch = []
    if batch and not result.error_count:
        _store_or_note(actor, batch, result)
    if result.error_count:
        db.session.rollback()
        result.created = result.updated = result.unchanged = 0
        return result
    audit.record(actor, "student.import", created=result.created, updated=result.updated,
                 unchanged=result.unchanged, school_ids=sorted(result.school_ids))
    db.session.commit()
    return result
