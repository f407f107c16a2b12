"""The worklist's items (worklist.services), one reader per kind: each reads only what
another area already stores, for the caller's own cases (or, on the case page, its one
case), but the DUO reports, which cover the caller's reach."""
from dataclasses import dataclass, field
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import func, or_, select, true

from coordination import access
from coordination.accounts.models import FAMILY_ROLES, User
from coordination.agreements import services as agreements
from coordination.agreements.models import Agreement, AgreementComment, Proposal, ProposalAnswer
from coordination.cases.models import OPEN, Case, CaseRead
from coordination.extensions import db
from coordination.followup import services as followup
from coordination.followup.models import ContactAttempt
from coordination.scheduler.models import ScheduledItem
from coordination.signals import services as signals
from coordination.students.models import Student
from coordination.timeutil import AMSTERDAM, as_utc
from coordination.wegwijzer import plan
from coordination.wegwijzer.labels import DOMAIN_LABELS

# Items due within this many days of the day asked for are listed ("this week").
AHEAD_DAYS = 7
TITLE_TEXT_MAX = 80
KINDS = ("review_overdue", "review_due", "tier_goal_missing", "agreement_overdue",
         "proposal_open", "comment_new", "followup_due", "visit_due", "start_check_due",
         "report_due")
# Scheduler kinds whose items are work for a person, and the contact channel that ends them
# (None: any contact attempt).
# Work for the school rather than for one student: on the worklist page, not in the API.
SCHOOL_KINDS = ("wegwijzer_action",)
REMINDERS = {"followup": ("followup_due", None), "next_visit": ("visit_due", "home_visit")}


@dataclass(frozen=True)
class Item:
    kind: str
    case_id: int | None
    student_id: int | None  # None only for SCHOOL_KINDS
    due_on: date
    title: str
    # For `report_due`: the attendance.services.ReportDue row, so a page can offer to
    # record the report right there. Not part of the API answer.
    report: object = field(default=None, compare=False, repr=False)
    # For `wegwijzer_action`: where the page links to (the action's change form).
    trajectory_id: int | None = None
    plan_item_id: int | None = None


def _short(text):
    text = " ".join(text.split())
    return text if len(text) <= TITLE_TEXT_MAX else text[:TITLE_TEXT_MAX - 1] + "…"


def case_items(cases, horizon, on, goal_cases):
    for case in cases:
        name = case.student.full_name
        if case.next_review_on is not None and case.next_review_on < on:
            yield Item("review_overdue", case.id, case.student_id, case.next_review_on,
                       _("Review overdue: %(name)s", name=name))
        elif case.next_review_on is not None and case.next_review_on <= horizon:
            yield Item("review_due", case.id, case.student_id, case.next_review_on,
                       _("Review due: %(name)s", name=name))
        if (case.tier == 2 and case.goal_due_on is not None and case.goal_due_on <= horizon
                and case.id not in goal_cases):
            yield Item("tier_goal_missing", case.id, case.student_id, case.goal_due_on,
                       _("Tier 2 goal missing: %(name)s", name=name))


def goal_cases(case_ids):
    return set(db.session.scalars(select(Agreement.case_id).distinct().where(
        Agreement.case_id.in_(case_ids), Agreement.tier_goal.is_(True))))


def agreement_items(actor, on, cases, case_id=None, rows=None):
    if rows is None:
        rows = agreements.overdue_for(actor, on, case_id)
    missing = {case_id for _revision, case_id in rows} - set(cases)
    if missing:
        cases = {**cases, **{c.id: c for c in db.session.scalars(
            # reach: cases named by the caller's own agreements, proposals or reminders
            select(Case).where(Case.id.in_(missing)))}}
    for revision, case_id in rows:
        case = cases[case_id]
        yield Item("agreement_overdue", case_id, case.student_id, revision.due_date,
                   _("Agreement overdue (%(name)s): %(text)s", name=case.student.full_name,
                     text=_short(revision.text)))


def proposal_items(cases, unanswered=None):
    if unanswered is None:
        unanswered = db.session.scalars(
            select(Proposal).outerjoin(ProposalAnswer, ProposalAnswer.proposal_id == Proposal.id)
            .where(Proposal.case_id.in_(list(cases)), ProposalAnswer.id.is_(None)))
    for proposal in unanswered:
        case = cases[proposal.case_id]
        yield Item("proposal_open", case.id, case.student_id,
                   as_utc(proposal.at).astimezone(AMSTERDAM).date(),
                   _("Proposal waiting for your answer: %(name)s", name=case.student.full_name))


