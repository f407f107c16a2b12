"""The register of suspensions and expulsions against the database: revisions instead of
edits, the law's limits as validation, reach, audit, and the inspectorate reminder."""
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from coordination import jobs
from coordination.audit.models import AuditEvent
from coordination.database import RowIsImmutable
from coordination.errors import Forbidden, NotFound, ValidationError
from coordination.extensions import db
from coordination.notifications.models import Notification
from coordination.suspensions import reminders, services
from coordination.suspensions.models import SuspensionRevision
from coordination.timeutil import today_local, utcnow

MON, TUE, WED, THU, FRI = (date(2026, 11, d) for d in (2, 3, 4, 5, 6))
NEXT_MON, NEXT_TUE = date(2026, 11, 9), date(2026, 11, 10)


@pytest.fixture
def world(make):
    school = make.school(region="midden")
    coordinator = make.user("coordinator")
    parent = make.user("parent")
    student = make.student(school)
    case = make.case(coordinator, student, members=[(parent, "parent")])
    mentor = make.user("professional", schools=[school])
    outsider = make.user("coordinator")
    return {"school": school, "coordinator": coordinator, "parent": parent,
            "student": student, "case": case, "mentor": mentor, "outsider": outsider}


def suspend(actor, student, first=MON, last=WED, told=MON, informed=None, reason="Geweld"):
    return services.record_suspension(actor, student.id, first, last, reason, told, informed)


def actions(student):
    return [e.action for e in db.session.scalars(
        sa.select(AuditEvent).where(AuditEvent.student_id == student.id)
        .order_by(AuditEvent.id))]


def fields_of(exc_info):
    return exc_info.value.fields


def test_a_suspension_is_recorded_on_the_open_case_and_audited(app, world):
    revision = suspend(world["mentor"], world["student"])
    assert revision.number == 1
    suspension = revision.suspension_id
    register = services.register_for(world["mentor"], world["student"].id)
    [entry] = register["suspensions"]
    assert entry.current.suspension_id == suspension
    assert entry.school_days == 3 and entry.needs_inspectorate and entry.reminder
    assert db.session.get(services.Suspension, suspension).case_id == world["case"].id
    assert actions(world["student"]) == ["suspension.record", "suspension.list"]
    services.section(world["mentor"], world["student"])  # part of a page read: not again
    assert actions(world["student"]) == ["suspension.record", "suspension.list"]


def test_filling_in_the_inspectorate_date_later_is_a_new_revision(app, world):
    first = suspend(world["coordinator"], world["student"])
    second = services.revise_suspension(world["coordinator"], world["student"].id,
                                        first.suspension_id,
                                        {"inspectorate_informed_on": TUE})
    assert second.number == 2 and second.inspectorate_informed_on == TUE
    db.session.expire_all()
    history = db.session.scalars(sa.select(SuspensionRevision).where(
        SuspensionRevision.suspension_id == first.suspension_id)
        .order_by(SuspensionRevision.number)).all()
    assert [h.inspectorate_informed_on for h in history] == [None, TUE]
    [entry] = services.register_for(world["coordinator"], world["student"].id)["suspensions"]
    assert not entry.reminder and len(entry.history) == 2
    event = db.session.scalar(sa.select(AuditEvent).where(
        AuditEvent.action == "suspension.revise"))
    assert event.detail["fields"] == ["inspectorate_informed_on"]
    assert event.case_id == world["case"].id


def test_revisions_are_never_edited_in_place(app, world):
    revision = suspend(world["coordinator"], world["student"])
    revision.reason = "anders"
    with pytest.raises(RowIsImmutable):
        db.session.flush()
    db.session.rollback()


def test_a_revision_that_changes_nothing_is_refused(app, world):
    revision = suspend(world["coordinator"], world["student"])
    with pytest.raises(ValidationError):
        services.revise_suspension(world["coordinator"], world["student"].id,
                                   revision.suspension_id, {"first_day": MON})


