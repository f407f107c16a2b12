"""Schools: created by an admin."""
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from coordination.errors import Conflict, Forbidden
from coordination.extensions import db
from coordination.schools.models import School


def create_school(actor, name, brin, region):
    """Create a school; 409 when the BRIN code is taken. Commits."""
    if actor.role != "admin":
        raise Forbidden()
    brin = brin.strip().upper()
    if db.session.scalar(select(School.id).where(School.brin == brin)):
        raise Conflict(_l("A school with this BRIN code already exists."),
                       fields={"brin": [_l("This BRIN code is already in use.")]},
                       code="duplicate_brin")
    school = School(name=name.strip(), brin=brin, region=region)
    db.session.add(school)
    db.session.commit()
    return school


def list_schools():
    return db.session.scalars(select(School).order_by(School.name)).all()


def linked_schools(user):
    """The schools a professional is linked to (where they register students)."""
    from coordination.access import linked_school_ids

    return db.session.scalars(select(School).where(School.id.in_(linked_school_ids(user)))
                              .order_by(School.name)).all()
