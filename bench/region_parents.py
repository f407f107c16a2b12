"""The region's demo parents, for bench/region.py: prints the login key (the part before
@) of the first N parents by email, one a line. Run with the server's environment:
`python -m bench.region_parents N`."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import select  # noqa: E402

from coordination import create_app  # noqa: E402
from coordination.accounts.models import PARENT, User  # noqa: E402
from coordination.demo.people import DOMAIN  # noqa: E402
from coordination.extensions import db  # noqa: E402


def main(count):
    with create_app().app_context():
        for email in db.session.scalars(
                select(User.email).where(User.role == PARENT, User.active,
                                         User.email.like(f"ouder%@{DOMAIN}"))
                .order_by(User.email).limit(count)):
            print(email.split("@")[0])


if __name__ == "__main__":
    main(int(sys.argv[1]))
