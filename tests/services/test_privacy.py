"""AVG: the retention purge of closed cases and the export of everything about a student."""
from datetime import date, datetime, time, timedelta, timezone

import pytest
import sqlalchemy as sa

from coordination.agreements.models import AgreementComment, AgreementRead, ProposalAnswer
from coordination.attendance.models import Absence
from coordination.audit import services as audit
from coordination.audit.models import AuditEvent
from coordination.cases.models import CLOSED, Case, CaseNote
from coordination.database import RowIsImmutable
from coordination.errors import Forbidden, NotFound
from coordination.extensions import db
from coordination.meetings.models import PlannedMeeting
from coordination.notifications.models import Notification
from coordination.portal.models import Invitation
from coordination.privacy import services as privacy
from coordination.scheduler.models import ScheduledItem
from coordination.tiers.models import Review, TierChange
from coordination.visits.models import CaseRisk, HomeVisit

NOW = datetime(2033, 3, 1, 10, tzinfo=timezone.utc)
LONG_AGO = NOW - timedelta(days=6 * 365)   # beyond the default 5 years
RECENTLY = NOW - timedelta(days=4 * 365)   # within them

# Tables that hold rows of a case, and how to count a case's rows in each.
CASE_TABLES = (
    "agreements", "agreement_revisions", "agreement_comments", "agreement_reads",
    "agreement_proposals", "proposal_answers", "meetings", "decisions", "planned_meetings",
    "case_notes", "case_members", "coordinator_handovers", "home_visits", "case_risks",
    "reviews", "tier_changes", "scheduled_items", "notifications", "invitations",
)


def full_case(make, closed_at=None, absence_at=RECENTLY):
    """A case with a row in every table that hangs off a case, and an absence of its
    student recorded at `absence_at`."""
    coordinator = make.user("coordinator")
    parent = make.user("parent")
    youth = make.user("youth")
    case = make.case(coordinator, members=[(parent, "parent"), (youth, "youth")])
    revision = make.agreement(case, coordinator)
    decision = make.decision(case, coordinator)
    proposal = make.proposal(case, youth)
    day = date(2026, 10, 5)
    db.session.add_all([
        AgreementComment(agreement_id=revision.agreement_id, author_id=parent.id, text="ok"),
        AgreementRead(agreement_id=revision.agreement_id, user_id=parent.id, revision=1),
        ProposalAnswer(proposal_id=proposal.id, by_id=coordinator.id, accepted=False, text="no"),
        PlannedMeeting(case_id=case.id, starts_at=NOW, place="school", author_id=coordinator.id),
        CaseNote(case_id=case.id, author_id=coordinator.id, text="confidential"),
        HomeVisit(case_id=case.id, visited_on=day, outcome="met_parent", summary="talked",
                  visibility="team", by_id=coordinator.id),
        CaseRisk(case_id=case.id, text="dog", by_id=coordinator.id),
        Review(case_id=case.id, outcome="continue", note="fine", reviewed_on=day,
               by_id=coordinator.id),
        TierChange(case_id=case.id, from_tier=1, to_tier=2, reason="more", by_id=coordinator.id,
                   on=day),
        ScheduledItem(key=f"k{case.id}", kind="followup", case_id=case.id, due_at=NOW),
        Notification(user_id=coordinator.id, case_id=case.id, kind="comment_new"),
        Invitation(user_id=parent.id, case_id=case.id, token_hash=f"h{case.id}",
                   created_by_id=coordinator.id, expires_at=NOW),
    ])
    db.session.add(Absence(student_id=case.student_id, day=day, start=time(8, 30), end=time(9, 30),
                           kind="unauthorised", source="manual", author_id=coordinator.id,
                           created_at=absence_at))
    audit.record(coordinator, "case.read", case=case)
    db.session.commit()
    assert decision.meeting_id
    if closed_at:
        case.status, case.closed_at = CLOSED, closed_at
        db.session.commit()
    return case


