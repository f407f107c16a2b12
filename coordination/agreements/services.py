"""The agreements log: create, revise (a new revision, never an edit), list and history.

Visibility is applied to the caller everywhere; an agreement one may not see is NotFound.
"""
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import or_, select
from sqlalchemy.orm import lazyload

from coordination import access, limits, revisions
from coordination.accounts.models import User
from coordination.agreements.labels import OWNER_KIND_LABELS
from coordination.agreements.models import Agreement, AgreementRevision
from coordination.audit import services as audit
from coordination.cases.models import Case
from coordination.errors import Forbidden, NotFound, ValidationError
from coordination.extensions import db
from coordination.rules import agreements as rules
from coordination.rules.audiences import audience_problem
from coordination.timeutil import today_local
from coordination.validation import checked_text, clean_text

MAX_TEXT = limits.TEXT
MAX_REASON = limits.REASON
MAX_OWNER_NAME = 120
USER_OWNER = "user"
OWNER_KINDS = (USER_OWNER, *OWNER_KIND_LABELS)
# Who must be able to see an agreement owned by someone without an account ("person": a
# name only, followed up by the coordinator).
OWNER_AUDIENCE = {"family": (rules.YOUTH, rules.PARENT), "parents": (rules.PARENT,),
                  "youth": (rules.YOUTH,)}


def viewer_kind(actor, case):
    """'professional', 'youth' or 'parent': how the actor takes part in the case."""
    role = access.case_role(actor, case)
    if role in ("youth", "parent"):
        return role
    return rules.PROFESSIONAL


def _require_professional(actor, case):
    if viewer_kind(actor, case) != rules.PROFESSIONAL:
        raise Forbidden(_l("Only professionals on the case can change agreements here."))


def _validate(case, state, today, creating):
    errors = {}
    state["text"] = clean_text(state.get("text"), "text", errors,
                               _l("Write down what will happen."), MAX_TEXT)
    problem = audience_problem(state.get("visibility"), case.student.date_of_birth, today)
    if problem == "unknown":
        errors["visibility"] = [_l("Choose who may see this agreement.")]
    elif problem:
        errors["visibility"] = [_l(
            "Only from 16 can a young person keep an agreement from their parents.")]
    if state.get("status") not in rules.STATUSES:
        errors["status"] = [_l("Choose a known status.")]
    if creating and state.get("due_date") and state["due_date"] < today:
        errors["due_date"] = [_l("The due date cannot be in the past.")]
    _validate_owner(case, state, errors)
    if errors:
        raise ValidationError(fields=errors)


def _validate_owner(case, state, errors):
    """A team member (owner_kind "user"), or the family, the parents, the young person or a
    named person without an account; whoever owns it must be able to see it."""
    kind = state.get("owner_kind") or USER_OWNER
    state["owner_kind"] = kind
    name = " ".join((state.get("owner_name") or "").split())
    state["owner_name"] = None
    if kind not in OWNER_KINDS:
        errors["owner_kind"] = [_l("Choose who is responsible.")]
        return
    if kind != USER_OWNER:
        state["owner_user_id"] = None
        if kind == "person":
            if not name or len(name) > MAX_OWNER_NAME:
                errors["owner_name"] = [_l(
                    "Write the name of the person responsible (at most %(max)d characters).",
                    max=MAX_OWNER_NAME)]
            state["owner_name"] = name
        audience = OWNER_AUDIENCE.get(kind)
        if audience and "visibility" not in errors and not all(
                rules.can_see(state["visibility"], who) for who in audience):
            errors["visibility"] = [_l("The person responsible must be able to see the agreement.")]
        return
    if state.get("owner_user_id") is None:
        errors["owner_user_id"] = [_l("Choose who is responsible.")]
        return
    owner = db.session.get(User, state["owner_user_id"])
    owner_role = access.case_role(owner, case) if owner else None
    if owner_role is None:
        errors["owner_user_id"] = [_l("The person responsible must be on the case.")]
    elif "visibility" not in errors:
        who = owner_role if owner_role in ("youth", "parent") else rules.PROFESSIONAL
        if not rules.can_see(state["visibility"], who):
            errors["visibility"] = [_l("The person responsible must be able to see the agreement.")]


