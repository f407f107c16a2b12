"""Schools and the holiday region their calendar follows."""
from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from coordination.extensions import db
from coordination.timeutil import utcnow

# DOMAIN.md §3b: three holiday regions with nationally advised dates.
REGIONS = ("noord", "midden", "zuid")


class School(db.Model):
    __tablename__ = "schools"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(160))
    # BRIN: the four-character code DUO gives every school.
    brin: Mapped[str] = mapped_column(String(8), unique=True)
    region: Mapped[str] = mapped_column(String(8))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    def __repr__(self):
        return f"<School {self.brin}>"
