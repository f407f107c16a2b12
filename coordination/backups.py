"""`flask backup`: a consistent copy of the database while Regie runs (docs/production.md).

SQLite: the online backup API copies a snapshot page by page, so writers may go on (a
plain file copy of a WAL database can be torn). PostgreSQL: `pg_dump --format=custom`,
which reads one snapshot too."""
import os
import shutil
import sqlite3
import subprocess

from flask import current_app
from sqlalchemy.engine import make_url


class BackupError(Exception):
    pass


def backup(destination):
    """Write the backup to `destination` (a new file). Returns its size in bytes."""
    if os.path.exists(destination):
        raise BackupError(f"{destination} already exists: choose a new file name.")
    url = make_url(current_app.config["SQLALCHEMY_DATABASE_URI"])
    if url.get_backend_name() == "sqlite":
        _sqlite(url.database, destination)
    elif url.get_backend_name() == "postgresql":
        _postgres(url, destination)
    else:
        raise BackupError(f"no backup for a {url.get_backend_name()} database")
    return os.path.getsize(destination)


def _sqlite(path, destination):
    if not path or path == ":memory:":
        raise BackupError("the database is in memory: there is nothing to back up.")
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    target = sqlite3.connect(destination)
    try:
        with target:
            source.backup(target)
    except sqlite3.Error as exc:
        raise BackupError(f"the backup failed: {exc}") from None
    finally:
        source.close()
        target.close()


def _postgres(url, destination):
    pg_dump = shutil.which("pg_dump")
    if pg_dump is None:
        raise BackupError("pg_dump is not installed (Debian: postgresql-client).")
    env = {**os.environ, "PGPASSWORD": url.password or ""}
    command = [pg_dump, "--format=custom", f"--file={destination}",
               f"--host={url.host or 'localhost'}", f"--port={url.port or 5432}",
               f"--username={url.username or ''}", url.database]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        if os.path.exists(destination):
            os.remove(destination)
        raise BackupError(f"pg_dump failed: {done.stderr.strip()}")
