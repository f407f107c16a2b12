"""JSON API v1 (shared/API.md): the blueprint and the modules that add its routes."""
from coordination.api import agreements, attendance, cases, openapi, schools, students  # noqa: F401  (routes)
from coordination.api.blueprint import bp

__all__ = ["bp"]