@pytest.mark.parametrize("kwargs, field", [
    ({"first": WED, "last": MON}, "last_day"),
    ({"told": None}, "told_in_writing_on"),
    ({"told": "tomorrow"}, "told_in_writing_on"),
    ({"informed": "tomorrow"}, "inspectorate_informed_on"),
    ({"reason": "   "}, "reason"),
    ({"first": date(1980, 1, 1), "last": date(1980, 1, 1)}, "first_day"),
    # Saturday and Sunday: no school day.
    ({"first": date(2026, 11, 7), "last": date(2026, 11, 8)}, "last_day"),
    # Monday to the next Monday: six school days, more than one week.
    ({"first": MON, "last": NEXT_MON}, "last_day"),
])
def test_the_law_and_the_calendar_limit_what_can_be_recorded(app, world, kwargs, field):
    # "tomorrow" when the test runs, not when it is collected (a run across midnight).
    kwargs = {k: today_local() + timedelta(days=1) if v == "tomorrow" else v
              for k, v in kwargs.items()}
    with pytest.raises(ValidationError) as exc_info:
        suspend(world["coordinator"], world["student"], **kwargs)
    assert field in fields_of(exc_info)
    assert db.session.scalar(sa.select(sa.func.count(SuspensionRevision.id))) == 0


def test_a_whole_school_week_is_allowed(app, world):
    assert suspend(world["coordinator"], world["student"], first=MON, last=FRI).number == 1


def test_a_second_suspension_may_not_make_the_run_longer_than_a_week(app, world):
    suspend(world["coordinator"], world["student"], first=WED, last=FRI)
    with pytest.raises(ValidationError) as exc_info:
        suspend(world["coordinator"], world["student"], first=NEXT_MON, last=date(2026, 11, 11))
    assert "6" in str(fields_of(exc_info)["last_day"][0])
    with pytest.raises(ValidationError) as exc_info:
        suspend(world["coordinator"], world["student"], first=FRI, last=NEXT_MON)
    assert "first_day" in fields_of(exc_info)  # overlaps the first one
    assert suspend(world["coordinator"], world["student"], first=NEXT_MON,
                   last=NEXT_TUE).number == 1  # 5 school days in a row


def test_withdrawing_needs_a_reason_and_frees_the_days(app, world):
    revision = suspend(world["coordinator"], world["student"])
    with pytest.raises(ValidationError) as exc_info:
        services.revise_suspension(world["coordinator"], world["student"].id,
                                   revision.suspension_id, {"withdrawn": True})
    assert "note" in fields_of(exc_info)
    services.revise_suspension(world["coordinator"], world["student"].id,
                               revision.suspension_id, {"withdrawn": True},
                               "Verkeerde leerling")
    assert suspend(world["coordinator"], world["student"]).number == 1


def test_outside_reach_is_not_found_and_the_family_may_not(app, world):
    student = world["student"]
    with pytest.raises(NotFound):
        suspend(world["outsider"], student)
    with pytest.raises(NotFound):
        services.register_for(world["outsider"], student.id)
    with pytest.raises(Forbidden):
        services.register_for(world["parent"], student.id)
    with pytest.raises(NotFound):
        services.revise_suspension(world["outsider"], student.id, 1, {"withdrawn": True}, "x")
    assert services.section(world["parent"], student) == {}


def test_a_suspension_of_another_student_cannot_be_revised_through_this_one(app, world, make):
    other = make.student(world["school"])
    revision = suspend(world["mentor"], other)
    with pytest.raises(ValidationError) as exc_info:
        services.revise_suspension(world["mentor"], world["student"].id,
                                   revision.suspension_id, {"inspectorate_informed_on": TUE})
    assert "suspension_id" in fields_of(exc_info)


# ------------------------------------------------------------------------ expulsions

def expel(actor, student, **values):
    base = {"decided_on": THU, "reason": "Herhaald geweld", "hearing_on": TUE}
    return services.record_expulsion(actor, student.id, **{**base, **values})


def test_an_expulsion_records_its_steps_as_revisions(app, world):
    first = expel(world["coordinator"], world["student"])
    [entry] = services.register_for(world["coordinator"], world["student"].id)["expulsions"]
    assert entry.open_steps == ["attendance_officer_informed_on", "inspectorate_informed_on",
                                "new_school_found_on"]
    services.revise_expulsion(world["coordinator"], world["student"].id, first.expulsion_id,
                              {"attendance_officer_informed_on": THU,
                               "inspectorate_informed_on": FRI})
    final = services.revise_expulsion(
        world["coordinator"], world["student"].id, first.expulsion_id,
        {"new_school_name": "Het Baken", "new_school_found_on": NEXT_MON,
         "effective_on": NEXT_TUE}, "Het Baken neemt hem aan")
    assert final.number == 3 and final.note == "Het Baken neemt hem aan"
    [entry] = services.register_for(world["coordinator"], world["student"].id)["expulsions"]
    assert entry.open_steps == [] and len(entry.history) == 3
    assert entry.history[0].new_school_name is None
    assert actions(world["student"]).count("expulsion.revise") == 2


