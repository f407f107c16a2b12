"""Flask commands: `flask users …`, `flask schools create`, `flask students import`,
`flask attendance import`, `flask demo load`, `flask scheduler run`, `flask mail …`.

Errors are one line in the app's language (Dutch by default), never a traceback. The
commands of a process or a feature of their own live beside it (scheduler/cli.py,
mail/cli.py, demo/cli.py); all are registered here."""
import click
from flask.cli import AppGroup
from flask_babel import gettext as _
from flask_babel import ngettext

from coordination.accounts import services as accounts
from coordination.accounts import tokens as api_tokens
from coordination.accounts.models import ROLES
from coordination.errors import ServiceError
from coordination.extensions import db
from coordination.schools.models import REGIONS

users_cli = AppGroup("users", help="Manage user accounts.")
attendance_cli = AppGroup("attendance", help="Attendance registration.")
students_cli = AppGroup("students", help="Students: the roster import.")
schools_cli = AppGroup("schools", help="Schools.")


class CliError(click.ClickException):
    """A one-line error in the app's language ("Fout: …" in Dutch), exit code 1. Made
    inside the command (click shows it after the app context has ended)."""

    def __init__(self, message):
        super().__init__(_("Error: %(message)s", message=message))

    def show(self, file=None):
        click.echo(self.format_message(), err=True)


def _one_line(exc):
    """A service error as one line: its message and each field's messages."""
    fields = "; ".join(f"{k}: {' '.join(map(str, v))}" for k, v in exc.fields.items())
    return " ".join(f"{exc.message} {fields}".split())


def _importer(email):
    """The active account an import is made by. :raise CliError: no such account."""
    user = accounts.find_by_email(email)
    if user is None or not user.active:
        raise CliError(_("There is no active account with the address %(email)s.",
                                     email=email))
    return user


def _import_file(path, run):
    """Run `run(stream)` on the file; a refusal (role, reach) is one line, not a traceback."""
    try:
        with open(path, "rb") as stream:
            return run(stream)
    except ServiceError as exc:
        db.session.rollback()
        raise CliError(_one_line(exc)) from None
    except OSError as exc:
        raise CliError(_("The file cannot be read: %(reason)s",
                                     reason=exc.strerror or exc)) from None


def _row_errors(result):
    """Print each row error (stderr); :raise CliError: when there were any."""
    for error in result.errors:
        row = error["row"] if error["row"] is not None else "-"
        click.echo(_("row %(row)s: %(message)s", row=row, message=error["message"]), err=True)
    if result.error_count:
        raise CliError(ngettext(
            "%(num)d row has an error; nothing was stored.",
            "%(num)d rows have errors; nothing was stored.", result.error_count))


@attendance_cli.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--as", "email", required=True, help="The account the import is made by.")
@click.option("--school-id", type=int, default=None)
def import_attendance(path, email, school_id):
    """Import an attendance CSV (all rows or none)."""
    from coordination.attendance import uploads

    user = _importer(email)
    result = _import_file(path, lambda stream: uploads.import_file(
        user, stream, filename=path[-255:], school_id=school_id))
    _row_errors(result)
    click.echo(_("imported %(imported)d, duplicates %(duplicates)d, corrected %(corrected)d",
                 imported=result.imported, duplicates=result.duplicates,
                 corrected=result.corrected))


@students_cli.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--as", "email", required=True, help="The account the import is made by.")
def import_students(path, email):
    """Import a student roster CSV (all rows or none; see docs/files.md)."""
    from coordination.students import importer

    user = _importer(email)
    result = _import_file(path, lambda stream: importer.import_roster(user, stream))
    _row_errors(result)
    click.echo(_("students: %(created)d new, %(updated)d updated, %(unchanged)d unchanged",
                 created=result.created, updated=result.updated, unchanged=result.unchanged))


