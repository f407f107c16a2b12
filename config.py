"""Settings, read from environment variables.

`REGIE_ENV` chooses the profile: `production` (default), `development` (what
`make run` uses: plain HTTP on loopback) or `testing`.
"""
import os
import secrets
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlsplit

BASE_DIR = Path(__file__).resolve().parent
INSTANCE_DIR = Path(os.environ.get("REGIE_INSTANCE_DIR", BASE_DIR / "instance"))


def _secret_key():
    """SECRET_KEY from the environment, else one generated once and kept in instance/."""
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    INSTANCE_DIR.mkdir(parents=True, exist_ok=True)
    path = INSTANCE_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


def _int(name, default):
    return int(os.environ.get(name, default))


def _date(name, default):
    return date.fromisoformat(os.environ.get(name, default))


class Config:
    REGIE_ENV = "production"  # the profile's name; `flask demo load` refuses to run here
    SECRET_KEY = None  # filled in by load_config()
    SQLALCHEMY_DATABASE_URI = os.environ.get(
        "DATABASE_URL", f"sqlite:///{INSTANCE_DIR / 'regie.db'}"
    )
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    # SQLite only: how long a connection waits for the one write lock before it fails with
    # "database is locked". A web request waits at most this (below gunicorn's 30 s worker
    # timeout); the scheduler's loops give way to waiting writers (database.WriteTurns).
    SQLITE_BUSY_TIMEOUT_SECONDS = float(os.environ.get("SQLITE_BUSY_TIMEOUT_SECONDS", 15))

    # Sessions: short idle timeout and an absolute lifetime instead of Flask's 31 days.
    SESSION_COOKIE_NAME = "regie_session"
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = True
    SESSION_IDLE_MINUTES = _int("SESSION_IDLE_MINUTES", 30)
    SESSION_ABSOLUTE_HOURS = _int("SESSION_ABSOLUTE_HOURS", 8)
    PERMANENT_SESSION_LIFETIME = timedelta(hours=SESSION_ABSOLUTE_HOURS)
    REMEMBER_COOKIE_DURATION = timedelta(seconds=0)

    # Login throttling (coordination/rules/logins.py): growing delays per account and per
    # client address, counted in the database so that every worker shares them. On top,
    # Flask-Limiter's per-IP request limit; its counters live in RATELIMIT_STORAGE_URI
    # (memory:// is per worker process; use redis://host:6379 with several workers/servers).
    LOGIN_RATE_LIMIT = os.environ.get("LOGIN_RATE_LIMIT", "20 per minute")
    LOGIN_ACCOUNT_FREE_FAILURES = _int("LOGIN_ACCOUNT_FREE_FAILURES", 5)
    LOGIN_ADDRESS_FREE_FAILURES = _int("LOGIN_ADDRESS_FREE_FAILURES", 20)
    LOGIN_DELAY_CAP_SECONDS = _int("LOGIN_DELAY_CAP_SECONDS", 300)
    LOGIN_FORGET_AFTER_MINUTES = _int("LOGIN_FORGET_AFTER_MINUTES", 60)
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")

    # API tokens end this many days after they were issued.
    API_TOKEN_DAYS = _int("API_TOKEN_DAYS", 90)
    RATELIMIT_HEADERS_ENABLED = False

    BABEL_DEFAULT_LOCALE = "nl"
    BABEL_DEFAULT_TIMEZONE = "Europe/Amsterdam"
    LANGUAGES = ("nl", "en")
    BABEL_TRANSLATION_DIRECTORIES = str(BASE_DIR / "coordination" / "translations")

    WTF_CSRF_TIME_LIMIT = None  # the session lifetime already bounds the token
    MAX_CONTENT_LENGTH = _int("MAX_CONTENT_LENGTH", 200 * 1024 * 1024)
    PAGE_SIZE = 50
    # Attendance files: up to ATTENDANCE_SYNC_MAX_BYTES are imported within the request;
    # larger ones (up to ATTENDANCE_MAX_BYTES) are stored and imported by the scheduler.
    ATTENDANCE_SYNC_MAX_BYTES = _int("ATTENDANCE_SYNC_MAX_BYTES", 2 * 1024 * 1024)
    ATTENDANCE_MAX_BYTES = _int("ATTENDANCE_MAX_BYTES", 100 * 1024 * 1024)
    # A school's own days off as an iCalendar file (.ics): at most this large, with at
    # most this many events (a school year has a few dozen).
    CALENDAR_MAX_BYTES = _int("CALENDAR_MAX_BYTES", 1024 * 1024)
    CALENDAR_MAX_EVENTS = _int("CALENDAR_MAX_EVENTS", 500)
    # A list of young people not enrolled (dropout follow-up) has at most this many rows.
    FOLLOWUP_LIST_MAX_ROWS = _int("FOLLOWUP_LIST_MAX_ROWS", 5000)
    # A student roster file has at most this many rows (a region's schools together).
    STUDENT_IMPORT_MAX_ROWS = _int("STUDENT_IMPORT_MAX_ROWS", 50000)
    # Input limits (issue 9): dates of events (visits, leaving, absences, reports, reviews,
    # meetings) must lie in this range; a date of birth may not be in the future nor more
    # than BIRTH_DATE_MAX_AGE_YEARS ago; one CSV field may hold CSV_FIELD_MAX_CHARS.
    EVENT_DATE_MIN = _date("EVENT_DATE_MIN", "1990-01-01")
    EVENT_DATE_MAX = _date("EVENT_DATE_MAX", "2100-12-31")
    BIRTH_DATE_MAX_AGE_YEARS = _int("BIRTH_DATE_MAX_AGE_YEARS", 40)
    CSV_FIELD_MAX_CHARS = _int("CSV_FIELD_MAX_CHARS", 4096)

    # Outgoing mail (sent by `flask mail send`, never inside a web request).
    MAIL_HOST = os.environ.get("MAIL_HOST", "localhost")
    MAIL_PORT = _int("MAIL_PORT", 25)
    MAIL_STARTTLS = os.environ.get("MAIL_STARTTLS", "0") == "1"
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME")
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD")
    MAIL_FROM = os.environ.get("MAIL_FROM", "Regie <regie@localhost>")
    # The scheduler process (`flask scheduler run`) runs a tick this often.
    SCHEDULER_TICK_SECONDS = _int("SCHEDULER_TICK_SECONDS", 60)
    # Links in mail point here, never to the Host a request came with (the scheduler sends
    # mail outside any web request, and a forged Host must not end up in an invitation).
    # Required in production: load_config() refuses to start without it.
    PUBLIC_URL = os.environ.get("PUBLIC_URL")
    # Host names the app answers to (comma-separated); any other Host header gets 400.
    # Default: the host of PUBLIC_URL (plus localhost and 127.0.0.1 outside production).
    TRUSTED_HOSTS = [h.strip() for h in os.environ.get("TRUSTED_HOSTS", "").split(",")
                     if h.strip()] or None

    # Review intervals per tier, in school days of the student's school (DOMAIN.md §6).
    REVIEW_SCHOOL_DAYS_TIER2 = _int("REVIEW_SCHOOL_DAYS_TIER2", 30)  # 6 school weeks
    REVIEW_SCHOOL_DAYS_TIER3 = _int("REVIEW_SCHOOL_DAYS_TIER3", 10)  # 2 school weeks
    # Dropout follow-up ends at this birthday: 24 (seed 004 "12 t/m 23", the default =
    # rules.legal_status.FOLLOW_UP_END_AGE; config cannot import the package). A region may
    # extend it up to 28 ("16 t/m 27"); allowed 24..28, anything else stops the start.
    FOLLOWUP_END_AGE = _int("FOLLOWUP_END_AGE", 24)
    # The optional 16-hour DUO report for students of 18 and over (DOMAIN.md §3): a region
    # setting, off unless DUO_REPORT_ADULTS is 1/true/yes.
    DUO_REPORT_ADULTS = os.environ.get("DUO_REPORT_ADULTS", "").lower() in ("1", "true", "yes")
    # Closed cases are purged this many years after closing (AVG: kept no longer than
    # needed). The region decides the period; 5 is only the default.
    RETENTION_YEARS = _int("RETENTION_YEARS", 5)
    # Number of reverse proxies (nginx) in front of the app whose X-Forwarded-For and
    # X-Forwarded-Proto headers are trusted; without this every request has the
    # proxy's address and the per-IP login limit becomes one shared limit.
    PROXY_COUNT = _int("REGIE_PROXY_COUNT", 0)


