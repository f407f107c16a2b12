"""The one list of scheduled work, run by the scheduler process (`flask scheduler run`),
never inside a web worker. Each entry is a small adapter around a service call; running a
tick twice for the same moment changes nothing the second time."""
from datetime import datetime, timedelta

from sqlalchemy import select

from coordination.accounts import services as accounts
from coordination.accounts.models import User
from coordination.attendance import uploads
from coordination.extensions import db
from coordination.followup import ending as followup_ending
from coordination.mail import services as mail
from coordination.notifications import services as notifications
from coordination.privacy import services as privacy
from coordination.region import stored as region_figures
from coordination.scheduler import services as scheduler
from coordination.signals import effects
from coordination.signals import store as signal_store
from coordination.suspensions import reminders as suspension_reminders
from coordination.tiers import attendance_feed
from coordination.tiers import services as tiers
from coordination.timeutil import AMSTERDAM
from coordination.visits import services as visits


def send_digest(item, now):
    user = db.session.get(User, item.user_id)
    notifications.digest(user, now - timedelta(days=1), now)


# Due items by kind: what happens when one is due.
HANDLERS = {
    "review_deadline": tiers.on_review_deadline,
    "goal_reminder": tiers.on_goal_reminder,
    "digest": send_digest,
    "attendance_proposal": attendance_feed.on_proposal,
    "tier3_absence": attendance_feed.on_tier3_absence,
    "followup": followup_ending.on_followup_reminder,
    "followup_enrolment": followup_ending.on_enrolment_day,
    "followup_end_age": followup_ending.on_end_age_sweep,
    "next_visit": visits.on_next_visit,
    "retention_purge": privacy.on_purge_due,
    suspension_reminders.REMINDER_KIND: suspension_reminders.on_inspectorate_reminder,
}


def plan_digests(now):
    today = now.astimezone(AMSTERDAM).date()
    for user_id in db.session.scalars(select(User.id).where(User.digest.is_(True),
                                                            User.active.is_(True))):
        scheduler.plan(f"digest:{user_id}:{today.isoformat()}", "digest",
                       tiers.local_moment(today), user_id=user_id)
    db.session.commit()


# Planning and housekeeping steps, then the due items, then the mail: in this order, every tick.
PLANNERS = (tiers.plan_goal_reminders, plan_digests, attendance_feed.plan,
            accounts.forget_old_login_failures, privacy.plan_purge,
            suspension_reminders.plan_inspectorate_reminders, followup_ending.plan_end_age_sweep)
# Work queued by web requests (large uploads), run before the planners so that the
# attendance they bring is seen by the same tick; then the stored signal state of every
# student whose inputs changed or whose day moved on (signals/store.py), the
# did-tier-2-help verdicts that read it (signals/effects.py), and the region's figures of
# the schools whose inputs changed (region/stored.py), which read both.
QUEUES = (uploads.run_queued, signal_store.refresh_due, effects.refresh_due,
          region_figures.refresh_due)


def tick(now: datetime):
    """Run everything that is due at `now` once. Returns a summary."""
    for queue in QUEUES:
        queue(now)
    for planner in PLANNERS:
        planner(now)
    done, failed = scheduler.run_due(now, HANDLERS)
    sent, unsent = mail.send_due(now)
    return {"items": done, "failed": failed, "mail_sent": sent, "mail_failed": unsent}
