"""The case page, assembled for its viewer from the services of each area (issue 15: page
assembly is a service, the view only loads, checks, calls this and renders).

`case_page` takes the case already loaded by the caller: the view decides whether the
load is an audited read (`services.open_case_page`) or a re-render after a failed POST
(`services.case_to_manage`, no "case.read" event).
"""
from datetime import timedelta

from coordination import access
from coordination.accounts.models import PROFESSIONAL_ROLES
from coordination.agreements import proposals, voices
from coordination.agreements import services as agreements
from coordination.agreements.forms import STATUS_LABELS, VISIBILITY_LABELS, owner_choices
from coordination.attendance import effect
from coordination.attendance import picture as attendance
from coordination.attendance.services import HISTORY_DAYS, student_days
from coordination.cases import services, team
from coordination.cases.forms import CASE_ROLE_LABELS, team_choices
from coordination.factors import services as factors
from coordination.followup import forms as followup_forms
from coordination.followup import services as followup
from coordination.followup.labels import (
    CAUSE_LABELS,
    CHANNEL_LABELS,
    END_LABELS,
    LEAVER_KIND_LABELS,
)
from coordination.meetings import services as meetings
from coordination.portal import invitations
from coordination.rules.meetings import meetings_since_last_decision
from coordination.suspensions import services as suspensions
from coordination.tiers import services as tiers
from coordination.tiers.labels import KIND_LABELS, OUTCOME_LABELS, TIER_LABELS
from coordination.visits import services as visits
from coordination.visits.labels import OUTCOME_LABELS as VISIT_OUTCOME_LABELS
from coordination.worklist import services as worklist

# The header of the case page shows this many of the viewer's next things to do.
NEXT_COUNT = 3
# Where on the case page each kind of worklist item is handled.
ANCHORS = {"review_overdue": "tier-title", "review_due": "tier-title",
           "tier_goal_missing": "tier-title", "agreement_overdue": "agreements-title",
           "proposal_open": "proposals-title", "comment_new": "agreements-title",
           "followup_due": "visits-title", "visit_due": "visits-title",
           "start_check_due": "followup-title", "report_due": "attendance-summary-title"}


def _visit_section(actor, case):
    """The "home visits and contact" section. Its forms (a visit, a contact attempt, a
    risk, stopping the follow-up) are on pages of their own, linked from it."""
    context = {"visits": visits.visits_for(actor, case),
               "visit_outcome_labels": VISIT_OUTCOME_LABELS}
    if actor.is_professional:
        context.update(attempts=followup.attempts(case), risks=visits.risks_for(case),
                       channel_labels=CHANNEL_LABELS)
    return context


def _followup_section(case, today):
    """The follow-up on the team's case page: the kind of leaver and the causes, the
    September start check, and how the follow-up ended (history), with their forms."""
    history = followup.case_history(case)
    return {**history, "kind_labels": LEAVER_KIND_LABELS, "cause_labels": CAUSE_LABELS,
            "end_labels": END_LABELS, "today": today,
            "profile_form": followup_forms.profile_form(history["profiles"]),
            "start_check_form": followup_forms.StartCheckForm(formdata=None, on=today)}


def case_page(actor, case, today):
    """Everything the case page shows `actor` on `today`, as template context.

    Families get the shared part (agreements they may see, their views, proposals,
    upcoming meetings with the factors on their agendas that they may see, visits);
    professionals also get the next things to do (`next`, at
    most NEXT_COUNT worklist items of this case), the attendance summary, tier, meetings,
    notes, the team and the choices of its forms.
    """
    current, histories = agreements.current_and_histories(actor, case)
    viewer = agreements.viewer_kind(actor, case)
    upcoming = meetings.upcoming(case)
    seen_factors = factors.for_case(actor, case)
    context = {
        "case": case, "today": today, "role_labels": CASE_ROLE_LABELS,
        "agreements": current, "my_role": access.case_role(actor, case),
        "comments": voices.comments_by_agreement(current, viewer),
        "histories": histories,
        "readers": voices.readers_by_agreement(current, viewer),
        "proposals": proposals.for_case(actor, case),  # all, with their answers
        "upcoming": upcoming, "agendas": meetings.agendas(actor, case, upcoming),
        "roles_by_user": {**{m.user_id: m.role for m in case.members},
                          case.coordinator_id: "coordinator"},
        "status_labels": STATUS_LABELS, "visibility_labels": VISIBILITY_LABELS,
        **_visit_section(actor, case),
        **factors.case_picture(actor, case, seen_factors),
    }
    if actor.is_family:
        return context
    held = meetings.for_case(actor, case)
    agenda_choices = meetings.agenda_choices(actor, case, seen_factors)
    tier_changes, reviews = tiers.history(case)
    # The summary and the "did it help?" chart share one read of the student's calendar,
    # timetable and absences (HISTORY_DAYS covers the chart's SPAN_DAYS).
    days = student_days(case.student, today - timedelta(days=HISTORY_DAYS), today)
    # The team's and the hand-over's select from one read of the people: the hand-over
    # offers the professionals among them, case-insensitively by name.
    people = team.candidates(case)
    # The tier goal, the decisions taken over and the effect's steps: one read of the
    # case's agreements.
    marks = agreements.case_marks(case)
    has_goal = tiers.has_tier_goal(case, marks)
    # Criterion (b): the summary's statement that holds (any case of the student) and this
    # case's history, from one read.
    statements = services.hard_to_attend_statements(case.student_id)
    context.update(
        next=worklist.for_case(actor, case, today, has_goal, current,
                               context["proposals"])[:NEXT_COUNT],
        next_anchors=ANCHORS,
        may_report=access.may_report_to_duo(actor),
        notes=services.notes_for(actor, case), meetings=held,
        discussed=meetings.discussed(actor, case, held),
        addressed=meetings.addressed(actor, case, held),
        agenda_choices=agenda_choices,
        tier_changes=tier_changes, reviews=reviews, tier_labels=TIER_LABELS,
        kind_labels=KIND_LABELS, outcome_labels=OUTCOME_LABELS,
        has_goal=has_goal, deputy=tiers.acting_deputy(case, today),
        followup_section=_followup_section(case, today),
        attendance=attendance.attendance_summary(case.student, today, days, statements),
        effect=effect.case_effect(case, today, effect.steps_of(case, tier_changes, marks),
                                  days),
        hard_to_attend=[s for s in statements if s.case_id == case.id],
        # reach: the student of a case the actor is on is in the actor's reach
        **suspensions.section(actor, case.student, reached=True),
        since_decision=meetings_since_last_decision([bool(m.decisions) for m in held]),
        decided=meetings.decision_agreements(case, marks), invited=invitations.pending_for(case),
        handover_choices=[(u.id, u.name) for u in sorted(people, key=lambda u: u.name.lower())
                          if u.role in PROFESSIONAL_ROLES and u.id != case.coordinator_id],
        member_choices=[(u.id, u.name) for u in people],
        owner_choices=owner_choices(team_choices(case)),
    )
    return context