def check_can_write(actor, case_id, agreement_id=None):
    """404 when the case (or agreement) is not visible, 403 when the actor may not write."""
    case = access.case_for(actor, case_id)
    if agreement_id is not None:
        visible_current(actor, case, agreement_id)
    _require_professional(actor, case)
    return case


def _new_state(case, text, owner_user_id, due_date, visibility, owner_kind=None,
               owner_name=None):
    state = {"text": text, "owner_user_id": owner_user_id, "owner_kind": owner_kind,
             "owner_name": owner_name, "due_date": due_date,
             "status": rules.OPEN, "visibility": visibility or rules.EVERYONE}
    _validate(case, state, today_local(), creating=True)
    return state


def check_new(actor, case_id, text, owner_user_id, due_date=None, visibility=rules.EVERYONE,
              owner_kind=None, owner_name=None):
    """Check a new agreement without storing it, for forms that store it in one step with
    something else. :raise ValidationError: as create() would."""
    case = access.case_for(actor, case_id)
    _require_professional(actor, case)
    _new_state(case, text, owner_user_id, due_date, visibility, owner_kind, owner_name)


def create(actor, case_id, text, owner_user_id, due_date=None, visibility=rules.EVERYONE,
           decision_id=None, tier_goal=False, owner_kind=None, owner_name=None):
    """Add an agreement to the case log (revision 1). Commits.

    The owner is a team member (`owner_user_id`), or with `owner_kind` "family", "parents",
    "youth" or "person" (with `owner_name`) someone without an account; the coordinator
    follows those up (they are the coordinator's on the worklist).

    :raise ValidationError: text, audience, due date or owner wrong.
    """
    case = access.case_for(actor, case_id)
    _require_professional(actor, case)
    state = _new_state(case, text, owner_user_id, due_date, visibility, owner_kind, owner_name)
    if tier_goal and state["visibility"] != rules.EVERYONE:
        # DOMAIN.md §6: tier 2 needs a concrete goal set together with the parents.
        raise ValidationError(fields={"visibility": [
            _l("A tier goal is agreed with the parents: share it with everyone.")]})
    agreement = Agreement(case_id=case.id, created_by_id=actor.id, decision_id=decision_id,
                          tier_goal=tier_goal)
    db.session.add(agreement)
    db.session.flush()
    revision = AgreementRevision(agreement_id=agreement.id, number=1, author_id=actor.id,
                                 reason=None, **state)
    db.session.add(revision)
    audit.record(actor, "agreement.create", case=case, agreement_id=agreement.id)
    db.session.commit()
    return revision


def _newest_revisions():
    """A SELECT of every agreement's newest revision, joined to its agreement (the
    caller's filter bounds the work: revisions.newest)."""
    return (revisions.newest(AgreementRevision.agreement_id)
            .join(Agreement, Agreement.id == AgreementRevision.agreement_id)
            .order_by(AgreementRevision.due_date.is_(None), AgreementRevision.due_date,
                      AgreementRevision.agreement_id))


def _current(case_id, levels, agreement_id=None):
    stmt = _newest_revisions().where(Agreement.case_id == case_id,
                                     AgreementRevision.visibility.in_(levels))
    if agreement_id is not None:
        stmt = stmt.where(Agreement.id == agreement_id)
    return stmt


def overdue_for(actor, today, case_id=None):
    """Open agreements past their due date that the actor owns, or on cases the actor
    coordinates, with their case (one query) - for the start page; only those of the case
    `case_id` when given (the case page)."""
    # Only the columns used: a subquery's column collection is built per request.
    visible = (access.visible_cases(actor).where(Case.status == "open")
               .with_only_columns(Case.id, Case.coordinator_id).subquery())
    # Without the author (neither page shows it): each relation more costs PostgreSQL
    # planning time (bench/RESULTS.md §11c).
    stmt = (_newest_revisions().add_columns(visible.c.id)
            .options(lazyload(AgreementRevision.author))
            .join(visible, visible.c.id == Agreement.case_id)
            .where(AgreementRevision.status == rules.OPEN, AgreementRevision.due_date < today,
                   or_(AgreementRevision.owner_user_id == actor.id,
                       visible.c.coordinator_id == actor.id)))
    if case_id is not None:
        stmt = stmt.where(Agreement.case_id == case_id)
    return db.session.execute(stmt).all()


