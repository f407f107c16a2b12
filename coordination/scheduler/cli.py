"""`flask scheduler tick` and `flask scheduler run`: the scheduler is its own process,
never a web worker; every tick runs the one list of jobs (coordination/jobs.py)."""
import click
from flask.cli import AppGroup

scheduler_cli = AppGroup("scheduler", help="The scheduler: its own process, never a web worker.")


def _summary(now, result):
    return (f"tick {now.isoformat()}: {result['items']} due item(s) done, {result['failed']} "
            f"failed; mail {result['mail_sent']} sent, {result['mail_failed']} failed")


@scheduler_cli.command("tick")
@click.option("--now", "moment", default=None,
              help="ISO moment with offset, e.g. 2027-03-01T08:00:00+01:00 (default: now).")
def scheduler_tick(moment):
    """Run everything that is due at that moment once, then exit (one summary line)."""
    from datetime import datetime

    from coordination import jobs
    from coordination.timeutil import utcnow

    try:
        now = datetime.fromisoformat(moment) if moment else utcnow()
    except ValueError:
        raise click.BadParameter("use an ISO moment such as 2027-03-01T08:00:00+01:00") from None
    if now.tzinfo is None:
        raise click.BadParameter("give the moment with its offset, e.g. +01:00")
    click.echo(_summary(now, jobs.tick(now)))


@scheduler_cli.command("run")
def scheduler_run():
    """The long-running scheduler process: a tick every SCHEDULER_TICK_SECONDS (APScheduler)."""
    from apscheduler.schedulers.blocking import BlockingScheduler
    from flask import current_app

    from coordination import jobs
    from coordination.timeutil import AMSTERDAM, utcnow

    app = current_app._get_current_object()

    def run_tick():
        with app.app_context():
            now = utcnow()
            click.echo(_summary(now, jobs.tick(now)))

    runner = BlockingScheduler(timezone=AMSTERDAM)
    runner.add_job(run_tick, "interval", seconds=app.config["SCHEDULER_TICK_SECONDS"],
                   max_instances=1, coalesce=True, next_run_time=utcnow())
    click.echo("scheduler running; stop with Ctrl-C")
    try:
        runner.start()
    except (KeyboardInterrupt, SystemExit):
        pass
