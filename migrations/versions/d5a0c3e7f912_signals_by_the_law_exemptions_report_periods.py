"""signals by the law: exemptions on the student, the period of a DUO report

Revision ID: d5a0c3e7f912
Revises: b7e4a1c09d2f
Create Date: 2026-11-26 14:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = 'd5a0c3e7f912'
down_revision = 'b7e4a1c09d2f'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'exemptions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('student_id', sa.Integer(), nullable=False),
        sa.Column('first', sa.Date(), nullable=False),
        sa.Column('last', sa.Date(), nullable=True),
        sa.Column('reason', sa.String(length=200), nullable=False),
        sa.Column('by_id', sa.Integer(), nullable=True),
        sa.Column('at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['by_id'], ['users.id'], name=op.f('fk_exemptions_by_id_users')),
        sa.ForeignKeyConstraint(['student_id'], ['students.id'],
                                name=op.f('fk_exemptions_student_id_students')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_exemptions')),
    )
    with op.batch_alter_table('exemptions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_exemptions_student_id'), ['student_id'], unique=False)
    # Plain ADD COLUMN (no table copy): duo_reports keeps its append-only triggers.
    with op.batch_alter_table('duo_reports', schema=None, recreate='never') as batch_op:
        batch_op.add_column(sa.Column('start', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('end', sa.Date(), nullable=True))


def downgrade():
    with op.batch_alter_table('duo_reports', schema=None, recreate='never') as batch_op:
        batch_op.drop_column('end')
        batch_op.drop_column('start')
    with op.batch_alter_table('exemptions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_exemptions_student_id'))
    op.drop_table('exemptions')