def overdue_among(actor, case, current, today):
    """`overdue_for(actor, today, case.id)` without a query, from `current`: the case's
    current revisions as a professional sees them (current_for: every audience)."""
    if case.status != "open":
        return []
    return [(revision, case.id) for revision in current
            if rules.is_overdue(revision.status, revision.due_date, today)
            and actor.id in (revision.owner_user_id, case.coordinator_id)]


def case_marks(case):
    """(id, tier_goal, decision_id, created_at) of every agreement of `case`, by id, for a
    caller that has read the case: one read for the case page's tier goal, decisions taken
    over and effect steps (issue 12)."""
    return db.session.execute(select(
        Agreement.id, Agreement.tier_goal, Agreement.decision_id, Agreement.created_at)
        .where(Agreement.case_id == case.id).order_by(Agreement.id)).all()


def current_for(actor, case):
    """The current revision of every agreement on the case the actor may see (one query)."""
    levels = rules.visible_levels(viewer_kind(actor, case))
    return db.session.scalars(_current(case.id, levels)).all()


def current_and_histories(actor, case):
    """What the case page shows of the agreements, from one read of the case's revisions
    rather than two (issue 12): the current revisions the actor may see, as `current_for`
    gives them, and {agreement_id: [the revisions of each the actor may see, oldest
    first]}. An agreement whose newest revision the actor may not see is not shown."""
    levels = rules.visible_levels(viewer_kind(actor, case))
    newest, seen = {}, {}
    for revision in db.session.scalars(
            select(AgreementRevision)
            .join(Agreement, Agreement.id == AgreementRevision.agreement_id)
            .where(Agreement.case_id == case.id)
            .order_by(AgreementRevision.agreement_id, AgreementRevision.number)):
        newest[revision.agreement_id] = revision
        if revision.visibility in levels:
            seen.setdefault(revision.agreement_id, []).append(revision)
    current = sorted((r for r in newest.values() if r.visibility in levels),
                     key=lambda r: (r.due_date is None, r.due_date or date.min, r.agreement_id))
    return current, {r.agreement_id: seen[r.agreement_id] for r in current}


def list_visible(actor, case_id):
    case = access.case_for(actor, case_id)
    revisions = current_for(actor, case)
    audit.record(actor, "agreement.list", case=case, count=len(revisions))
    db.session.commit()
    return revisions


def visible_current(actor, case, agreement_id):
    levels = rules.visible_levels(viewer_kind(actor, case))
    current = db.session.scalar(_current(case.id, levels, agreement_id))
    if current is None:
        raise NotFound()
    return current


def revise(actor, case_id, agreement_id, changes, reason):
    """Write a new revision with the changed fields and a reason. Commits.

    :raise Conflict: someone else revised the agreement at the same moment.
    """
    case = access.case_for(actor, case_id)
    current = visible_current(actor, case, agreement_id)
    _require_professional(actor, case)
    reason = checked_text(reason, "reason", _l("Write down why the agreement changes."),
                          MAX_REASON)
    state = rules.apply_change(current.state(), {k: v for k, v in changes.items() if v is not None})
    if changes.get("owner_user_id") is not None:  # a team member takes it over
        state.update(owner_kind=USER_OWNER, owner_name=None)
    else:
        state.update(owner_kind=current.owner_kind, owner_name=current.owner_name)
    _validate(case, state, today_local(), creating=False)
    if not rules.changed_fields(current.state(), state):
        raise ValidationError(fields={"status": [_l("Nothing was changed.")]})
    revision = revisions.append(
        AgreementRevision.agreement_id, current,
        _l("Someone else changed this agreement just now. Reload and try again."),
        author_id=actor.id, reason=reason, **state)
    audit.record(actor, "agreement.revise", case=case, agreement_id=current.agreement_id,
                 fields=sorted(rules.changed_fields(current.state(), state)))
    db.session.commit()
    return revision


def history(actor, case_id, agreement_id):
    """Every revision the actor may see, oldest first. NotFound when the agreement is hidden."""
    case = access.case_for(actor, case_id)
    visible_current(actor, case, agreement_id)
    levels = rules.visible_levels(viewer_kind(actor, case))
    revisions = db.session.scalars(
        select(AgreementRevision).where(AgreementRevision.agreement_id == agreement_id,
                                        AgreementRevision.visibility.in_(levels))
        .order_by(AgreementRevision.number)).all()
    audit.record(actor, "agreement.history", case=case, agreement_id=agreement_id)
    db.session.commit()
    return revisions
