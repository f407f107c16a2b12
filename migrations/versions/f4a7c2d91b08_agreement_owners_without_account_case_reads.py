"""agreement owners without an account; when someone last read a case

An agreement can be owned by the family, the parents, the young person or a named person
without an account (owner_kind, owner_name; owner_user_id NULL then). case_reads keeps
when each person last opened a case page, for the worklist's new comments.

Revision ID: f4a7c2d91b08
Revises: e1f2a3b4c5d6
Create Date: 2026-11-26 16:05:00

"""
from alembic import op
import sqlalchemy as sa

from coordination.database import drop_immutable_table_sql, immutable_table_sql

revision = 'f4a7c2d91b08'
down_revision = 'f4c7a9e21b08'
branch_labels = None
depends_on = None

TABLE = 'agreement_revisions'


def _triggers(create):
    dialect = op.get_bind().dialect.name
    statements = (immutable_table_sql(dialect, TABLE) if create
                  else drop_immutable_table_sql(dialect, TABLE))
    for statement in statements:
        op.execute(statement)


def upgrade():
    # SQLite rebuilds the table to make a column nullable, which drops its triggers.
    _triggers(create=False)
    with op.batch_alter_table(TABLE, schema=None) as batch_op:
        batch_op.add_column(sa.Column('owner_kind', sa.String(length=16),
                                      server_default='user', nullable=False))
        batch_op.add_column(sa.Column('owner_name', sa.String(length=120), nullable=True))
        batch_op.alter_column('owner_user_id', existing_type=sa.Integer(), nullable=True)
    _triggers(create=True)
    op.create_table(
        'case_reads',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('case_id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('seen_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['case_id'], ['cases.id'],
                                name=op.f('fk_case_reads_case_id_cases')),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'],
                                name=op.f('fk_case_reads_user_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_case_reads')),
        sa.UniqueConstraint('case_id', 'user_id', name=op.f('uq_case_reads_case_id')),
    )
    with op.batch_alter_table('case_reads', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_reads_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_case_reads_user_id'), ['user_id'], unique=False)


def downgrade():
    op.drop_table('case_reads')
    # Owners without an account cannot be kept: downgrading needs none to exist.
    _triggers(create=False)
    with op.batch_alter_table(TABLE, schema=None) as batch_op:
        batch_op.alter_column('owner_user_id', existing_type=sa.Integer(), nullable=False)
        batch_op.drop_column('owner_name')
        batch_op.drop_column('owner_kind')
    _triggers(create=True)
