"""Agreements: who sees them, when they are overdue, and how revisions replay.

DOMAIN.md §9: "Everybody knows the agreements → one shared agreements log per case".
Visibility levels (API.md): `team` (professionals only), `team_youth` (+ the youth),
`everyone` (+ parents).
"""
from datetime import date

TEAM = "team"
TEAM_YOUTH = "team_youth"
EVERYONE = "everyone"
VISIBILITIES = (TEAM, TEAM_YOUTH, EVERYONE)

OPEN = "open"
STATUSES = ("open", "done", "not_met", "cancelled")

PROFESSIONAL = "professional"
YOUTH = "youth"
PARENT = "parent"

_AUDIENCE = {
    TEAM: {PROFESSIONAL},
    TEAM_YOUTH: {PROFESSIONAL, YOUTH},
    EVERYONE: {PROFESSIONAL, YOUTH, PARENT},
}

# From 16 a young person decides alone about sharing with their parents (WGBO practice,
# issue 3); before that, an agreement shared with the youth is shared with the parents.
AGE_TO_HIDE_FROM_PARENTS = 16

FIELDS = ("text", "owner_user_id", "due_date", "status", "visibility")


def can_see(visibility: str, viewer: str) -> bool:
    """Whether a viewer ('professional', 'youth' or 'parent') may see an agreement."""
    return viewer in _AUDIENCE.get(visibility, set())


def visible_levels(viewer: str) -> tuple:
    return tuple(v for v in VISIBILITIES if can_see(v, viewer))


def visibility_allowed(visibility: str, youth_age: int) -> bool:
    """`team_youth` keeps an agreement from the parents: only from the youth's 16th year."""
    if visibility == TEAM_YOUTH:
        return youth_age >= AGE_TO_HIDE_FROM_PARENTS
    return visibility in VISIBILITIES


def is_overdue(status: str, due_date: date | None, today: date) -> bool:
    return status == OPEN and due_date is not None and due_date < today


def apply_change(state: dict, change: dict) -> dict:
    """The state after a change; fields not in the change keep their value."""
    unknown = set(change) - set(FIELDS)
    if unknown:
        raise ValueError(f"unknown fields: {sorted(unknown)}")
    return {**state, **change}


def replay(changes: list) -> dict:
    """The current state from the first revision's full state and every later change."""
    state = {}
    for change in changes:
        state = apply_change(state, change)
    return state


def changed_fields(before: dict, after: dict) -> dict:
    """Only what differs, for showing a revision as a change."""
    return {k: after[k] for k in FIELDS if before.get(k) != after.get(k)}