def rows_of_case(case_id):
    """{table: number of rows that belong to the case}, walking the schema."""
    links = privacy._owned_by("cases")
    counts = {}
    for table in links:
        counts[table.name] = db.session.execute(sa.select(sa.func.count()).select_from(table)
                                                .where(privacy._rows_of(table, links, [case_id],
                                                                        "cases"))).scalar()
    return counts


def test_every_case_table_is_covered_by_the_fixture(app, make):
    case = full_case(make)
    counts = rows_of_case(case.id)
    assert set(CASE_TABLES) <= set(counts)
    assert [t for t in CASE_TABLES if counts[t] == 0] == []


def test_purge_deletes_an_expired_case_everywhere_and_leaves_a_tombstone(app, make):
    case = full_case(make, closed_at=LONG_AGO)
    case_id, student_id = case.id, case.student_id
    reads_before = db.session.scalar(sa.select(sa.func.count(AuditEvent.id)))

    assert privacy.purge_and_commit(NOW) == {"cases": [case_id], "students": []}

    db.session.expire_all()
    assert db.session.get(Case, case_id) is None
    assert {t: n for t, n in rows_of_case(case_id).items() if n} == {}
    tombstone = db.session.scalars(sa.select(AuditEvent).where(
        AuditEvent.action == "case.purge")).one()
    assert (tombstone.case_id, tombstone.student_id, tombstone.actor_id) == (
        case_id, student_id, None)
    assert set(tombstone.detail) == {"closed_at", "purged_at", "retention_years"}
    assert tombstone.detail["purged_at"] == NOW.isoformat()
    # The audit log is kept as it was: the earlier read of the case is still there.
    assert db.session.scalar(sa.select(sa.func.count(AuditEvent.id))) == reads_before + 1
    assert db.session.scalar(sa.select(sa.func.count(AuditEvent.id)).where(
        AuditEvent.case_id == case_id, AuditEvent.action == "case.read")) == 1
    # The student's own attendance is not the case's, and recent: it stays.
    assert db.session.scalar(sa.select(sa.func.count(Absence.id)).where(
        Absence.student_id == student_id)) == 1
    # The permit exists only inside the purge's transaction.
    assert db.session.execute(sa.text("SELECT count(*) FROM purge_permits")).scalar() == 0


def test_open_and_recently_closed_cases_are_untouched(app, make):
    open_case = full_case(make)
    recent = full_case(make, closed_at=RECENTLY)
    before = (rows_of_case(open_case.id), rows_of_case(recent.id))

    assert privacy.purge_and_commit(NOW) == {"cases": [], "students": []}
    assert privacy.purge_and_commit(NOW, years=3)["cases"] == [recent.id]

    assert rows_of_case(open_case.id) == before[0]
    assert db.session.get(Case, open_case.id) is not None


def test_a_student_with_no_case_left_and_nothing_recent_is_purged_too(app, make):
    old = full_case(make, closed_at=LONG_AGO, absence_at=LONG_AGO)
    recent = full_case(make, closed_at=LONG_AGO, absence_at=RECENTLY)
    open_case = full_case(make, absence_at=LONG_AGO)
    for student in (old.student, recent.student, open_case.student):
        student.created_at = LONG_AGO
    new_student = make.student()
    new_student.created_at = RECENTLY  # registered within the period, no case: kept
    db.session.commit()
    student_ids = [c.student_id for c in (old, recent, open_case)]

    purged = privacy.purge_and_commit(NOW)

    assert purged == {"cases": [old.id, recent.id], "students": [student_ids[0]]}
    db.session.expire_all()
    assert db.session.scalars(sa.select(Absence.student_id).order_by(Absence.student_id)
                              ).all() == student_ids[1:]
    from coordination.students.models import Student
    assert db.session.scalars(sa.select(Student.id).order_by(Student.id)).all() == [
        *student_ids[1:], new_student.id]
    tombstone = db.session.scalars(sa.select(AuditEvent).where(
        AuditEvent.action == "student.purge")).one()
    assert (tombstone.student_id, tombstone.case_id) == (student_ids[0], None)
    assert set(tombstone.detail) == {"purged_at", "retention_years"}


