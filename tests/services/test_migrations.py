"""Every schema change is a migration: the migrated database equals the models."""
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from coordination.extensions import db


def test_the_migrations_produce_exactly_the_schema_of_the_models(app):
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), db.metadata)
    assert diff == []
