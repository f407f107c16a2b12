"""Schools: created and edited by an admin (or on the command line)."""
import re

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from coordination import access
from coordination.audit import services as audit
from coordination.errors import Conflict, Forbidden, NotFound, ValidationError
from coordination.extensions import db
from coordination.schools.models import REGIONS, School

BRIN = re.compile(r"^[0-9]{2}[A-Z]{2}$")
MAX_NAME = 160


def _check(name, brin, region):
    errors = {}
    if not name or len(name) > MAX_NAME:
        errors["name"] = [_l("Fill in the name of the school (at most %(max)d characters).",
                             max=MAX_NAME)]
    if not BRIN.match(brin):
        errors["brin"] = [_l("A BRIN code is 2 digits and 2 letters, for example 12AB.")]
    if region not in REGIONS:
        errors["region"] = [_l("Choose a holiday region.")]
    if errors:
        raise ValidationError(fields=errors)


def create_school(actor, name, brin, region):
    """Create a school; `actor` None is the command line. Commits.

    :raise Forbidden: not an admin. :raise ValidationError: name, BRIN code or region wrong.
    :raise Conflict duplicate_brin: the BRIN code is taken.
    """
    if actor is not None and not access.may_administer(actor):
        raise Forbidden()
    name, brin = (name or "").strip(), (brin or "").strip().upper()
    _check(name, brin, region)
    _check_brin_free(brin)
    school = School(name=name, brin=brin, region=region)
    db.session.add(school)
    db.session.flush()
    audit.record(actor, "school.create", school_id=school.id, brin=brin)
    db.session.commit()
    return school


def _check_brin_free(brin, school_id=None):
    taken = db.session.scalar(select(School.id).where(School.brin == brin))
    if taken is not None and taken != school_id:
        raise Conflict(_l("A school with this BRIN code already exists."),
                       fields={"brin": [_l("This BRIN code is already in use.")]},
                       code="duplicate_brin")


def school_to_edit(actor, school_id):
    """:raise Forbidden: not an admin. :raise NotFound: no such school."""
    if not access.may_administer(actor):
        raise Forbidden()
    school = db.session.get(School, school_id) if 0 < school_id <= 2 ** 31 - 1 else None
    if school is None:
        raise NotFound()
    return school


def update_school(actor, school_id, name, brin, region):
    """Change a school's name, BRIN code and holiday region; 409 when the BRIN code is
    another school's. Commits."""
    school = school_to_edit(actor, school_id)
    brin = brin.strip().upper()
    _check_brin_free(brin, school.id)
    before = {"name": school.name, "brin": school.brin, "region": school.region}
    school.name, school.brin, school.region = name.strip(), brin, region
    after = {"name": school.name, "brin": school.brin, "region": school.region}
    audit.record(actor, "school.update", school_id=school.id,
                 fields=sorted(k for k in before if before[k] != after[k]))
    db.session.commit()
    return school


def list_schools():
    return db.session.scalars(select(School).order_by(School.name)).all()


def linked_schools(user):
    """The schools a professional is linked to (where they register students)."""
    return db.session.scalars(select(School).where(School.id.in_(access.linked_school_ids(user)))
                              .order_by(School.name)).all()
