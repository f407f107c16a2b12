"""Tiers, reviews and the escalation timer against the database, driven by tick(now)."""
from datetime import date, datetime, timedelta

import pytest
import sqlalchemy as sa

from coordination import jobs
from coordination.agreements import services as agreements
from coordination.errors import Forbidden, ValidationError
from coordination.extensions import db
from coordination.mail.models import OutboxMessage
from coordination.notifications.models import Notification
from coordination.scheduler.models import ScheduledItem
from coordination.tiers import services
from coordination.tiers.models import TierChange
from coordination.timeutil import AMSTERDAM

MONDAY = date(2026, 11, 2)


def at(day, hour=8):
    return datetime(day.year, day.month, day.day, hour, tzinfo=AMSTERDAM)


@pytest.fixture
def team(make):
    coordinator, mentor, parent = make.user("coordinator"), make.user("professional"), make.user("parent")
    case = make.case(coordinator, make.student(make.school(region="midden")),
                     members=[(mentor, "mentor"), (parent, "parent")])
    return case, coordinator, mentor, parent


def notified(kind):
    return sorted(db.session.scalars(sa.select(Notification.user_id).where(Notification.kind == kind)))


def test_a_missed_review_escalates_once_and_tells_the_professionals(app, team):
    case, coordinator, mentor, parent = team
    services.set_tier(coordinator, case.id, 3, "Home for weeks", MONDAY)
    assert case.next_review_on == date(2026, 11, 16)  # 10 school days
    assert jobs.tick(at(date(2026, 11, 16)))["items"] == 0
    assert jobs.tick(at(date(2026, 11, 17)))["items"] == 1
    db.session.expire_all()
    assert case.tier == 3 and case.intensive_overdue
    change = db.session.scalars(sa.select(TierChange).order_by(TierChange.id.desc())).first()
    assert change.automatic and change.reason == "no review before 2026-11-16"
    assert notified("escalated") == sorted([coordinator.id, mentor.id])
    assert db.session.scalar(sa.select(sa.func.count(OutboxMessage.id))) == 2
    assert jobs.tick(at(date(2026, 11, 17)))["items"] == 0  # the same moment again: nothing
    assert len(notified("escalated")) == 2


def test_a_review_in_time_stops_the_escalation(app, team):
    case, coordinator, *_ = team
    services.set_tier(coordinator, case.id, 2, "Emerging absence", MONDAY)
    services.record_review(coordinator, case.id, "continue", "Going better", None, date(2026, 12, 10))
    jobs.tick(at(date(2026, 12, 15)))
    db.session.expire_all()
    assert case.tier == 2 and case.next_review_on > date(2026, 12, 15)
    assert notified("escalated") == []


def test_tier_2_escalates_to_3_and_reviews_move_tiers(app, team):
    case, coordinator, *_ = team
    services.set_tier(coordinator, case.id, 2, "Emerging absence", MONDAY)
    jobs.tick(at(date(2026, 12, 15)))
    db.session.expire_all()
    assert case.tier == 3 and not case.intensive_overdue
    services.record_review(coordinator, case.id, "deescalate", "Back at school", None, date(2026, 12, 16))
    assert case.tier == 2
    services.record_review(coordinator, case.id, "close", "Done", None, date(2026, 12, 17))
    assert case.status == "closed" and case.next_review_on is None


def test_a_pause_moves_the_deadline(app, team):
    case, coordinator, *_ = team
    services.set_tier(coordinator, case.id, 3, "Intensive", MONDAY)
    services.pause(coordinator, case.id, date(2026, 11, 9), date(2026, 11, 20), "Waiting list", MONDAY)
    assert case.next_review_on == date(2026, 11, 30)
    jobs.tick(at(date(2026, 11, 17)))
    db.session.expire_all()
    assert not case.intensive_overdue and notified("escalated") == []


def test_goal_reminders_daily_until_a_goal_is_agreed_and_missed_days_once(app, team, make):
    case, coordinator, mentor, parent = team
    services.set_tier(coordinator, case.id, 2, "Emerging", MONDAY)
    assert case.goal_due_on == date(2026, 11, 16)
    # The scheduler was down from 16 to 19 November: each missed day's reminder comes once.
    assert jobs.tick(at(date(2026, 11, 19), 9))["items"] == 3
    assert jobs.tick(at(date(2026, 11, 19), 9))["items"] == 0
    assert notified("goal_missing") == [coordinator.id] * 3
    agreements.create(coordinator, case.id, "Back to school 3 mornings a week", parent.id,
                      tier_goal=True)
    jobs.tick(at(date(2026, 11, 20), 9))
    assert len(notified("goal_missing")) == 3


def test_a_deputy_receives_while_the_coordinator_is_away(app, team, make):
    case, coordinator, mentor, parent = team
    deputy = make.user("coordinator")
    services.mark_away(coordinator, date(2026, 11, 16), date(2026, 11, 27), deputy.id)
    services.set_tier(coordinator, case.id, 3, "Intensive", MONDAY)
    jobs.tick(at(date(2026, 11, 17)))
    assert deputy.id in notified("escalated")


def test_only_the_coordinator_decides_and_input_is_checked(app, team):
    case, coordinator, mentor, parent = team
    with pytest.raises(Forbidden):
        services.set_tier(mentor, case.id, 2, "x", MONDAY)
    with pytest.raises(ValidationError):
        services.set_tier(coordinator, case.id, 4, "", MONDAY)
    with pytest.raises(ValidationError):
        services.record_review(coordinator, case.id, "maybe", "", MONDAY, MONDAY)
    assert db.session.scalar(sa.select(sa.func.count(ScheduledItem.id))) == 0


def test_tick_across_the_dst_change_uses_dutch_local_time(app, team):
    case, coordinator, *_ = team
    services.set_tier(coordinator, case.id, 3, "Intensive", date(2027, 3, 12))
    item = db.session.scalar(sa.select(ScheduledItem))
    # Due 07:00 in Amsterdam on the day after the review date, in summer time (UTC+2).
    due = item.due_at.astimezone(AMSTERDAM)
    assert (due.hour, due.utcoffset()) == (7, timedelta(hours=2))


def test_marking_away_with_nothing_filled_in_names_each_missing_field(app, make):
    """Issue 11, finding 4: an empty form said the last day may not be before the first."""
    with pytest.raises(ValidationError) as caught:
        services.mark_away(make.user("coordinator"), None, None, None)
    assert set(caught.value.fields) == {"first", "last", "deputy_id"}
    with pytest.raises(ValidationError) as caught:
        services.mark_away(make.user("coordinator"), date(2026, 11, 20), date(2026, 11, 16),
                           make.user("coordinator").id)
    assert set(caught.value.fields) == {"last"}


def test_an_inactive_or_own_account_is_no_deputy_by_list_or_by_address(app, make):
    coordinator = make.user("coordinator")
    gone = make.user("coordinator", active=False)
    for deputy_id, email, field in ((gone.id, None, "deputy_id"),
                                    (coordinator.id, None, "deputy_id"),
                                    (None, coordinator.email, "professional_email")):
        with pytest.raises(ValidationError) as caught:
            services.mark_away(coordinator, date(2026, 11, 16), date(2026, 11, 20), deputy_id,
                               email)
        assert set(caught.value.fields) == {field}
