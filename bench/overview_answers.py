"""The region overview's answers, written to files, to compare two versions of the code
byte for byte on the same region (bench/RESULTS.md §11a). Usage, from the root of each
checkout, on an instance that holds a loaded region:

    REGIE_ENV=development REGIE_INSTANCE_DIR=/tmp/rgb-1x SECRET_KEY=x \\
        .venv/bin/python bench/overview_answers.py OUTDIR
    cmp OUTDIR_A/x OUTDIR_B/x  (for each file)

For three analysts (the demo's, linked to every school; one linked to two municipalities
only; one linked to three schools and two municipalities: the last two are added to the
database when missing), today (every school's stored figures fresh after the scheduler's
pass) and tomorrow (every school stale, so counted from the rows): `GET
/api/v1/region/overview?on=` and the page `/region?on=` (its CSRF token and nonces left
out). Prints each file's size and MD5.
"""
import hashlib
import re
import sys
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path.cwd()))

from sqlalchemy import select  # noqa: E402

from coordination import create_app  # noqa: E402
from coordination.accounts import sessions, tokens  # noqa: E402
from coordination.accounts.models import User, UserMunicipality  # noqa: E402
from coordination.extensions import db  # noqa: E402
from coordination.schools.models import School  # noqa: E402
from coordination.timeutil import today_local  # noqa: E402


def _analyst(email, schools, municipalities):
    user = db.session.scalar(select(User).where(User.email == email))
    if user is None:
        user = User(email=email, name=email, role="analyst")
        user.municipalities = [UserMunicipality(key=m, name=m.title())
                               for m in municipalities]
        user.schools = list(db.session.scalars(
            select(School).order_by(School.id).limit(schools)))
        db.session.add(user)
        db.session.commit()
    return user.id


def main(out):
    out.mkdir(parents=True, exist_ok=True)
    app = create_app()

    @app.route("/__bench_login/<int:user_id>")
    def _login(user_id):
        sessions.start_session(db.session.get(User, user_id))
        return "ok"

    with app.app_context():
        ids = {"analyst": db.session.scalar(select(User.id).where(
                   User.email.like("analist@%"))),
               "municipalities": _analyst("bench-municipalities@demo.regie.nl", 0,
                                          ["utrecht", "houten"]),
               "mixed": _analyst("bench-mixed@demo.regie.nl", 3, ["bunnik", "woerden"])}
        bearer = {who: tokens.issue_token(db.session.get(User, i)) for who, i in ids.items()}
        today = today_local()
    for who, user_id in ids.items():
        client = app.test_client()
        assert client.get(f"/__bench_login/{user_id}").status_code == 200
        for name, day in (("today", today), ("tomorrow", today + timedelta(days=1))):
            api = client.get(f"/api/v1/region/overview?on={day.isoformat()}",
                             headers={"Authorization": "Bearer " + bearer[who]})
            page = client.get(f"/region?on={day.isoformat()}")
            assert api.status_code == page.status_code == 200
            html = re.sub(rb'nonce="[^"]*"', b"",
                          re.sub(rb'name="csrf_token"[^>]*>', b">", page.data))
            for suffix, data in (("json", api.data), ("html", html)):
                path = out / f"{who}-{name}.{suffix}"
                path.write_bytes(data)
                print(path.name, len(data), hashlib.md5(data).hexdigest(), flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
