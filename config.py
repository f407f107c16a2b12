"""Settings, read from environment variables.

`REGIE_ENV` chooses the profile: `production` (default), `development` (what
`make run` uses: plain HTTP on loopback) or `testing`.
"""
import os
import secrets
from datetime import date, timedelta
from pathlib import Path

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
    SECRET_KEY = None  # filled in by load_config()
    SQLALCHEMY_DATABASE_URI = os.environ.get(
        "DATABASE_URL", f"sqlite:///{INSTANCE_DIR / 'regie.db'}"
    )
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}

    # Sessions: short idle timeout and an absolute lifetime instead of Flask's 31 days.
    SESSION_COOKIE_NAME = "regie_session"
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = True
    SESSION_IDLE_MINUTES = _int("SESSION_IDLE_MINUTES", 30)
    SESSION_ABSOLUTE_HOURS = _int("SESSION_ABSOLUTE_HOURS", 8)
    PERMANENT_SESSION_LIFETIME = timedelta(hours=SESSION_ABSOLUTE_HOURS)
    REMEMBER_COOKIE_DURATION = timedelta(seconds=0)

    # Login throttling: per IP (Flask-Limiter) and per account (lockout in the database).
    LOGIN_RATE_LIMIT = os.environ.get("LOGIN_RATE_LIMIT", "20 per minute")
    LOGIN_MAX_FAILURES = _int("LOGIN_MAX_FAILURES", 5)
    LOGIN_LOCKOUT_MINUTES = _int("LOGIN_LOCKOUT_MINUTES", 15)
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    RATELIMIT_HEADERS_ENABLED = False

    BABEL_DEFAULT_LOCALE = "nl"
    BABEL_DEFAULT_TIMEZONE = "Europe/Amsterdam"
    LANGUAGES = ("nl", "en")
    BABEL_TRANSLATION_DIRECTORIES = str(BASE_DIR / "coordination" / "translations")

    WTF_CSRF_TIME_LIMIT = None  # the session lifetime already bounds the token
    MAX_CONTENT_LENGTH = _int("MAX_CONTENT_LENGTH", 200 * 1024 * 1024)
    PAGE_SIZE = 50
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
    # Links in mail point here (the scheduler sends mail outside any web request).
    PUBLIC_URL = os.environ.get("PUBLIC_URL", "http://127.0.0.1:5000")

    # Review intervals per tier, in school days of the student's school (DOMAIN.md §6).
    REVIEW_SCHOOL_DAYS_TIER2 = _int("REVIEW_SCHOOL_DAYS_TIER2", 30)  # 6 school weeks
    REVIEW_SCHOOL_DAYS_TIER3 = _int("REVIEW_SCHOOL_DAYS_TIER3", 10)  # 2 school weeks
    # Dropout follow-up ends at 23, or 27 when the region opts in (DOMAIN.md §7).
    FOLLOWUP_END_AGE = _int("FOLLOWUP_END_AGE", 23)
    # Number of reverse proxies (nginx) in front of the app whose X-Forwarded-For and
    # X-Forwarded-Proto headers are trusted; without this every request has the
    # proxy's address and the per-IP login limit becomes one shared limit.
    PROXY_COUNT = _int("REGIE_PROXY_COUNT", 0)


class DevelopmentConfig(Config):
    SESSION_COOKIE_SECURE = False


class TestingConfig(Config):
    TESTING = True
    SESSION_COOKIE_SECURE = False
    SQLALCHEMY_DATABASE_URI = "sqlite://"
    LOGIN_RATE_LIMIT = "1000 per minute"


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
