"""the Wegwijzer plan per chosen domain: interventions (withdrawn by a row of their own)
and goals and actions with append-only revisions (issue 13)

Revision ID: 3e66ae444325
Revises: f0a1b2c3d4e5
Create Date: 2026-11-26 18:47:11.129452

"""
from alembic import op
import sqlalchemy as sa

from coordination.database import drop_immutable_table_sql, immutable_table_sql

APPEND_ONLY = ("wegwijzer_interventions", "wegwijzer_intervention_withdrawals",
               "wegwijzer_plan_items", "wegwijzer_plan_revisions")


# revision identifiers, used by Alembic.
revision = '3e66ae444325'
down_revision = 'f0a1b2c3d4e5'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('wegwijzer_interventions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('trajectory_id', sa.Integer(), nullable=False),
    sa.Column('domain', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('recognition', sa.String(length=16), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_wegwijzer_interventions_author_id_users')),
    sa.ForeignKeyConstraint(['trajectory_id'], ['wegwijzer_trajectories.id'], name=op.f('fk_wegwijzer_interventions_trajectory_id_wegwijzer_trajectories')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_wegwijzer_interventions'))
    )
    with op.batch_alter_table('wegwijzer_interventions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_wegwijzer_interventions_trajectory_id'), ['trajectory_id'], unique=False)

    op.create_table('wegwijzer_plan_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('trajectory_id', sa.Integer(), nullable=False),
    sa.Column('domain', sa.String(length=32), nullable=False),
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('goal_id', sa.Integer(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_wegwijzer_plan_items_created_by_id_users')),
    sa.ForeignKeyConstraint(['goal_id'], ['wegwijzer_plan_items.id'], name=op.f('fk_wegwijzer_plan_items_goal_id_wegwijzer_plan_items')),
    sa.ForeignKeyConstraint(['trajectory_id'], ['wegwijzer_trajectories.id'], name=op.f('fk_wegwijzer_plan_items_trajectory_id_wegwijzer_trajectories')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_wegwijzer_plan_items'))
    )
    with op.batch_alter_table('wegwijzer_plan_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_wegwijzer_plan_items_goal_id'), ['goal_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_wegwijzer_plan_items_trajectory_id'), ['trajectory_id'], unique=False)

    op.create_table('wegwijzer_intervention_withdrawals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('intervention_id', sa.Integer(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('by_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['by_id'], ['users.id'], name=op.f('fk_wegwijzer_intervention_withdrawals_by_id_users')),
    sa.ForeignKeyConstraint(['intervention_id'], ['wegwijzer_interventions.id'], name=op.f('fk_wegwijzer_intervention_withdrawals_intervention_id_wegwijzer_interventions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_wegwijzer_intervention_withdrawals')),
    sa.UniqueConstraint('intervention_id', name=op.f('uq_wegwijzer_intervention_withdrawals_intervention_id'))
    )
    op.create_table('wegwijzer_plan_revisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('owner_user_id', sa.Integer(), nullable=False),
    sa.Column('due_date', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_wegwijzer_plan_revisions_author_id_users')),
    sa.ForeignKeyConstraint(['item_id'], ['wegwijzer_plan_items.id'], name=op.f('fk_wegwijzer_plan_revisions_item_id_wegwijzer_plan_items')),
    sa.ForeignKeyConstraint(['owner_user_id'], ['users.id'], name=op.f('fk_wegwijzer_plan_revisions_owner_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_wegwijzer_plan_revisions')),
    sa.UniqueConstraint('item_id', 'number', name=op.f('uq_wegwijzer_plan_revisions_item_id'))
    )
    with op.batch_alter_table('wegwijzer_plan_revisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_wegwijzer_plan_revisions_item_id'), ['item_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_wegwijzer_plan_revisions_owner_user_id'), ['owner_user_id'], unique=False)

    for table in APPEND_ONLY:
        for statement in immutable_table_sql(op.get_bind().dialect.name, table):
            op.execute(statement)


def downgrade():
    for table in APPEND_ONLY:
        for statement in drop_immutable_table_sql(op.get_bind().dialect.name, table):
            op.execute(statement)
    with op.batch_alter_table('wegwijzer_plan_revisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_wegwijzer_plan_revisions_owner_user_id'))
        batch_op.drop_index(batch_op.f('ix_wegwijzer_plan_revisions_item_id'))

    op.drop_table('wegwijzer_plan_revisions')
    op.drop_table('wegwijzer_intervention_withdrawals')
    with op.batch_alter_table('wegwijzer_plan_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_wegwijzer_plan_items_trajectory_id'))
        batch_op.drop_index(batch_op.f('ix_wegwijzer_plan_items_goal_id'))

    op.drop_table('wegwijzer_plan_items')
    with op.batch_alter_table('wegwijzer_interventions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_wegwijzer_interventions_trajectory_id'))

    op.drop_table('wegwijzer_interventions')