LOOPBACK_URL = "http://127.0.0.1:5000"
LOOPBACK_HOSTS = ["localhost", "127.0.0.1"]


class DevelopmentConfig(Config):
    REGIE_ENV = "development"
    SESSION_COOKIE_SECURE = False
    PUBLIC_URL = os.environ.get("PUBLIC_URL", LOOPBACK_URL)
    # `make run` starts a mail catcher (`flask mail catch`) here; it keeps every message in
    # MAILBOX_DIR, shown on the development-only page /dev/mailbox.
    MAIL_HOST = os.environ.get("MAIL_HOST", "127.0.0.1")
    MAIL_PORT = _int("MAIL_PORT", 1025)
    MAILBOX_DIR = os.environ.get("MAILBOX_DIR", str(INSTANCE_DIR / "mailbox"))


class TestingConfig(Config):
    REGIE_ENV = "testing"
    TESTING = True
    SESSION_COOKIE_SECURE = False
    SQLALCHEMY_DATABASE_URI = "sqlite://"
    LOGIN_RATE_LIMIT = "1000 per minute"
    PUBLIC_URL = os.environ.get("PUBLIC_URL", LOOPBACK_URL)


PROFILES = {
    "production": Config,
    "development": DevelopmentConfig,
    "testing": TestingConfig,
}


