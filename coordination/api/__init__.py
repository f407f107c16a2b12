"""JSON API v1 (shared/API.md): the blueprint and the modules that add its routes."""
from coordination.api import (  # noqa: F401  (routes)
    agreements,
    attendance,
    calendar,
    cases,
    followup,
    openapi,
    privacy,
    region,
    schools,
    students,
    tiers,
    worklist,
)
from coordination.api.blueprint import bp

__all__ = ["bp"]
