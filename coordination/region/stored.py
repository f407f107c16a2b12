"""The region's figures stored per school (issue 12; region/models.py): counted by the
scheduler for the schools whose inputs changed, added up by the overview.

At a region's size the overview counted all 30,000 students on every request (0.27 s on
SQLite, bench/RESULTS.md §6). Now the scheduler (jobs.QUEUES, after the signal state and
the did-tier-2-help verdicts it feeds) counts each stale school once, a few schools a
commit, and a reader takes the stored figures of the fresh schools and counts only the
stale ones from the rows, exactly as before: the figures are always those that
region/figures.py counts from the rows and the stored signal state. Per school it stores
its groups by municipality and level, for analysts who reach it through residents of
their municipalities, and their sums by level (one JSON value), for analysts linked to
the school, who read them as they are (bench/RESULTS.md §11a).

A school's figures are fresh for a day when its stamp is for that day and its version
has not been raised since they were counted (region/stale.py says what raises it).
The counts of a group are those of region/figures.py (`COUNTS`, also their order in the
whole-school value): after changing them there, empty `region_figure_stamps` in the same
migration so that every school is counted again.
"""
import json

from sqlalchemy import (
    Text,
    and_,
    bindparam,
    case,
    cast,
    delete,
    exists,
    func,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError

from coordination import access
from coordination.extensions import db
from coordination.region import figures
from coordination.region.figures import Group
from coordination.region.models import RegionFigure, RegionFigureStamp, RegionSchoolFigure
from coordination.schools.models import School
from coordination.signals import effects
from coordination.students.models import Student
from coordination.timeutil import AMSTERDAM

STAMPS = RegionFigureStamp.__table__
CHUNK = 5  # schools counted per commit (about 1,200 students each in a region)
# A stored group: the students of one school with the same municipality and level, so
# that an analyst's scope (linked schools, residents of linked municipalities) selects
# whole groups.
BY_GROUP = (Student.school_id, Student.municipality_key, Student.level)


# ------------------------------------------------------------------------- counting

def _stamps_of_every_school():
    """Give every school a stamp (stale), committed, before versions are read: a change
    raises the version of an existing stamp only."""
    missing = db.session.scalars(select(School.id).where(
        ~School.id.in_(select(STAMPS.c.school_id)))).all()
    if not missing:
        return
    try:
        db.session.execute(insert(STAMPS), [{"school_id": i, "version": 0} for i in missing])
        db.session.commit()
    except IntegrityError:  # another scheduler added them first
        db.session.rollback()


def _stale(on):
    return or_(STAMPS.c.on.is_(None), STAMPS.c.on != on, STAMPS.c.counted_version.is_(None),
               STAMPS.c.counted_version != STAMPS.c.version)


def _rows(school_ids, on):
    """The stored rows of the figures on `on` of these schools' students, by school,
    municipality and level."""
    where = Student.school_id.in_(school_ids)
    groups = figures.count(where, on, BY_GROUP)
    tier2 = effects.tier2_improved_by(where, on, BY_GROUP)
    rows = []
    for key in groups.keys() | tier2.keys():
        group = groups.get(key) or Group()
        improved, assessed = tier2.get(key, (0, 0))
        rows.append({"school_id": key[0], "municipality_key": key[1], "level": key[2],
                     **group.counts,
                     "reenrolment_days": sorted(group.reenrolment_days),
                     "tier2_improved": improved, "tier2_assessed": assessed})
    return rows


def _whole_schools(school_ids, rows):
    """The RegionSchoolFigure rows of these schools: their `_rows` added up by level, the
    counts of a level as a list in the order of figures.COUNTS (compact: the reader
    decodes them on every overview)."""
    wholes = {i: {"levels": {}, "tier2": [0, 0]} for i in school_ids}
    for row in rows:
        whole = wholes[row["school_id"]]
        counts, days = whole["levels"].setdefault(
            row["level"], [[0] * len(figures.COUNTS), []])
        for i, name in enumerate(figures.COUNTS):
            counts[i] += row[name]
        days += row["reenrolment_days"]
        whole["tier2"][0] += row["tier2_improved"]
        whole["tier2"][1] += row["tier2_assessed"]
    for whole in wholes.values():
        for _counts, days in whole["levels"].values():
            days.sort()
    return [{"school_id": i, "figures": whole} for i, whole in wholes.items()]


def refresh_stale(on, chunk=CHUNK):
    """Count and store the figures on `on` of every school whose stored ones are stale,
    `chunk` schools a commit, each at most once a call. Returns how many schools."""
    _stamps_of_every_school()
    done, last = 0, 0
    while True:
        # The versions before the rows: a change committed meanwhile raises the version,
        # so the figures stored here are not taken as fresh.
        versions = dict(db.session.execute(
            select(STAMPS.c.school_id, STAMPS.c.version)
            .where(STAMPS.c.school_id > last, _stale(on))
            .order_by(STAMPS.c.school_id).limit(chunk)).all())
        if not versions:
            return done
        ids = list(versions)
        rows = _rows(ids, on)
        # The stamps first: their row locks keep a second scheduler out of these schools'
        # rows until this commit (PostgreSQL).
        for school_id, version in versions.items():
            db.session.execute(update(STAMPS).where(STAMPS.c.school_id == school_id)
                               .values(on=on, counted_version=version))
        for model in (RegionFigure, RegionSchoolFigure):
            db.session.execute(delete(model).where(model.school_id.in_(ids)))
        if rows:
            db.session.execute(insert(RegionFigure), rows)
        db.session.execute(insert(RegionSchoolFigure), _whole_schools(ids, rows))
        db.session.commit()
        done, last = done + len(ids), ids[-1]


def refresh_due(now):
    """Every tick (jobs.QUEUES), after the signal state and the verdicts: the figures of
    today of the schools whose inputs changed, and once a day of every school."""
    return refresh_stale(now.astimezone(AMSTERDAM).date())


# ------------------------------------------------------------------------- reading

# A school linked to the analyst is in their figures whole: its stored whole-school
# figures (one JSON value) are read as they are, in the statement that reads the schools
# and their stamps, and decoded in one go. Only a school reached through residents of a
# linked municipality has its per-municipality rows added up by level, in SQL: the counts,
# the did-tier-2-help counts, and the re-enrolment days of the rows as one text of JSON
# lists. On the tables' columns (Core statements: no ORM result processing).
FIGURES = RegionFigure.__table__
WHOLE = RegionSchoolFigure.__table__
SCHOOLS = School.__table__
_BY_GROUP = (FIGURES.c.school_id, FIGURES.c.level)
_SUMS = (*(func.sum(FIGURES.c[name]) for name in figures.COUNTS),
         func.sum(FIGURES.c.tier2_improved), func.sum(FIGURES.c.tier2_assessed))
_DAYS = func.aggregate_strings(
    case((FIGURES.c.reenrolled > 0, cast(FIGURES.c.reenrolment_days, Text))), ",")


# The schools, by name, each with whether its figures are fresh on `on`, whether the user
# is linked to it and whether the user is linked to any municipality, and for those both
# fresh and linked the whole-school figures: built once (building it cost more than
# running it).
_IS_FRESH = and_(STAMPS.c.on == bindparam("on"),
                 STAMPS.c.counted_version == STAMPS.c.version)
_IS_LINKED = SCHOOLS.c.id.in_(access.linked_school_ids(bindparam("user_id")))
_HAS_MUNICIPALITIES = exists(access.linked_municipality_keys(bindparam("user_id")))
_SCHOOLS_READ = (
    select(SCHOOLS.c.id, SCHOOLS.c.name, _IS_FRESH, _IS_LINKED, _HAS_MUNICIPALITIES,
           cast(WHOLE.c.figures, Text))
    .outerjoin(STAMPS, STAMPS.c.school_id == SCHOOLS.c.id)
    .outerjoin(WHOLE, and_(WHOLE.c.school_id == SCHOOLS.c.id, _IS_FRESH, _IS_LINKED))
    .order_by(SCHOOLS.c.name, SCHOOLS.c.id))


def _decoded(texts):
    """The JSON values of `texts`, decoded in one call (a call per value cost more than
    the rest of its row)."""
    return json.loads(f"[{','.join(texts)}]")


def overview(user, on):
    """({(school_id, level): Group}, [(school_id, name)], (improved, assessed)): the
    figures on `on` in the user's scope (region_figures.overview, and the did-tier-2-help
    counts of effects.tier2_improved), read from the stored figures of the fresh schools
    and counted from the rows for the others. Never writes.

    When every school is fresh (after the scheduler's pass of the day) that is one query
    for an analyst linked to schools only: the schools with their stamps, links and the
    whole-school figures of the fresh linked ones; and one more for an analyst linked to
    a municipality too, when some fresh schools are not linked: their per-municipality
    rows of those municipalities, added up (bench/RESULTS.md §11a)."""
    rows = db.session.execute(_SCHOOLS_READ, {"on": on, "user_id": user.id}).all()
    wholes = iter(_decoded(text for *_school, text in rows if text is not None))
    fresh, every, linked, groups, in_scope = set(), [], set(), {}, set()
    improved = assessed = 0
    has_municipalities = False
    for school_id, name, school_fresh, school_linked, has_municipalities, text in rows:
        every.append((school_id, name))
        if school_fresh:
            fresh.add(school_id)
        if school_linked:
            linked.add(school_id)
        if text is None:
            continue
        whole = next(wholes)
        for level, (counts, days) in whole["levels"].items():
            groups[(school_id, level)] = Group(counts=dict(zip(figures.COUNTS, counts)),
                                               reenrolment_days=days)
            in_scope.add(school_id)
        improved += whole["tier2"][0]
        assessed += whole["tier2"][1]
    reached = [i for i, _name in every
               if i in fresh and i not in linked] if has_municipalities else []
    if reached:
        # The fresh schools reached through residents only: the groups of the linked
        # municipalities, added up in SQL by school and level.
        for school_id, level, *values, joined in db.session.execute(
                select(*_BY_GROUP, *_SUMS, _DAYS)
                .where(FIGURES.c.school_id.in_(reached),
                       access.region_scope(user, FIGURES.c.school_id,
                                           FIGURES.c.municipality_key))
                .group_by(*_BY_GROUP)):
            groups[(school_id, level)] = Group(
                counts=dict(zip(figures.COUNTS, values)), reenrolment_days=[
                    d for row in json.loads(f"[{joined}]") for d in row] if joined else [])
            improved += values[-2]
            assessed += values[-1]
            in_scope.add(school_id)
    stale = [i for i, _name in every if i not in fresh]
    if not stale:
        return groups, [(i, name) for i, name in every if i in linked or i in in_scope], (
            improved, assessed)
    scope = access.region_scope(user)
    where = scope if not fresh else and_(scope, Student.school_id.in_(stale))
    for key, group in figures.count(where, on).items():
        groups.setdefault(key, Group()).add(group)
    # reach: `where` is the analyst's scope; counts only
    more, more_assessed = effects.tier2_improved(where, on)
    improved, assessed = improved + more, assessed + more_assessed
    residents_at = select(Student.school_id).where(where)
    shown = [School.id.in_(access.linked_school_ids(user)), School.id.in_(list(in_scope)),
             School.id.in_(residents_at)]
    schools = db.session.execute(select(School.id, School.name).where(or_(*shown))
                                 .order_by(School.name, School.id)).all()
    return groups, schools, (improved, assessed)
