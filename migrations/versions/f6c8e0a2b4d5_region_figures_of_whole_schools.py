"""the region's figures of whole schools by level, one JSON value per school stored beside
the per-municipality rows, so that an analyst linked to a school reads them without adding up
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
        sa.Column('school_id', sa.Integer(), nullable=False),
        sa.Column('figures', sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(['school_id'], ['schools.id'],
                                name=op.f('fk_region_school_figures_school_id_schools')),
        sa.PrimaryKeyConstraint('school_id', name=op.f('pk_region_school_figures')),
    )
    # No school has its whole-school rows yet: every school's figures are stale, so that
    # the scheduler counts them again (readers count stale schools from the rows).
    op.execute("DELETE FROM region_figure_stamps")


def downgrade():
    op.drop_table('region_school_figures')
