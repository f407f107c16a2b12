"""Seeded draws shared by the demo loaders (loader.py, region.py)."""
import unicodedata
from datetime import datetime, time, timezone

from coordination.timeutil import AMSTERDAM


def moment(rng, day):
    """A time during a school day on `day`, in UTC."""
    local = datetime.combine(day, time(rng.randint(8, 16), rng.choice((0, 15, 30, 45))),
                             tzinfo=AMSTERDAM)
    return local.astimezone(timezone.utc)


def phone(rng):
    return f"06-{rng.randint(10000000, 99999999)}"


def age(born, today):
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def slug(text):
    text = unicodedata.normalize("NFKD", text.replace("ı", "i"))  # ı: Turkish dotless i
    return "".join(c for c in text.encode("ascii", "ignore").decode().lower() if c.isalnum())
