"""Which kinds of problematic absence fit a case (Heyne et al. 2019, seed 002): the seed
says they overlap, so a case holds a set, with one primary kind that `Case.absence_kind`
(and so the API) keeps showing."""
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, select

from coordination.audit import services as audit
from coordination.cases.models import ABSENCE_KINDS
from coordination.cases.services import case_to_manage
from coordination.errors import ValidationError
from coordination.extensions import db
from coordination.factors.models import CaseAbsenceKind

UNKNOWN = "unknown"
CHOOSABLE = tuple(k for k in ABSENCE_KINDS if k != UNKNOWN)


def kinds_of(case):
    """The kinds that fit the case, the primary one first; [] when not yet known."""
    rows = db.session.scalars(select(CaseAbsenceKind).where(CaseAbsenceKind.case_id == case.id)
                              .order_by(CaseAbsenceKind.is_primary.desc(),
                                        CaseAbsenceKind.id)).all()
    return [row.kind for row in rows]


def check_can_choose(actor, case_id):
    """:raise 404: not visible. :raise 403: not the coordinator."""
    case_to_manage(actor, case_id)


def choose(actor, case_id, kinds, primary=None):
    """The coordinator records the kinds that fit (none: not yet known) and which fits
    best. Replaces the earlier choice; the audit log keeps it. Commits.

    :raise 404: not visible. :raise 403: not the coordinator.
    :raise ValidationError: on kinds (unknown kind), primary (not among the kinds).
    """
    case = case_to_manage(actor, case_id)
    kinds = [k for k in dict.fromkeys(kinds or []) if k]
    if any(k not in CHOOSABLE for k in kinds):
        raise ValidationError(fields={"kinds": [_l("Choose one of the listed kinds.")]})
    primary = primary or (kinds[0] if len(kinds) == 1 else None)
    if kinds and primary not in kinds:
        raise ValidationError(fields={"primary": [
            _l("Choose which of the ticked kinds fits best.")]})
    db.session.execute(delete(CaseAbsenceKind).where(CaseAbsenceKind.case_id == case.id))
    for kind in kinds:
        db.session.add(CaseAbsenceKind(case_id=case.id, kind=kind, is_primary=kind == primary,
                                       chosen_by_id=actor.id))
    case.absence_kind = primary if kinds else UNKNOWN
    audit.record(actor, "case.absence_kind", case=case, kind=case.absence_kind, kinds=kinds)
    db.session.commit()
    return case
