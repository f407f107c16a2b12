"""did tier 2 help?, stored per open tier-2 case (signals/effects.py)

Revision ID: c3e5f7a9b1d2
Revises: a7d3e9c1b5f2
Create Date: 2026-11-26 20:30:00

"""
import sqlalchemy as sa
from alembic import op

revision = 'c3e5f7a9b1d2'
down_revision = 'a7d3e9c1b5f2'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'tier2_effects',
        sa.Column('case_id', sa.Integer(), nullable=False),
        sa.Column('on', sa.Date(), nullable=False),
        sa.Column('stamp_version', sa.Integer(), nullable=False),
        sa.Column('moved_on', sa.Date(), nullable=True),
        sa.Column('helped', sa.Boolean(), nullable=True),
        sa.ForeignKeyConstraint(['case_id'], ['cases.id'],
                                name=op.f('fk_tier2_effects_case_id_cases')),
        sa.PrimaryKeyConstraint('case_id', name=op.f('pk_tier2_effects')),
    )


def downgrade():
    op.drop_table('tier2_effects')