def test_running_the_purge_twice_changes_nothing_the_second_time(app, make):
    full_case(make, closed_at=LONG_AGO)
    privacy.purge_and_commit(NOW)
    count = db.session.scalar(sa.select(sa.func.count(AuditEvent.id)))
    assert privacy.purge_and_commit(NOW) == {"cases": [], "students": []}
    assert db.session.scalar(sa.select(sa.func.count(AuditEvent.id))) == count


def test_the_scheduler_purges_once_a_day(app, make):
    from coordination import jobs

    case = full_case(make, closed_at=LONG_AGO)
    jobs.tick(NOW)
    db.session.expire_all()
    assert db.session.get(Case, case.id) is None
    assert db.session.scalar(sa.select(sa.func.count(ScheduledItem.id)).where(
        ScheduledItem.kind == "retention_purge", ScheduledItem.done_at.is_not(None))) == 1


def test_no_purge_run_is_planned_while_there_is_nothing_to_purge(app, make):
    from coordination import jobs

    full_case(make, closed_at=RECENTLY)
    jobs.tick(NOW)
    assert db.session.scalar(sa.select(sa.func.count(ScheduledItem.id)).where(
        ScheduledItem.kind == "retention_purge")) == 0


@pytest.mark.parametrize("statement", [
    "DELETE FROM case_notes", "UPDATE case_notes SET text = 'x'",
    "DELETE FROM reviews", "UPDATE agreement_revisions SET text = 'x'",
    "DELETE FROM audit_events", "UPDATE audit_events SET action = 'x'",
])
def test_the_triggers_still_refuse_normal_updates_and_deletes(app, make, statement):
    full_case(make, closed_at=LONG_AGO)
    with pytest.raises(sa.exc.DatabaseError):
        db.session.execute(sa.text(statement))
    db.session.rollback()


def test_not_even_a_purge_may_touch_the_audit_log_or_update_a_row(app, make):
    from coordination.database import purging

    full_case(make)
    for statement in ("DELETE FROM audit_events", "UPDATE case_notes SET text = 'x'"):
        with pytest.raises(sa.exc.DatabaseError):
            with purging(db.session):
                db.session.execute(sa.text(statement))
        db.session.rollback()


def test_the_orm_refuses_deletes_of_append_only_rows_outside_a_purge(app, make):
    full_case(make)
    note = db.session.scalars(sa.select(CaseNote)).first()
    db.session.delete(note)
    with pytest.raises(RowIsImmutable):
        db.session.flush()
    db.session.rollback()
    with pytest.raises(RowIsImmutable):
        db.session.execute(sa.delete(CaseNote))
    db.session.rollback()


def test_export_holds_everything_about_the_student(app, make):
    case = full_case(make, closed_at=LONG_AGO)
    admin = make.user("admin")

    data = privacy.export_student(admin, case.student_id)

    assert data["student"]["id"] == case.student_id
    assert [c["id"] for c in data["cases"]] == [case.id]
    for table in CASE_TABLES + ("absences",):
        assert data[table], table
    assert data["case_notes"][0]["text"] == "confidential"
    assert all("token_hash" not in row for row in data["invitations"])
    actions = [e["action"] for e in data["audit"]]
    assert "case.read" in actions and actions[-1] == "student.export"
    assert {p["id"] for p in data["people"]} >= {case.coordinator_id}


def test_export_is_for_admins_only(app, make):
    case = full_case(make)
    coordinator = db.session.get(Case, case.id).coordinator
    with pytest.raises(Forbidden):
        privacy.export_student(coordinator, case.student_id)
    with pytest.raises(NotFound):
        privacy.export_student(make.user("coordinator"), case.student_id)
    with pytest.raises(NotFound):
        privacy.export_student(make.user("admin"), 10 ** 6)
