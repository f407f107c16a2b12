"""Did tier 2 help? stored (issue 12): the region overview's share of tier-2 cases whose
attendance improved within 6 school weeks reads a year of absences per case; at a
region's size (1,600 tier-2 cases) that took 40 s a request (bench/RESULTS.md). The
scheduler stores each open tier-2 case's verdict for the day (`Tier2Effect`); a reader
counts the fresh ones in SQL and computes only the others, which are the cases whose
inputs changed since the last tick.

A verdict is fresh for `on` when it was computed for `on`, from the student's signal
stamp version still current (every change to absences, calendar or timetable raises it:
signals/invalidation.py) and for the case's latest move to tier 2.
"""
from collections import defaultdict
from datetime import date

from sqlalchemy import and_, case, exists, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from coordination.attendance import effect
from coordination.cases.models import OPEN, Case
from coordination.database import WriteTurns
from coordination.extensions import db
from coordination.signals.models import SignalStamp, Tier2Effect
from coordination.tiers.models import TierChange
from coordination.timeutil import AMSTERDAM

CHUNK = 200
_NO_MOVE = date(1, 1, 1)


def _latest_move(on):
    return (select(func.max(TierChange.on)).where(
        TierChange.case_id == Case.id, TierChange.to_tier == 2, TierChange.on <= on)
        .correlate(Case).scalar_subquery())


def fresh(on):
    """A condition on Case: its stored verdict holds for `on`."""
    return exists().where(
        Tier2Effect.case_id == Case.id, Tier2Effect.on == on,
        SignalStamp.student_id == Case.student_id,
        Tier2Effect.stamp_version == SignalStamp.version,
        func.coalesce(Tier2Effect.moved_on, _NO_MOVE)
        == func.coalesce(_latest_move(on), _NO_MOVE))


def _open_tier2():
    return and_(Case.status == OPEN, Case.tier == 2)


def refresh_stale(on, chunk=CHUNK):
    """Store the verdict for `on` of every open tier-2 case whose stored one is not fresh,
    `chunk` cases a commit; each case at most once a call. Returns how many."""
    done, last = 0, 0
    turns = WriteTurns()
    while True:
        # reach: bookkeeping of stored state (scheduler); no reader
        cases = db.session.scalars(
            select(Case).where(_open_tier2(), Case.id > last, ~fresh(on))
            .order_by(Case.id).limit(chunk).options(selectinload(Case.student))).all()
        if not cases:
            return done
        # The versions before the rows: a change committed meanwhile raises the version,
        # so the verdict stored here is not taken as fresh.
        versions = dict(db.session.execute(select(SignalStamp.student_id, SignalStamp.version)
                                           .where(SignalStamp.student_id.in_(
                                               [c.student_id for c in cases]))).all())
        verdicts = effect.tier2_verdicts(cases, on)
        for row_case in cases:
            moved_on, helped = verdicts.get(row_case.id, (None, None))
            row = db.session.get(Tier2Effect, row_case.id) or Tier2Effect(case_id=row_case.id)
            row.on, row.moved_on, row.helped = on, moved_on, helped
            row.stamp_version = versions.get(row_case.student_id, 0)
            db.session.add(row)
        try:
            db.session.commit()
            done += len(cases)
        except IntegrityError:  # a second scheduler stored these cases first
            db.session.rollback()
        last = cases[-1].id
        turns.give_way()


def refresh_due(now):
    """Every tick (jobs.QUEUES), after the signal state: the verdicts for today."""
    return refresh_stale(now.astimezone(AMSTERDAM).date())


def tier2_improved(where, on):
    """(improved, known) over the open tier-2 cases matching `where` (a condition on Case
    and Student, the caller's reach), as attendance/effect.tier2_improved computes them:
    the fresh verdicts counted in SQL, the others computed from the rows. Never writes."""
    # reach: `where` is the caller's reach condition; counts only
    improved, known = db.session.execute(
        select(func.coalesce(func.sum(case((Tier2Effect.helped.is_(True), 1), else_=0)), 0),
               func.count(Tier2Effect.helped))
        .select_from(Case).join(Case.student).join(Tier2Effect, Tier2Effect.case_id == Case.id)
        .where(_open_tier2(), where, fresh(on))).one()
    # reach: `where` is the caller's reach condition
    stale = db.session.scalars(select(Case).join(Case.student)
                               .where(_open_tier2(), where, ~fresh(on))
                               .options(selectinload(Case.student))).all()
    more, more_known = effect.tier2_improved(stale, on) if stale else (0, 0)
    return int(improved) + more, known + more_known


def tier2_improved_by(where, on, by):
    """{key: [improved, known]} as `tier2_improved`, grouped by the Student columns `by`
    (the region's stored figures: region/stored.py). Never writes."""
    counted = defaultdict(lambda: [0, 0])
    # reach: `where` is the caller's condition (the scheduler's schools); counts only
    for *key, improved, known in db.session.execute(
            select(*by, func.coalesce(func.sum(case((Tier2Effect.helped.is_(True), 1),
                                                    else_=0)), 0),
                   func.count(Tier2Effect.helped))
            .select_from(Case).join(Case.student)
            .join(Tier2Effect, Tier2Effect.case_id == Case.id)
            .where(_open_tier2(), where, fresh(on)).group_by(*by)):
        counted[tuple(key)] = [int(improved), known]
    # reach: as above
    stale = db.session.scalars(select(Case).join(Case.student)
                               .where(_open_tier2(), where, ~fresh(on))
                               .options(selectinload(Case.student))).all()
    verdicts = effect.tier2_verdicts(stale, on) if stale else {}
    for row_case in stale:
        helped = verdicts.get(row_case.id, (None, None))[1]
        if helped is not None:
            key = tuple(getattr(row_case.student, column.key) for column in by)
            counted[key][0] += int(helped)
            counted[key][1] += 1
    return counted
