"""follow-up by seed 004: leaver profiles, start checks, startkwalificatie date, and a
follow-up that ends by itself (no person on the closing record)

Revision ID: f0a1b2c3d4e5
Revises: e1f2a3b4c5d6
Create Date: 2026-11-26 16:20:00

"""
from alembic import op
import sqlalchemy as sa

from coordination.database import drop_immutable_table_sql, immutable_table_sql


# revision identifiers, used by Alembic.
revision = 'f0a1b2c3d4e5'
down_revision = 'f4a7c2d91b08'
branch_labels = None
depends_on = None

NEW_TABLES = ("leaver_profiles", "start_checks")


def _stops_by_nullable(nullable):
    """SQLite rebuilds the table for this, which drops its triggers: put them back after."""
    dialect = op.get_bind().dialect.name
    for statement in drop_immutable_table_sql(dialect, "followup_stops"):
        op.execute(statement)
    with op.batch_alter_table('followup_stops', schema=None) as batch_op:
        batch_op.alter_column('by_id', existing_type=sa.Integer(), nullable=nullable)
    for statement in immutable_table_sql(dialect, "followup_stops"):
        op.execute(statement)


def upgrade():
    op.create_table('leaver_profiles',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('causes', sa.JSON(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('by_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['by_id'], ['users.id'], name=op.f('fk_leaver_profiles_by_id_users')),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_leaver_profiles_case_id_cases')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_leaver_profiles'))
    )
    with op.batch_alter_table('leaver_profiles', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_leaver_profiles_case_id'), ['case_id'], unique=False)

    op.create_table('start_checks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('started', sa.Boolean(), nullable=False),
    sa.Column('on', sa.Date(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('by_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['by_id'], ['users.id'], name=op.f('fk_start_checks_by_id_users')),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_start_checks_case_id_cases')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_start_checks'))
    )
    with op.batch_alter_table('start_checks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_start_checks_case_id'), ['case_id'], unique=False)

    # Logged history: never changed; deleted only by the retention purge.
    for table in NEW_TABLES:
        for statement in immutable_table_sql(op.get_bind().dialect.name, table):
            op.execute(statement)

    with op.batch_alter_table('students', schema=None) as batch_op:
        batch_op.add_column(sa.Column('startkwalificatie_on', sa.Date(), nullable=True))

    _stops_by_nullable(True)


def downgrade():
    _stops_by_nullable(False)
    with op.batch_alter_table('students', schema=None) as batch_op:
        batch_op.drop_column('startkwalificatie_on')
    for table in NEW_TABLES:
        for statement in drop_immutable_table_sql(op.get_bind().dialect.name, table):
            op.execute(statement)
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(batch_op.f(f'ix_{table}_case_id'))
        op.drop_table(table)
