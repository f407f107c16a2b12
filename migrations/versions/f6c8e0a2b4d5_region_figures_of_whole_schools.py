"""the region's figures of whole schools by level, stored beside the per-municipality
ones so that an analyst linked to a school reads them without adding up
(bench/RESULTS.md §11a); every school's figures are counted again

Revision ID: f6c8e0a2b4d5
Revises: e5b7d9f1a3c4
Create Date: 2026-11-27 04:20:00

"""
import sqlalchemy as sa
from alembic import op

revision = 'f6c8e0a2b4d5'
down_revision = 'e5b7d9f1a3c4'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'region_school_figures',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('school_id', sa.Integer(), nullable=False),
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
                                name=op.f('fk_region_school_figures_school_id_schools')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_region_school_figures')),
    )
    with op.batch_alter_table('region_school_figures', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_region_school_figures_school_id'), ['school_id'],
                              unique=False)
    # No school has its whole-school rows yet: every school's figures are stale, so that
    # the scheduler counts them again (readers count stale schools from the rows).
    op.execute("DELETE FROM region_figure_stamps")


def downgrade():
    with op.batch_alter_table('region_school_figures', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_region_school_figures_school_id'))
    op.drop_table('region_school_figures')
