"""retention purge; the audit log outlives the cases and students it describes

Append-only tables accept DELETE inside a retention purge only (UPDATE stays refused);
the audit log keeps plain case and student ids (no foreign keys) and is never purged.

Revision ID: b7e4a1c09d2f
Revises: b7c2e4f19a30
Create Date: 2026-11-26 13:20:00.000000

"""
from alembic import op
import sqlalchemy as sa

from coordination.database import (
    NEVER_PURGED, PURGE_PERMITS_SQL, drop_immutable_table_sql, immutable_function_sql, immutable_table_sql,
    sqlite_delete_trigger_sql,
)

# revision identifiers, used by Alembic.
revision = 'b7e4a1c09d2f'
down_revision = 'b7c2e4f19a30'
branch_labels = None
depends_on = None


def _append_only_tables(bind):
    """Every table that has the append-only triggers now (whatever migration made them)."""
    if bind.dialect.name == "sqlite":
        rows = bind.execute(sa.text(
            "SELECT tbl_name FROM sqlite_master WHERE type = 'trigger' "
            "AND name = tbl_name || '_no_delete'"))
    else:
        rows = bind.execute(sa.text(
            "SELECT DISTINCT event_object_table FROM information_schema.triggers "
            "WHERE trigger_name = event_object_table || '_immutable'"))
    return sorted(r[0] for r in rows if r[0] not in NEVER_PURGED)


def _set_purgeable(purgeable):
    """Replace only the DELETE guard: UPDATE stays refused as before."""
    bind = op.get_bind()
    for table in _append_only_tables(bind):
        if bind.dialect.name == "sqlite":
            op.execute(f"DROP TRIGGER {table}_no_delete")
            op.execute(sqlite_delete_trigger_sql(table, purgeable))
        else:
            op.execute(immutable_function_sql(table, purgeable))


def _audit_triggers(create):
    dialect = op.get_bind().dialect.name
    if create:
        for statement in immutable_table_sql(dialect, "audit_events", purgeable=False):
            op.execute(statement)
    else:
        for statement in drop_immutable_table_sql(dialect, "audit_events"):
            op.execute(statement)


def upgrade():
    op.execute(PURGE_PERMITS_SQL)  # SQLite databases may have it already
    # SQLite rebuilds the table for this, which drops its triggers: put them back after.
    _audit_triggers(create=False)
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.drop_constraint('fk_audit_events_case_id_cases', type_='foreignkey')
        batch_op.drop_constraint('fk_audit_events_student_id_students', type_='foreignkey')
    _audit_triggers(create=True)
    _set_purgeable(True)


def downgrade():
    _set_purgeable(False)
    _audit_triggers(create=False)
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.create_foreign_key('fk_audit_events_student_id_students', 'students',
                                    ['student_id'], ['id'])
        batch_op.create_foreign_key('fk_audit_events_case_id_cases', 'cases', ['case_id'], ['id'])
    _audit_triggers(create=True)
    op.drop_table('purge_permits')