@schools_cli.command("create")
@click.option("--name", required=True, help="The school's name.")
@click.option("--brin", required=True, help="The BRIN code: 2 digits and 2 letters (12AB).")
@click.option("--region", type=click.Choice(REGIONS), required=True,
              help="The holiday region.")
def create_school(name, brin, region):
    """Create a school (printed: its id, for --school-id and the roster's school_id)."""
    from coordination.schools import services as schools

    try:
        school = schools.create_school(None, name, brin, region)
    except ServiceError as exc:
        raise CliError(_one_line(exc)) from None
    click.echo(_("created school %(id)d %(brin)s %(name)s", id=school.id, brin=school.brin,
                 name=school.name))


@users_cli.command("create")
@click.argument("email")
@click.option("--role", type=click.Choice(ROLES), required=True)
@click.option("--name", required=True)
@click.option("--password", default=None, help="Leave out for an account without a password.")
@click.option("--job-title", default=None)
@click.option("--phone", default=None)
@click.option("--school-id", "school_ids", type=int, multiple=True,
              help="A school the professional works for, or whose figures the analyst "
                   "sees (repeat for several).")
@click.option("--municipality", "municipalities", multiple=True,
              help="A municipality whose residents the attendance officer acts for, or "
                   "whose residents' figures the analyst sees (repeat).")
def create_user(email, role, name, password, job_title, phone, school_ids, municipalities):
    """Create a user account."""
    try:
        user = accounts.create_user(email, name, role, password=password,
                                    job_title=job_title, phone=phone, school_ids=school_ids,
                                    municipalities=municipalities)
    except ServiceError as exc:
        raise CliError(_one_line(exc)) from None
    click.echo(f"created user {user.id} {user.email} ({user.role})")


def _user(email):
    """The account with this address. :raise ClickException: none."""
    user = accounts.find_by_email(email)
    if user is None:
        raise click.ClickException(f"no user with email {email}")
    return user


@users_cli.command("token")
@click.argument("email")
def token(email):
    """Print a new API token for EMAIL (last line, token only)."""
    click.echo(api_tokens.issue_token(_user(email)))


@users_cli.command("revoke-tokens")
@click.argument("email")
def revoke_tokens(email):
    """End every API token of EMAIL at once."""
    user = _user(email)
    count = api_tokens.revoke_tokens(user)
    click.echo(f"revoked {count} token(s) of {user.email}")


@click.command("backup")
@click.argument("destination", type=click.Path(dir_okay=False, writable=True))
def backup(destination):
    """A consistent copy of the database in DESTINATION (SQLite: while the app runs;
    PostgreSQL: pg_dump's custom format, restore with pg_restore)."""
    from coordination import backups

    try:
        size = backups.backup(destination)
    except backups.BackupError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"backup written to {destination} ({size} bytes)")


signals_cli = AppGroup("signals", help="The stored signal state.")


@signals_cli.command("rebuild")
@click.option("--school-id", type=int, help="Only the students of this school.")
def signals_rebuild(school_id):
    """Compute every student's signals and due reports for today from scratch."""
    from coordination.signals import effects, store
    from coordination.timeutil import today_local

    count = store.rebuild(today_local(), school_id)
    click.echo(f"signals rebuilt for {count} student(s)")
    cases = effects.refresh_stale(today_local())
    click.echo(f"did-tier-2-help verdicts stored for {cases} case(s)")


def init_app(app):
    from coordination.demo.cli import demo_cli
    from coordination.mail.cli import mail_cli
    from coordination.scheduler.cli import scheduler_cli

    app.cli.add_command(users_cli)
    app.cli.add_command(demo_cli)
    app.cli.add_command(mail_cli)
    app.cli.add_command(attendance_cli)
    app.cli.add_command(students_cli)
    app.cli.add_command(schools_cli)
    app.cli.add_command(scheduler_cli)
    app.cli.add_command(signals_cli)
    app.cli.add_command(backup)