def load_config(app, overrides=None):
    profile = PROFILES[os.environ.get("REGIE_ENV", "production")]
    if overrides and overrides.get("TESTING"):
        profile = TestingConfig
    app.config.from_object(profile)
    app.config["SECRET_KEY"] = _secret_key()
    if overrides:
        app.config.update(overrides)
    _public_url_and_hosts(app.config, loopback=profile is not Config)
    _followup_end_age(app.config)


FOLLOWUP_END_AGES = range(24, 29)


def _followup_end_age(config):
    """FOLLOWUP_END_AGE must lie in 24..28 (seed 004: 12 t/m 23, at most 16 t/m 27)."""
    if config.get("FOLLOWUP_END_AGE") not in FOLLOWUP_END_AGES:
        raise RuntimeError(
            f"FOLLOWUP_END_AGE must be 24 to 28 (the birthday on which the dropout follow-up "
            f"ends), not {config.get('FOLLOWUP_END_AGE')!r}.")


def _public_url_and_hosts(config, loopback):
    """PUBLIC_URL must be set in production; TRUSTED_HOSTS defaults to its host (and the
    loopback names in development and testing)."""
    url = (config.get("PUBLIC_URL") or "").strip().rstrip("/")
    host = urlsplit(url).hostname if url else None
    if not host:
        raise RuntimeError(
            "PUBLIC_URL is not set (or has no host name). Set it to the address people use, "
            "e.g. PUBLIC_URL=https://regie.example.nl: links in mail are built from it.")
    config["PUBLIC_URL"] = url
    if not config.get("TRUSTED_HOSTS"):
        config["TRUSTED_HOSTS"] = [host] + (LOOPBACK_HOSTS if loopback else [])
