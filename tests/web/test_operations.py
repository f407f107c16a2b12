"""Running Regie for real (docs/production.md): the health check and `flask backup`."""
import sqlite3

import pytest
from sqlalchemy import select

from coordination.extensions import db
from coordination.schools.models import School


def test_the_health_check_answers_without_a_login_and_reads_the_database(client):
    answer = client.get("/healthz")
    assert answer.status_code == 200
    assert answer.get_json() == {"status": "ok", "database": "ok"}


def test_the_health_check_says_503_when_the_database_is_gone(app, client, monkeypatch):
    def broken(*_args, **_kwargs):
        from sqlalchemy.exc import OperationalError

        raise OperationalError("SELECT 1", {}, Exception("connection refused"))

    monkeypatch.setattr(db.session, "execute", broken)
    answer = client.get("/healthz")
    assert answer.status_code == 503 and answer.get_json()["database"] == "unreachable"


def test_a_backup_holds_the_data_and_is_a_new_file(app, runner, make, tmp_path):
    make.school(name="Het Baken")
    target = tmp_path / "regie-backup.db"
    done = runner.invoke(args=["backup", str(target)])
    if "pg_dump is not installed" in done.output:
        pytest.skip("pg_dump not on PATH")
    assert done.exit_code == 0, done.output
    assert "backup written to" in done.output and target.stat().st_size > 0
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        with sqlite3.connect(target) as copy:
            names = [row[0] for row in copy.execute("SELECT name FROM schools")]
        assert names == [s.name for s in db.session.scalars(select(School))]
    else:
        assert target.read_bytes()[:5] == b"PGDMP"  # pg_dump's custom format
    again = runner.invoke(args=["backup", str(target)])
    assert again.exit_code == 1 and "already exists" in again.output