def comment_items(actor, cases):
    """One item per case with views by parents or the youth newer than the caller's last
    visit to the case page (one query)."""
    seen = (select(CaseRead.case_id, CaseRead.seen_at)
            .where(CaseRead.user_id == actor.id).subquery())
    rows = db.session.execute(
        select(Agreement.case_id, func.count(AgreementComment.id), func.max(AgreementComment.at))
        .join(Agreement, Agreement.id == AgreementComment.agreement_id)
        .join(User, User.id == AgreementComment.author_id)
        .outerjoin(seen, seen.c.case_id == Agreement.case_id)
        .where(Agreement.case_id.in_(list(cases)), User.role.in_(FAMILY_ROLES),
               or_(seen.c.seen_at.is_(None), AgreementComment.at > seen.c.seen_at))
        .group_by(Agreement.case_id)).all()
    for case_id, count, newest in rows:
        case = cases[case_id]
        yield Item("comment_new", case_id, case.student_id,
                   as_utc(newest).astimezone(AMSTERDAM).date(),
                   _("New from the family (%(count)d): %(name)s", count=count,
                     name=case.student.full_name))


def open_cases(actor, case=None):
    """The open cases a read covers: those the caller may see, or on the case page its one
    case (its reach checked when it was read: no reach subquery to build and plan)."""
    if case is None:
        return access.visible_cases(actor).where(Case.status == OPEN)
    # reach: the case page's case, read through access.case_for
    return select(Case).where(Case.id == case.id, Case.status == OPEN)


def reminder_items(actor, horizon, case=None):
    """The latest due follow-up reminder of each case the caller coordinates, and the
    latest home visit the caller planned per case, unless a contact (for a visit: a home
    visit) was logged on or after its day."""
    visible = (open_cases(actor, case)  # the columns used
               .with_only_columns(Case.id, Case.student_id, Case.coordinator_id, Case.followup)
               .subquery())
    rows = db.session.execute(
        select(ScheduledItem.kind, ScheduledItem.case_id, ScheduledItem.due_at,
               Student.id, Student.given_name, Student.family_name)
        .join(visible, visible.c.id == ScheduledItem.case_id)
        .join(Student, Student.id == visible.c.student_id)
        .where(ScheduledItem.cancelled_at.is_(None), or_(
            (ScheduledItem.kind == "followup") & (visible.c.coordinator_id == actor.id)
            & visible.c.followup.is_(True),
            (ScheduledItem.kind == "next_visit") & (ScheduledItem.user_id == actor.id)),
               true() if case is None else ScheduledItem.case_id == case.id)).all()
    latest = {}
    for kind, case_id, due_at, student_id, given, family in rows:
        due_on = as_utc(due_at).astimezone(AMSTERDAM).date()
        if due_on <= horizon and latest.get((kind, case_id), (date.min,))[0] < due_on:
            latest[(kind, case_id)] = (due_on, student_id, f"{given} {family}")
    if not latest:
        return
    contacts = {}
    for case_id, channel, last in db.session.execute(
            select(ContactAttempt.case_id, ContactAttempt.channel, func.max(ContactAttempt.on))
            .where(ContactAttempt.case_id.in_({case_id for _kind, case_id in latest}))
            .group_by(ContactAttempt.case_id, ContactAttempt.channel)):
        contacts[(case_id, channel)] = last
        contacts[(case_id, None)] = max(contacts.get((case_id, None), last), last)
    for (kind, case_id), (due_on, student_id, name) in latest.items():
        item_kind, channel = REMINDERS[kind]
        last = contacts.get((case_id, channel))
        if last is not None and last >= due_on:
            continue
        title = (_("Follow-up contact due: %(name)s", name=name) if item_kind == "followup_due"
                 else _("Home visit planned: %(name)s", name=name))
        yield Item(item_kind, case_id, student_id, due_on, title)


def report_items(actor, on, case=None):
    if not access.may_report_to_duo(actor):
        return
    # Translated once, filled in per row: a coordinator has hundreds (224 at the region's
    # size), and each `_()` looks up the request's translations again (bench/RESULTS.md §11c).
    title = _("Report to DUO (%(code)s): %(name)s")
    if case is None:  # the worklist shows names and links, not the report's form
        for row, name in signals.reports_due_named(actor, on):
            yield Item("report_due", row.case_id, row.student_id, row.deadline,
                       title % {"code": row.code, "name": name})
        return
    for row in signals.reports_due_for_case(actor, case, on):
        yield Item("report_due", row.case_id, row.student.id, row.deadline,
                   title % {"code": row.code, "name": row.student.full_name}, report=row)


def start_check_items(actor, horizon, case=None):
    """`start_check_due`: after a zomeractie, in September: did they actually start?"""
    coordinated = open_cases(actor, case).where(Case.coordinator_id == actor.id)
    for found_case, student_id, due_on, name in followup.start_checks_due(actor, horizon,
                                                                          coordinated):
        yield Item("start_check_due", found_case, student_id, due_on,
                   _("Start check due: %(name)s", name=name))


def plan_items(actor, on):
    """`wegwijzer_action`: the caller's own open Wegwijzer actions, due within the week."""
    for revision, trajectory_id, domain in plan.due_for(actor, on):
        yield Item("wegwijzer_action", None, None, revision.due_date,
                   _("Wegwijzer action (%(domain)s): %(text)s",
                     domain=DOMAIN_LABELS[domain], text=_short(revision.text)),
                   trajectory_id=trajectory_id, plan_item_id=revision.item_id)
