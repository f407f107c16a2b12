"""`flask mail send` and, in development, `flask mail catch` (the mailbox)."""
import click
from flask.cli import AppGroup

mail_cli = AppGroup("mail", help="Outgoing mail.")


@mail_cli.command("send")
def send_mail():
    """Send every due message in the outbox once (prints one summary line)."""
    from coordination.mail import services as mail

    sent, failed = mail.send_due()
    retry = " (will be retried)" if failed else ""
    click.echo(f"mail: {sent} sent, {failed} failed{retry}")


@mail_cli.command("catch")
def catch_mail():
    """Development only: receive mail on MAIL_HOST:MAIL_PORT and keep it for /dev/mailbox."""
    import signal
    import sys
    import time

    from flask import current_app

    from coordination.mail import catcher

    config = current_app.config
    if config["REGIE_ENV"] != "development":
        raise click.ClickException("the mail catcher runs only with REGIE_ENV=development")
    host, port = config["MAIL_HOST"], config["MAIL_PORT"]
    try:
        controller = catcher.start(host, port, config["MAILBOX_DIR"])
    except OSError as exc:
        raise click.ClickException(
            f"cannot listen on {host}:{port} ({exc.strerror or exc}); "
            "choose another port with MAIL_PORT=…") from None
    click.echo(f"catching mail on {host}:{port}; read it at "
               f"{config['PUBLIC_URL']}/dev/mailbox")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        while True:
            time.sleep(3600)
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        controller.stop()
