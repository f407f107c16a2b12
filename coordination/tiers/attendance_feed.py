"""Attendance signals feed the tiers (issue 5): a tier-1 case whose student trips
`problematic_25pct_2w` or `duo_16h_4w` gets a proposal to escalate; a tier-3 case with a
new absence of any kind tells the coordinator the same day (issue 10: school refusal
usually shows as sick reports, so sick counts too). Each fact is told once: the
due item's key is the fact."""
from datetime import timedelta

from sqlalchemy import select

from coordination.attendance.models import Absence
from coordination.cases.models import OPEN, Case
from coordination.extensions import db
from coordination.notifications import services as notifications
from coordination.scheduler import services as scheduler
from coordination.signals.models import SignalEpisode
from coordination.timeutil import AMSTERDAM

PROPOSAL_CODES = ("problematic_25pct_2w", "duo_16h_4w")


def plan(now):
    """Runs after the tick has stored the signal state for today (jobs.QUEUES), so the
    signals are read from it in one query instead of computed per case."""
    # reach: the scheduler plans for every open case; no reader
    held = db.session.execute(select(Case.id, SignalEpisode.code, SignalEpisode.since).join(
        SignalEpisode, SignalEpisode.student_id == Case.student_id).where(
        Case.status == OPEN, Case.tier == 1, SignalEpisode.until.is_(None),
        SignalEpisode.code.in_(PROPOSAL_CODES))).all()
    # Both reads before the first write: on SQLite the write lock is held from the first
    # INSERT to the commit, and the web requests' writes wait for it (issue 12 load test).
    rows = db.session.execute(select(Absence.id, Case.id).join(
        Case, Case.student_id == Absence.student_id).where(
        Case.status == OPEN, Case.tier == 3,
        Absence.created_at >= now - timedelta(days=2), Absence.corrects_id.is_(None))).all()
    # Every fact again each tick (most are planned already): one statement for all.
    scheduler.plan_many(
        [{"key": f"proposal:{case_id}:{code}:{since.isoformat()}",
          "kind": "attendance_proposal", "due_at": now, "case_id": case_id,
          "payload": {"code": code}} for case_id, code, since in held]
        + [{"key": f"absence:{case_id}:{absence_id}", "kind": "tier3_absence", "due_at": now,
            "case_id": case_id, "payload": {"absence_id": absence_id}}
           for absence_id, case_id in rows])
    db.session.commit()


def on_proposal(item, now):
    case = db.session.get(Case, item.case_id)
    if case is not None and case.status == OPEN and case.tier == 1:
        notifications.notify([case.coordinator_id], "proposal",
                             now.astimezone(AMSTERDAM).date(), case_id=case.id,
                             code=item.payload["code"])


def on_tier3_absence(item, now):
    case = db.session.get(Case, item.case_id)
    if case is not None and case.status == OPEN:
        notifications.notify([case.coordinator_id], "attendance",
                             now.astimezone(AMSTERDAM).date(), case_id=case.id)
