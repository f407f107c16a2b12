"""a meeting's agenda lists factors of the case; a decision points at the factor it
addresses (issue 13)

Revision ID: b7d3e9a1c562
Revises: 3e66ae444325
Create Date: 2026-11-26 19:00:00

"""
from alembic import op
import sqlalchemy as sa

from coordination.database import drop_immutable_table_sql, immutable_table_sql

APPEND_ONLY = ("meeting_agenda_items", "decision_factors")

# revision identifiers, used by Alembic.
revision = 'b7d3e9a1c562'
down_revision = '3e66ae444325'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('meeting_agenda_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('planned_meeting_id', sa.Integer(), nullable=True),
    sa.Column('meeting_id', sa.Integer(), nullable=True),
    sa.Column('factor_id', sa.Integer(), nullable=False),
    sa.Column('by_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('(planned_meeting_id IS NULL) <> (meeting_id IS NULL)', name=op.f('ck_meeting_agenda_items_one_meeting')),
    sa.ForeignKeyConstraint(['by_id'], ['users.id'], name=op.f('fk_meeting_agenda_items_by_id_users')),
    sa.ForeignKeyConstraint(['factor_id'], ['case_factors.id'], name=op.f('fk_meeting_agenda_items_factor_id_case_factors')),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_meeting_agenda_items_meeting_id_meetings')),
    sa.ForeignKeyConstraint(['planned_meeting_id'], ['planned_meetings.id'], name=op.f('fk_meeting_agenda_items_planned_meeting_id_planned_meetings')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting_agenda_items')),
    sa.UniqueConstraint('meeting_id', 'factor_id', name=op.f('uq_meeting_agenda_items_meeting_id')),
    sa.UniqueConstraint('planned_meeting_id', 'factor_id', name=op.f('uq_meeting_agenda_items_planned_meeting_id'))
    )
    with op.batch_alter_table('meeting_agenda_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_agenda_items_factor_id'), ['factor_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_agenda_items_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_agenda_items_planned_meeting_id'), ['planned_meeting_id'], unique=False)

    op.create_table('decision_factors',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('decision_id', sa.Integer(), nullable=False),
    sa.Column('factor_id', sa.Integer(), nullable=False),
    sa.Column('by_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['by_id'], ['users.id'], name=op.f('fk_decision_factors_by_id_users')),
    sa.ForeignKeyConstraint(['decision_id'], ['decisions.id'], name=op.f('fk_decision_factors_decision_id_decisions')),
    sa.ForeignKeyConstraint(['factor_id'], ['case_factors.id'], name=op.f('fk_decision_factors_factor_id_case_factors')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_decision_factors')),
    sa.UniqueConstraint('decision_id', name=op.f('uq_decision_factors_decision_id'))
    )
    with op.batch_alter_table('decision_factors', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_decision_factors_factor_id'), ['factor_id'], unique=False)

    for table in APPEND_ONLY:
        for statement in immutable_table_sql(op.get_bind().dialect.name, table):
            op.execute(statement)


def downgrade():
    for table in APPEND_ONLY:
        for statement in drop_immutable_table_sql(op.get_bind().dialect.name, table):
            op.execute(statement)
    with op.batch_alter_table('decision_factors', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_decision_factors_factor_id'))
    op.drop_table('decision_factors')
    with op.batch_alter_table('meeting_agenda_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_agenda_items_planned_meeting_id'))
        batch_op.drop_index(batch_op.f('ix_meeting_agenda_items_meeting_id'))
        batch_op.drop_index(batch_op.f('ix_meeting_agenda_items_factor_id'))
    op.drop_table('meeting_agenda_items')
