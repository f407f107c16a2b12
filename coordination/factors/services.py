"""Factors, life events and strengths on a case: add one, mark it no longer true (a
record of its own, never an edit), list what the viewer may see, and the few-line
picture for the case page.

Audiences are the agreements' (coordination/rules/audiences.py): an item is seen by its
audience, and its author always sees it. The team writes for any audience the young
person's age allows; the young person and the parents add their own view next to it.
"""
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from coordination import access, limits
from coordination.agreements.services import viewer_kind
from coordination.audit import services as audit
from coordination.errors import Conflict, Forbidden, NotFound, ValidationError
from coordination.extensions import db
from coordination.factors.kinds import kinds_of
from coordination.factors.models import CaseFactor, FactorEnding
from coordination.rules import factors as rules
from coordination.rules.audiences import PROFESSIONAL, audience_problem, can_see
from coordination.rules.wegwijzer import DOMAINS
from coordination.timeutil import today_local
from coordination.validation import checked_text, clean_text

MAX_TEXT = 500
MAX_REASON = limits.REASON

_PROBLEMS = {
    ("kind", "unknown"): _l("Choose what kind of item this is."),
    ("area", "unknown"): _l("Choose one of the listed areas."),
    ("area", "missing"): _l("Choose the area: the young person, home, school, or friends "
                            "and neighbourhood."),
    ("domain", "unknown"): _l("Choose one of the listed domains, or none."),
    ("happened_on", "missing"): _l("Fill in when it happened."),
    ("happened_on", "future"): _l("A life event cannot be in the future."),
}


def _audience_errors(case, visibility, today):
    problem = audience_problem(visibility, case.student.date_of_birth, today)
    if problem == "unknown":
        return [_l("Choose who may see this.")]
    if problem:
        return [_l("Only from 16 can a young person keep something from their parents.")]
    return None


def _professional_on(actor, case):
    if viewer_kind(actor, case) != PROFESSIONAL:
        raise Forbidden(_l("Only professionals on the case record factors here."))


def _family_source(actor, case):
    source = access.case_role(actor, case)
    if source not in rules.FAMILY_SOURCES:
        raise Forbidden()
    return source


def check_can_add(actor, case_id):
    """:raise 404: case not visible. :raise 403: not a professional on the case."""
    _professional_on(actor, access.case_for(actor, case_id))


def check_can_add_own(actor, case_id):
    """:raise 404: case not visible. :raise 403: not the young person or a parent on it."""
    _family_source(actor, access.case_for(actor, case_id))


def add(actor, case_id, kind, text, visibility, area=None, domain=None, happened_on=None):
    """A professional on the case records a factor, life event or strength. Commits.

    :raise 404: case not visible. :raise 403: not a professional on the case.
    :raise ValidationError: on kind, area, domain, happened_on, text, visibility.
    """
    case = access.case_for(actor, case_id)
    _professional_on(actor, case)
    today = today_local()
    area, domain = area or None, domain or None
    errors = {field: [_PROBLEMS[(field, code)]] for field, code in rules.problems(
        kind, area, domain, happened_on, today, DOMAINS).items()}
    text = clean_text(text, "text", errors, _l("Describe it in a few words."), MAX_TEXT,
                      _l("Keep it short: at most %(max)d characters.", max=MAX_TEXT))
    audience_errors = _audience_errors(case, visibility, today)
    if audience_errors:
        errors["visibility"] = audience_errors
    if errors:
        raise ValidationError(fields=errors)
    factor = CaseFactor(case_id=case.id, kind=kind, area=area, domain=domain, text=text,
                        happened_on=happened_on, visibility=visibility, source=rules.TEAM,
                        author_id=actor.id)
    db.session.add(factor)
    audit.record(actor, "factor.add", case=case, kind=kind)
    db.session.commit()
    return factor


def add_own(actor, case_id, family_kind, text, visibility):
    """The young person or a parent on the case adds what helps them or what makes school
    hard, in their own words. Commits.

    :raise 404: case not visible. :raise 403: not the young person or a parent on the case.
    :raise ValidationError: on family_kind, text, visibility.
    """
    case = access.case_for(actor, case_id)
    source = _family_source(actor, case)
    errors = {}
    if family_kind not in rules.FAMILY_KINDS:
        errors["family_kind"] = [_l("Choose: what helps, or what makes school hard.")]
    text = clean_text(text, "text", errors, _l("Write a few words."), MAX_TEXT,
                      _l("Keep it short: at most %(max)d characters.", max=MAX_TEXT))
    audience_errors = _audience_errors(case, visibility, today_local())
    if audience_errors:
        errors["visibility"] = audience_errors
    if errors:
        raise ValidationError(fields=errors)
    factor = CaseFactor(case_id=case.id, kind=rules.FAMILY_KINDS[family_kind], text=text,
                        visibility=visibility, source=source, author_id=actor.id)
    db.session.add(factor)
    audit.record(actor, "factor.add_own", case=case, kind=factor.kind)
    db.session.commit()
    return factor


