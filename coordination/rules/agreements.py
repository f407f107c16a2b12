"""Agreements: who sees them, when they are overdue, and how revisions replay.

DOMAIN.md §9: "Everybody knows the agreements → one shared agreements log per case".
Visibility levels (API.md): `team` (professionals only), `team_youth` (+ the youth),
`everyone` (+ parents).
"""
from datetime import date

from coordination.rules.audiences import (  # noqa: F401  (the audience rule, shared)
    AGE_TO_HIDE_FROM_PARENTS,
    EVERYONE,
    PARENT,
    PROFESSIONAL,
    TEAM,
    TEAM_YOUTH,
    VISIBILITIES,
    YOUTH,
    can_see,
    visibility_allowed,
    visible_levels,
)

OPEN = "open"
STATUSES = ("open", "done", "not_met", "cancelled")

FIELDS = ("text", "owner_user_id", "due_date", "status", "visibility")


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
