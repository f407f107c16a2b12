"""The Wegwijzer plan per chosen domain (seed 003 §2, "Aanbevelingen uit onderzoek", and
step 5 of the stepwise plan, "Maak een plan"): the interventions and recommendations the
team considers, and goals with actions that work like agreements (an owner, a due date, a
status, and every change a new revision).

Recognition levels are those of the Databank Effectieve Jeugdinterventies of the NJi,
the three the Wegwijzer selects from (seed 003, Bijlage 1: "goed beschreven", "goed
onderbouwd" en "effectief"), and "not recognised" for a recommendation, an example from
practice or a school's own activity.
"""

# Goals and actions work like agreements: the same statuses, overdue by the same rule.
from coordination.rules.agreements import OPEN, STATUSES, is_overdue  # noqa: F401

NOT_RECOGNISED = "not_recognised"
WELL_DESCRIBED = "well_described"
WELL_FOUNDED = "well_founded"
EFFECTIVE = "effective"
# From no recognition to the highest.
RECOGNITION_LEVELS = (NOT_RECOGNISED, WELL_DESCRIBED, WELL_FOUNDED, EFFECTIVE)

GOAL = "goal"
ACTION = "action"
KINDS = (GOAL, ACTION)

FIELDS = ("text", "owner_user_id", "due_date", "status")


def needs_due_date(kind: str) -> bool:
    """An action has a day by which it is done (it reaches its owner's worklist); a goal
    may run over the whole school year."""
    return kind == ACTION


def changed_fields(before: dict, after: dict) -> dict:
    """Only what differs, for showing a revision as a change."""
    return {k: after[k] for k in FIELDS if before.get(k) != after.get(k)}


def plan_domains(domains, chosen, with_plan) -> list:
    """The domains that get a plan section, in the manual's order: those chosen now, and
    those once chosen that still hold a plan or interventions (nothing is deleted when the
    team chooses again). [(domain, still_chosen)]."""
    return [(d, d in chosen) for d in domains if d in chosen or d in with_plan]
