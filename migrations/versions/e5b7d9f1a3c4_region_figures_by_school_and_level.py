"""the region's stored figures indexed by school and level, the overview's grouping, so the
reader adds them up in the index's order without sorting (bench/RESULTS.md §9b)

Revision ID: e5b7d9f1a3c4
Revises: d4f6a8b0c2e3
Create Date: 2026-11-27 01:40:00

"""
from alembic import op

revision = 'e5b7d9f1a3c4'
down_revision = 'd4f6a8b0c2e3'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('region_figures', schema=None) as batch_op:
        batch_op.create_index('ix_region_figures_school_id_level', ['school_id', 'level'],
                              unique=False)
        batch_op.drop_index(batch_op.f('ix_region_figures_school_id'))


def downgrade():
    with op.batch_alter_table('region_figures', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_region_figures_school_id'), ['school_id'],
                              unique=False)
        batch_op.drop_index('ix_region_figures_school_id_level')
