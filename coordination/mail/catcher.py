"""Development only: a local SMTP server that keeps every message it receives, and the
reading of those messages for the Mailbox page (/dev/mailbox).

`make run` starts it (`flask mail catch`) and points MAIL_HOST/MAIL_PORT at it, so the page
shows what really went over SMTP, not what the outbox meant to send. Messages are kept as
files in a Maildir (one file per message; aiosmtpd's Mailbox handler writes them).
"""
import re
from datetime import datetime, timezone
from email import message_from_bytes, policy
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Mailbox

SHOWN = 100  # the page lists the newest this many messages
LINK = re.compile(r"(https?://[^\s<>\"']+)")


def start(host, port, directory):
    """Listen on host:port in a background thread; returns the running controller (stop it
    with `.stop()`). The server's own name is fixed, so no DNS lookup is made."""
    for sub in ("tmp", "new", "cur"):  # a Maildir; Maildir() only makes one that is absent
        (Path(directory) / sub).mkdir(parents=True, exist_ok=True)
    controller = Controller(Mailbox(directory), hostname=host, port=port,
                            server_hostname="localhost")
    controller.start()
    return controller


def messages(directory, limit=SHOWN):
    """The newest `limit` messages, newest first: dicts with received (UTC), sender,
    to, subject and parts (the plain text split around its links: odd items are links)."""
    root = Path(directory)
    files = [f for sub in ("new", "cur") if (root / sub).is_dir()
             for f in (root / sub).iterdir() if f.is_file()]
    files.sort(key=lambda f: (f.stat().st_mtime_ns, f.name), reverse=True)
    return [_read(f) for f in files[:limit]]


def _read(path):
    message = message_from_bytes(path.read_bytes(), policy=policy.default)
    body = message.get_body(preferencelist=("plain",))
    text = body.get_content() if body is not None else ""
    received = datetime.fromtimestamp(path.stat().st_mtime, timezone.utc)
    return {"received": received, "sender": str(message.get("From", "")),
            "to": str(message.get("X-RcptTo") or message.get("To", "")),
            "subject": str(message.get("Subject", "")), "parts": LINK.split(text)}
