"""Attendance files as uploaded: small ones are imported at once, large ones are stored
and imported outside the web request, by the scheduler process (API.md: 202 and
`GET /attendance/imports/{id}`). Either way all rows or none."""
import secrets
from pathlib import Path

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update

from coordination import access
from coordination.accounts.models import User
from coordination.attendance import importer
from coordination.attendance.models import AttendanceImport
from coordination.errors import Forbidden, NotFound, ValidationError
from coordination.extensions import db
from coordination.schools.models import School
from coordination.timeutil import utcnow

CHUNK = 1024 * 1024
PER_TICK = 2  # queued imports run per scheduler tick


def _folder():
    folder = Path(current_app.instance_path) / "uploads"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _too_large(limit):
    result = importer.ImportResult()
    result.add_error(None, str(_l("The file is larger than %(mb)s MB: split it into smaller "
                                  "files (for example one per month).", mb=limit // 2**20)))
    return result


def _spool(stream, limit):
    """Copy the upload to a file under instance/uploads; (path, size) or (None, size) when
    it is larger than `limit` (the rest is not read)."""
    path = _folder() / f"attendance-{secrets.token_hex(8)}.csv"
    size = 0
    with open(path, "wb") as out:
        while chunk := stream.read(CHUNK):
            size += len(chunk)
            if size > limit:
                break
            out.write(chunk)
    if size > limit:
        path.unlink()
        return None, size
    return path, size


def _import_path(actor, path, filename, school_id, record=None):
    """Run the importer over a stored file, read as bytes: a line that is not UTF-8 CSV is
    an error on its row (coordination/csvfiles.py)."""
    with open(path, "rb") as stream:
        return importer.import_csv(actor, stream, filename=filename, school_id=school_id,
                                   record=record)


def _check_school(school_id):
    """:raise ValidationError: `school_id` names no school (schools are not secret: the
    upload page lists them all)."""
    if school_id is not None and db.session.get(School, school_id) is None:
        raise ValidationError(fields={"school_id": [_l("This school does not exist.")]})


def receive(actor, stream, filename=None, school_id=None):
    """Take an uploaded file. Returns (result, None) when it was imported at once, or
    (None, record) when it is queued for the scheduler.

    :raise Forbidden: the actor may not import attendance.
    """
    if not access.may_import_attendance(actor):
        raise Forbidden()
    _check_school(school_id)
    config = current_app.config
    path, size = _spool(stream, config["ATTENDANCE_MAX_BYTES"])
    if path is None:
        return _too_large(config["ATTENDANCE_MAX_BYTES"]), None
    if size <= config["ATTENDANCE_SYNC_MAX_BYTES"]:
        try:
            return _import_path(actor, path, filename, school_id), None
        finally:
            path.unlink(missing_ok=True)
    record = AttendanceImport(by_id=actor.id, filename=filename, school_id=school_id,
                              status="queued", upload_path=path.name)
    db.session.add(record)
    db.session.commit()
    return None, record


def import_file(actor, stream, filename=None, school_id=None):
    """Import a file at once, whatever its size (the command line)."""
    if not access.may_import_attendance(actor):
        raise Forbidden()
    _check_school(school_id)
    path, _size = _spool(stream, current_app.config["ATTENDANCE_MAX_BYTES"])
    if path is None:
        return _too_large(current_app.config["ATTENDANCE_MAX_BYTES"])
    try:
        return _import_path(actor, path, filename, school_id)
    finally:
        path.unlink(missing_ok=True)


def import_state(actor, import_id):
    """An import made by the actor (404 for anyone else's, like a missing one)."""
    record = db.session.scalar(select(AttendanceImport).where(
        AttendanceImport.id == import_id, AttendanceImport.by_id == actor.id))
    if record is None:
        raise NotFound()
    return record


def _claim(record_id):
    """Mark a queued import as running; False when another scheduler took it first."""
    claimed = db.session.execute(
        update(AttendanceImport).where(AttendanceImport.id == record_id,
                                       AttendanceImport.status == "queued")
        .values(status="running"), execution_options={"preserve_rowcount": True})
    db.session.commit()
    return claimed.rowcount == 1


def run_queued(now=None):
    """Import the oldest queued files (a scheduler step). Returns how many ran."""
    ran = 0
    ids = db.session.scalars(select(AttendanceImport.id).where(
        AttendanceImport.status == "queued").order_by(AttendanceImport.id).limit(PER_TICK)).all()
    for record_id in ids:
        if _claim(record_id):
            _run(db.session.get(AttendanceImport, record_id))
            ran += 1
    return ran


def _run(record):
    path = _folder() / record.upload_path
    actor = db.session.get(User, record.by_id)
    if actor is None or not actor.active or not access.may_import_attendance(actor):
        result = importer.ImportResult()
        result.add_error(None, str(_l("The account that uploaded this file may no longer "
                                      "import attendance.")))
    else:
        result = _import_path(actor, path, record.filename, record.school_id, record=record)
    record = db.session.get(AttendanceImport, record.id)
    if result.error_count:
        record.status, record.errors = "failed", result.errors
    record.upload_path, record.finished_at = None, utcnow()
    db.session.commit()
    path.unlink(missing_ok=True)
