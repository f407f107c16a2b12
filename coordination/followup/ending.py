"""How a follow-up ends: by enrolment (at once, or on the day a future enrolment starts),
by a stop for another reason, or at the end age (a daily sweep in bounded chunks); and the
scheduler's handlers of its reminders."""
from datetime import datetime, time

from flask import current_app
from sqlalchemy import func, select

from coordination.audit import services as audit
from coordination.cases.models import OPEN, Case
from coordination.extensions import db
from coordination.followup.models import END_AGE, Deregistration, Enrolment, FollowUpStop
from coordination.followup.records import START_CHECK_STEP
from coordination.notifications import services as notifications
from coordination.rules.legal_status import birthday, latest_birth_date_for_age
from coordination.scheduler import services as scheduler
from coordination.scheduler.models import ScheduledItem
from coordination.students.models import Student
from coordination.timeutil import AMSTERDAM, as_utc

# The end-age sweep handles this many cases per transaction (bounded chunks).
END_AGE_CHUNK = 200


END_AGE_SWEEP_AT = time(6, 30)  # Dutch time, before the day's reminders at 07:00


# Scheduler kinds of the follow-up: its reminders, and the day a future enrolment starts.
FOLLOWUP_KINDS = ("followup", "followup_enrolment")


def end_age():
    """The age at which the follow-up ends (FOLLOWUP_END_AGE; the law: 23)."""
    return current_app.config["FOLLOWUP_END_AGE"]


def enrolled_on_day(student_id, day):
    """Enrolled on `day`: the latest enrolment that has started is not older than the latest
    leaving that has happened (as the signals count it)."""
    enrolled = db.session.scalar(select(func.max(Enrolment.enrolled_on)).where(
        Enrolment.student_id == student_id, Enrolment.enrolled_on <= day))
    left = db.session.scalar(select(func.max(Deregistration.left_on)).where(
        Deregistration.student_id == student_id, Deregistration.left_on <= day))
    return enrolled is not None and (left is None or enrolled >= left)


def _pending_followup(case_id):
    return db.session.scalars(select(ScheduledItem).where(
        ScheduledItem.case_id == case_id, ScheduledItem.kind.in_(FOLLOWUP_KINDS),
        ScheduledItem.done_at.is_(None), ScheduledItem.cancelled_at.is_(None))).all()


def _zomeractie_sent(case_id):
    return any((item.payload or {}).get("step") == "zomeractie" for item in db.session.scalars(
        select(ScheduledItem).where(ScheduledItem.case_id == case_id,
                                    ScheduledItem.kind == "followup",
                                    ScheduledItem.done_at.is_not(None))))


def end_followup(case, now, keep_start_check=False, running=None):
    """Cancel what is pending (but not `running`, the due item being handled);
    `keep_start_check`: the September check after a zomeractie that was sent stays (did
    they really start at the new school?)."""
    keep = keep_start_check and _zomeractie_sent(case.id)
    for item in _pending_followup(case.id):
        if item is not running and not (
                keep and (item.payload or {}).get("step") == START_CHECK_STEP):
            item.cancelled_at = now
    case.followup = False


def on_enrolment_day(item, now):
    """The scheduler's handler: an enrolment dated in the future has started; the follow-up
    ends unless the student left again since. Commits with the due item."""
    case = db.session.get(Case, item.case_id)
    if case is not None and case.followup and enrolled_on_day(
            case.student_id, as_utc(item.due_at).astimezone(AMSTERDAM).date()):
        end_followup(case, now, keep_start_check=True, running=item)


def on_followup_reminder(item, now):
    """Tell the coordinator a follow-up step is due. An enrolment that has started since
    ends the follow-up instead; the September start check comes also after the follow-up
    ended by enrolment (did they really start?)."""
    case = db.session.get(Case, item.case_id)
    if case is None or case.status != OPEN:
        return
    step = item.payload["step"]
    due_on = as_utc(item.due_at).astimezone(AMSTERDAM).date()
    if case.followup and enrolled_on_day(case.student_id, due_on):
        end_followup(case, now, keep_start_check=True, running=item)
    if case.followup or step == START_CHECK_STEP:
        notifications.notify([case.coordinator_id], "followup", now.astimezone(AMSTERDAM).date(),
                             case_id=case.id, step=step)


def _past_end_age(today):
    """A SELECT of the open follow-up cases whose young person has reached the end age."""
    cutoff = latest_birth_date_for_age(today, end_age())
    # reach: the scheduler's own sweep over every follow-up; no reader
    return (select(Case).join(Student, Student.id == Case.student_id)
            .where(Case.status == OPEN, Case.followup.is_(True), Student.date_of_birth <= cutoff))


def plan_end_age_sweep(now):
    """Plan today's end-age sweep once, and only while some follow-up has reached the end
    age (planning twice changes nothing). Commits."""
    today = now.astimezone(AMSTERDAM).date()
    if db.session.scalar(_past_end_age(today).with_only_columns(Case.id).limit(1)) is not None:
        scheduler.plan(f"followup_end_age:{today.isoformat()}", "followup_end_age",
                       datetime.combine(today, END_AGE_SWEEP_AT, tzinfo=AMSTERDAM))
    db.session.commit()


def _end_chunk(now):
    """End at most END_AGE_CHUNK follow-ups that reached the end age, each with a closing
    record that says so and a note to the coordinator. The caller commits. Returns the
    number ended."""
    today = now.astimezone(AMSTERDAM).date()
    age = end_age()
    cases = db.session.scalars(_past_end_age(today).order_by(Case.id)
                               .limit(END_AGE_CHUNK)).all()
    for case in cases:
        db.session.add(FollowUpStop(case_id=case.id, reason=END_AGE, note=None, by_id=None,
                                    on=birthday(case.student.date_of_birth, age)))
        end_followup(case, now)
        notifications.notify([case.coordinator_id], "followup_end_age", today,
                             case_id=case.id, age=age)
        audit.record(None, "case.followup_end_age", case=case, end_age=age)
    return len(cases)


def end_at_age(now):
    """Every follow-up whose young person has reached the end age ends by itself; the case
    leaves the follow-up and the summer list. In chunks, each committed; running it twice
    changes nothing. Returns the number ended."""
    ended = 0
    while True:
        done = _end_chunk(now)
        db.session.commit()
        ended += done
        if done < END_AGE_CHUNK:
            return ended


def on_end_age_sweep(item, now):
    """The scheduler's handler: one chunk, committed with the due item; a full chunk plans
    the next one at once (each chunk runs exactly once, like every due item)."""
    if _end_chunk(now) == END_AGE_CHUNK:
        scheduler.plan(f"followup_end_age:{item.id}:next", "followup_end_age", now)
