"""factors, life events and strengths on a case; more than one kind of absence (issue 13)

Revision ID: f4c7a9e21b08
Revises: 0b88adb466f0
Create Date: 2026-11-26 16:30:00

"""
from alembic import op
import sqlalchemy as sa

from coordination.database import drop_immutable_table_sql, immutable_table_sql

APPEND_ONLY = ("case_factors", "case_factor_endings")

# revision identifiers, used by Alembic.
revision = 'f4c7a9e21b08'
down_revision = '0b88adb466f0'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('case_factors',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('area', sa.String(length=16), nullable=True),
    sa.Column('domain', sa.String(length=32), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('happened_on', sa.Date(), nullable=True),
    sa.Column('visibility', sa.String(length=16), nullable=False),
    sa.Column('source', sa.String(length=16), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_case_factors_author_id_users')),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_case_factors_case_id_cases')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_factors'))
    )
    with op.batch_alter_table('case_factors', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_factors_case_id'), ['case_id'], unique=False)

    op.create_table('case_factor_endings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('factor_id', sa.Integer(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('by_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['by_id'], ['users.id'], name=op.f('fk_case_factor_endings_by_id_users')),
    sa.ForeignKeyConstraint(['factor_id'], ['case_factors.id'], name=op.f('fk_case_factor_endings_factor_id_case_factors')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_factor_endings')),
    sa.UniqueConstraint('factor_id', name=op.f('uq_case_factor_endings_factor_id'))
    )

    op.create_table('case_absence_kinds',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('is_primary', sa.Boolean(), nullable=False),
    sa.Column('chosen_by_id', sa.Integer(), nullable=False),
    sa.Column('chosen_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_case_absence_kinds_case_id_cases')),
    sa.ForeignKeyConstraint(['chosen_by_id'], ['users.id'], name=op.f('fk_case_absence_kinds_chosen_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_absence_kinds')),
    sa.UniqueConstraint('case_id', 'kind', name=op.f('uq_case_absence_kinds_case_id'))
    )
    with op.batch_alter_table('case_absence_kinds', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_absence_kinds_case_id'), ['case_id'], unique=False)
    # The one kind each case has today becomes its primary kind.
    op.execute(
        "INSERT INTO case_absence_kinds (case_id, kind, is_primary, chosen_by_id, chosen_at) "
        "SELECT id, absence_kind, true, coordinator_id, opened_at FROM cases "
        "WHERE absence_kind <> 'unknown'")

    for table in APPEND_ONLY:
        for statement in immutable_table_sql(op.get_bind().dialect.name, table):
            op.execute(statement)


def downgrade():
    for table in APPEND_ONLY:
        for statement in drop_immutable_table_sql(op.get_bind().dialect.name, table):
            op.execute(statement)
    with op.batch_alter_table('case_absence_kinds', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_case_absence_kinds_case_id'))
    op.drop_table('case_absence_kinds')
    op.drop_table('case_factor_endings')
    with op.batch_alter_table('case_factors', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_case_factors_case_id'))
    op.drop_table('case_factors')