@pytest.mark.parametrize("values, field", [
    ({"hearing_on": FRI}, "hearing_on"),  # heard after the decision
    ({"effective_on": NEXT_MON}, "effective_on"),  # no other school yet
    ({"new_school_name": "Het Baken"}, "new_school_found_on"),
    ({"new_school_name": "Het Baken", "new_school_found_on": FRI, "effective_on": THU},
     "effective_on"),
    ({"decided_on": "tomorrow"}, "decided_on"),
    ({"attendance_officer_informed_on": today_local() + timedelta(days=2)},
     "attendance_officer_informed_on"),
    ({"reason": ""}, "reason"),
])
def test_expulsion_steps_follow_the_law(app, world, values, field):
    values = {k: today_local() + timedelta(days=1) if v == "tomorrow" else v
              for k, v in values.items()}
    with pytest.raises(ValidationError) as exc_info:
        expel(world["coordinator"], world["student"], **values)
    assert field in fields_of(exc_info)


# ---------------------------------------------------------------------- the reminder

def notifications_for(user):
    return db.session.scalars(sa.select(Notification).where(
        Notification.user_id == user.id)).all()


def later():
    return utcnow() + timedelta(days=2)


def test_the_coordinator_is_reminded_once_about_the_inspectorate(app, world):
    suspend(world["mentor"], world["student"])
    moment = later()
    jobs.tick(moment)
    jobs.tick(moment)
    jobs.tick(moment + timedelta(days=1))
    [notification] = notifications_for(world["coordinator"])
    assert notification.kind == reminders.REMINDER_KIND
    assert notification.case_id == world["case"].id
    assert notification.values["student_id"] == world["student"].id
    assert notification.values["school_days"] == 3


def test_no_reminder_the_same_day_it_was_recorded(app, world):
    suspend(world["mentor"], world["student"])
    jobs.tick(utcnow())
    assert notifications_for(world["coordinator"]) == []


def test_no_reminder_for_one_day_or_when_the_inspectorate_was_informed(app, world, make):
    suspend(world["mentor"], world["student"], first=MON, last=MON)
    other = make.student(world["school"])
    make.case(world["coordinator"], other)
    suspend(world["mentor"], other, informed=TUE)
    jobs.tick(later())
    assert notifications_for(world["coordinator"]) == []


def test_no_reminder_when_the_date_is_filled_in_before_it_is_due(app, world):
    revision = suspend(world["mentor"], world["student"])
    jobs.tick(utcnow())  # planned for tomorrow morning
    services.revise_suspension(world["mentor"], world["student"].id, revision.suspension_id,
                               {"inspectorate_informed_on": TUE})
    jobs.tick(later())
    assert notifications_for(world["coordinator"]) == []


def test_without_a_case_the_schools_coordinators_and_officers_are_reminded(app, make, world):
    student = make.student(world["school"])
    officer = make.user("attendance_officer", schools=[world["school"]])
    school_coordinator = make.user("coordinator", schools=[world["school"]])
    suspend(world["mentor"], student)
    jobs.tick(later())
    assert len(notifications_for(officer)) == 1
    assert len(notifications_for(school_coordinator)) == 1
    assert notifications_for(world["mentor"]) == []  # a mentor is neither
    assert notifications_for(officer)[0].case_id is None


def test_the_retention_purge_takes_the_register_of_an_expired_case_along(app, world):
    from datetime import datetime, timezone

    from coordination.cases.models import CLOSED
    from coordination.privacy import services as privacy
    from coordination.suspensions.models import ExpulsionRevision

    suspend(world["coordinator"], world["student"])
    expel(world["coordinator"], world["student"])
    now = datetime(2033, 3, 1, 10, tzinfo=timezone.utc)
    case = world["case"]
    case.status, case.closed_at = CLOSED, now - timedelta(days=6 * 365)
    db.session.commit()
    assert privacy.purge_and_commit(now)["cases"] == [case.id]
    assert db.session.scalar(sa.select(sa.func.count(SuspensionRevision.id))) == 0
    assert db.session.scalar(sa.select(sa.func.count(ExpulsionRevision.id))) == 0
