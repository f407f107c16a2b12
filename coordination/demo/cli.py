"""`flask demo load` (the demo region, or one at a region's scale) and `flask demo
banner` (what `make run` started and the demo logins)."""
import click
from flask.cli import AppGroup

demo_cli = AppGroup("demo", help="Demo data.")


@demo_cli.command("load")
@click.option("--if-empty", is_flag=True, help="Do nothing when the database has users.")
@click.option("--quiet", is_flag=True, help="Do not print the demo logins.")
@click.option("--scale", type=click.Choice(["demo", "region"]), default="demo",
              help="demo: 3 schools, 600 students; region: 25 schools, 30,000 students, "
                   "3,000 cases, 3,000,000 absences (bulk, a few minutes).")
@click.option("--factor", type=float, default=1.0,
              help="With --scale region: multiply the region (schools, students, cases).")
def load_demo(if_empty, quiet, scale, factor):
    """Fill a realistic demo region and print the demo logins (not in production)."""
    from flask import current_app

    from coordination.demo import loader, region, region_people

    if current_app.config["REGIE_ENV"] == "production":
        # The demo creates an admin with a published password.
        raise click.ClickException(
            "refusing to load demo data in production: the demo accounts have published "
            "passwords. Set REGIE_ENV=development for a demo or test machine.")

    if if_empty and loader.has_data():
        click.echo("The database already has data; demo not loaded again.")
    elif scale == "region":
        region.load(factor, echo=click.echo)
    else:
        loader.load()
    if not quiet:
        for line in (region_people if scale == "region" else loader).login_lines():
            click.echo(line)


@demo_cli.command("banner")
def banner():
    """What `make run` starts and where: the web address, the scheduler, the mailbox, and
    the demo logins."""
    from flask import current_app

    from coordination.demo import loader

    config = current_app.config
    url = config["PUBLIC_URL"]
    lines = ["", "Regie runs here (one Ctrl-C stops all three):",
             f"  web        {url}",
             f"  scheduler  a tick every {config['SCHEDULER_TICK_SECONDS']} s: deadlines, "
             "reminders, digests, and it sends the mail"]
    if config["REGIE_ENV"] == "development":  # only there is a mail catcher and its page
        lines.append(f"  mail       caught on {config['MAIL_HOST']}:{config['MAIL_PORT']}; "
                     f"read it at {url}/dev/mailbox")
    click.echo("\n".join(lines + [""] + loader.login_lines() + [""]))