def _sees(actor, viewer, factor):
    return factor.author_id == actor.id or can_see(factor.visibility, viewer)


def _all_of(case):
    # populate_existing: an item marked in this session shows its ending at once.
    return db.session.scalars(select(CaseFactor).where(CaseFactor.case_id == case.id)
                              .order_by(CaseFactor.at.desc(), CaseFactor.id.desc())
                              .execution_options(populate_existing=True)).all()


def seen_by(actor, case):
    """A predicate: whether the actor may see a given item of this case (for the pages
    that show items elsewhere, such as a meeting's agenda)."""
    viewer = viewer_kind(actor, case)
    return lambda factor: factor.case_id == case.id and _sees(actor, viewer, factor)


def for_case(actor, case):
    """Every item on the case the actor may see, newest first (two queries)."""
    viewer = viewer_kind(actor, case)
    return [f for f in _all_of(case) if _sees(actor, viewer, f)]


def visible_factor(actor, case, factor_id):
    """:raise NotFound: no such item on this case, or not for the actor's eyes."""
    factor = db.session.get(CaseFactor, factor_id)
    if factor is None or factor.case_id != case.id or not _sees(
            actor, viewer_kind(actor, case), factor):
        raise NotFound()
    return factor


def _endable(actor, case, factor_id):
    factor = visible_factor(actor, case, factor_id)
    if viewer_kind(actor, case) != PROFESSIONAL and factor.author_id != actor.id:
        raise Forbidden(_l("You can only change what you wrote yourself."))
    return factor


def check_can_end(actor, case_id, factor_id):
    """:raise 404: not visible. :raise 403: someone else's item, for family."""
    _endable(actor, access.case_for(actor, case_id), factor_id)


def end(actor, case_id, factor_id, reason=None):
    """Mark an item as no longer true; the item itself stays. Professionals on the case
    may end any item they see, the young person and parents only their own. Commits.

    :raise 404: not visible. :raise 403: someone else's item, for family.
    :raise Conflict: it was already marked.
    """
    case = access.case_for(actor, case_id)
    factor = _endable(actor, case, factor_id)
    reason = checked_text(reason, "reason", limit=MAX_REASON, too_long=_l(
        "Keep it short: at most %(max)d characters.", max=MAX_REASON)) or None
    if factor.ending is not None:
        raise Conflict(_l("This was already marked as no longer true."), code="ended")
    db.session.add(FactorEnding(factor_id=factor.id, reason=reason, by_id=actor.id))
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        raise Conflict(_l("This was already marked as no longer true."),
                       code="ended") from None
    audit.record(actor, "factor.end", case=case, factor_id=factor.id)
    db.session.commit()


def page(actor, case_id):
    """The factors page: the case and what the actor may see of it, split into the team's
    view and the family's own words. Audited as one read. :raise 404: not visible."""
    case = access.case_for(actor, case_id)
    items = for_case(actor, case)
    audit.record(actor, "factor.list", case=case, count=len(items))
    db.session.commit()
    return {"case": case, "team_items": [f for f in items if f.source == rules.TEAM],
            "own_items": [f for f in items if f.source != rules.TEAM],
            "viewer": viewer_kind(actor, case), "my_role": access.case_role(actor, case)}


def picture(items):
    """The picture in a few lines from the items the viewer sees: the balance of the risks
    and the strengths still true, and the newest changes (added, or no longer true)."""
    current = [f for f in items if f.current]
    changes = [(f.at, "added", f) for f in items] + [
        (f.ending.at, "ended", f) for f in items if f.ending is not None]
    return {"balance": rules.balance(f.kind for f in current),
            "changes": rules.recent_changes(changes), "count": len(current),
            "life_events": sum(1 for f in current if f.kind == rules.LIFE_EVENT)}


def case_picture(actor, case, items=None):
    """For the case page (already audited as a read of the case): {"factor_picture": …},
    with the kinds of absence that fit (primary first) for the team. `items`: for_case,
    when the caller has it."""
    result = picture(for_case(actor, case) if items is None else items)
    result["absence_kinds"] = kinds_of(case) if viewer_kind(actor, case) == PROFESSIONAL else []
    return {"factor_picture": result}
