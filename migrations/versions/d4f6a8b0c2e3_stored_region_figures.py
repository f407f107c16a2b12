"""the region's figures, stored per school (region/stored.py); the reports-due list's order
as an index

Revision ID: d4f6a8b0c2e3
Revises: c3e5f7a9b1d2
Create Date: 2026-11-26 22:10:00

"""
import sqlalchemy as sa
from alembic import op

revision = 'd4f6a8b0c2e3'
down_revision = 'c3e5f7a9b1d2'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'region_figures',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('school_id', sa.Integer(), nullable=False),
        sa.Column('municipality_key', sa.String(length=80), nullable=True),
        sa.Column('level', sa.String(length=16), nullable=False),
        sa.Column('students', sa.Integer(), nullable=False),
        sa.Column('tier_1', sa.Integer(), nullable=False),
        sa.Column('tier_2', sa.Integer(), nullable=False),
        sa.Column('tier_3', sa.Integer(), nullable=False),
        sa.Column('followup_open', sa.Integer(), nullable=False),
        sa.Column('thuiszitter_4w_3m', sa.Integer(), nullable=False),
        sa.Column('thuiszitter_over_3m', sa.Integer(), nullable=False),
        sa.Column('absolute_verzuim', sa.Integer(), nullable=False),
        sa.Column('reports_due', sa.Integer(), nullable=False),
        sa.Column('reports_made', sa.Integer(), nullable=False),
        sa.Column('reenrolled', sa.Integer(), nullable=False),
        sa.Column('overdue_agreements', sa.Integer(), nullable=False),
        sa.Column('meetings_without_decision', sa.Integer(), nullable=False),
        sa.Column('reenrolment_days', sa.JSON(), nullable=False),
        sa.Column('tier2_improved', sa.Integer(), nullable=False),
        sa.Column('tier2_assessed', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['school_id'], ['schools.id'],
                                name=op.f('fk_region_figures_school_id_schools')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_region_figures')),
    )
    with op.batch_alter_table('region_figures', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_region_figures_school_id'), ['school_id'],
                              unique=False)
    op.create_table(
        'region_figure_stamps',
        sa.Column('school_id', sa.Integer(), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('on', sa.Date(), nullable=True),
        sa.Column('counted_version', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['school_id'], ['schools.id'],
                                name=op.f('fk_region_figure_stamps_school_id_schools')),
        sa.PrimaryKeyConstraint('school_id', name=op.f('pk_region_figure_stamps')),
    )
    with op.batch_alter_table('due_report_states', schema=None) as batch_op:
        batch_op.create_index('ix_due_report_states_list_order', ['end', 'student_id', 'code'],
                              unique=False)


def downgrade():
    with op.batch_alter_table('due_report_states', schema=None) as batch_op:
        batch_op.drop_index('ix_due_report_states_list_order')
    op.drop_table('region_figure_stamps')
    with op.batch_alter_table('region_figures', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_region_figures_school_id'))
    op.drop_table('region_figures')
