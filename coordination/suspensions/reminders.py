"""The reminder to inform the inspectorate of a suspension of more than one school day
(DOMAIN.md: the school informs the inspectorate): planned once per suspension, sent the
morning after it was recorded unless the date was filled in meanwhile."""
from datetime import timedelta

from sqlalchemy import String, cast, literal, select

from coordination import revisions
from coordination.accounts.models import ATTENDANCE_OFFICER, COORDINATOR, User, user_schools
from coordination.attendance.calendars import CalendarCache, calendar_for
from coordination.cases.services import open_case_of
from coordination.extensions import db
from coordination.notifications import services as notifications
from coordination.rules import suspensions as rules
from coordination.scheduler import services as scheduler
from coordination.scheduler.models import ScheduledItem
from coordination.students.models import Student
from coordination.suspensions.models import Suspension, SuspensionRevision
from coordination.tiers.services import local_moment
from coordination.timeutil import AMSTERDAM, as_utc

REMINDER_KIND = "suspension_inspectorate"
REMINDER_KEY = "suspension_inspectorate:"  # + the suspension's id: one reminder, ever


def _reminder_day(created_at):
    """The morning after a suspension was recorded: a day to inform the inspectorate."""
    return as_utc(created_at).astimezone(AMSTERDAM).date() + timedelta(days=1)


def plan_inspectorate_reminders(now):
    """Plan one reminder for every suspension of more than one school day that has no
    date for informing the inspectorate and no reminder planned yet (the scheduled item's
    key makes it one, ever). Commits."""
    key = literal(REMINDER_KEY) + cast(Suspension.id, String)
    planned = select(ScheduledItem.id).where(ScheduledItem.key == key).exists()
    stmt = (revisions.newest(SuspensionRevision.suspension_id)
            .join(Suspension, Suspension.id == SuspensionRevision.suspension_id)
            .add_columns(Suspension.created_at, Suspension.case_id, Student.school_id)
            .join(Student, Student.id == Suspension.student_id)
            .where(SuspensionRevision.withdrawn.is_(False),
                   SuspensionRevision.inspectorate_informed_on.is_(None),
                   SuspensionRevision.last_day > SuspensionRevision.first_day, ~planned))
    calendars = CalendarCache()
    for revision, created_at, case_id, school_id in db.session.execute(stmt):
        days = len(calendars.get(school_id).school_days(revision.first_day, revision.last_day))
        if rules.inspectorate_reminder_due(days, None):
            scheduler.plan(f"{REMINDER_KEY}{revision.suspension_id}", REMINDER_KIND,
                           local_moment(_reminder_day(created_at)), case_id=case_id,
                           payload={"suspension_id": revision.suspension_id})
    db.session.commit()


def reminder_receivers(student):
    """The coordinator of the student's open case; without one, the active coordinators
    and attendance officers linked to the student's school."""
    case = open_case_of(student.id)
    if case is not None:
        return case, [case.coordinator_id]
    users = db.session.scalars(
        select(User.id).join(user_schools, user_schools.c.user_id == User.id)
        .where(user_schools.c.school_id == student.school_id, User.active.is_(True),
               User.role.in_((COORDINATOR, ATTENDANCE_OFFICER))).order_by(User.id)).all()
    return None, list(users)


def on_inspectorate_reminder(item, now):
    """The scheduler's handler: notify, unless the date was filled in or the suspension
    was shortened or withdrawn meanwhile. The scheduler commits with its due item."""
    suspension = db.session.get(Suspension, item.payload["suspension_id"])
    if suspension is None:
        return
    current = suspension.revisions[-1]
    # reach: the scheduler reminds; the suspension names the student
    student = db.session.get(Student, suspension.student_id)
    days = len(calendar_for(student.school).school_days(current.first_day, current.last_day))
    if not rules.inspectorate_reminder_due(days, current.inspectorate_informed_on,
                                           current.withdrawn):
        return
    case, receivers = reminder_receivers(student)
    today = now.astimezone(AMSTERDAM).date()
    notifications.notify(receivers, REMINDER_KIND, today, case_id=case.id if case else None,
                         student_id=student.id, first_day=current.first_day.isoformat(),
                         school_days=days)
