"""staging index for overlap checks

The attendance merge compares the staged rows of one import with each other and with the
stored absences per student and day; without this index SQLite compares every staged row
with every other one of the import.

Revision ID: e1f2a3b4c5d6
Revises: d5a0c3e7f912
Create Date: 2026-11-26 14:35:00

"""
from alembic import op

revision = 'e1f2a3b4c5d6'
down_revision = 'd5a0c3e7f912'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('absence_staging', schema=None) as batch_op:
        batch_op.create_index('ix_absence_staging_import_student_day',
                              ['import_id', 'student_id', 'day'], unique=False)


def downgrade():
    with op.batch_alter_table('absence_staging', schema=None) as batch_op:
        batch_op.drop_index('ix_absence_staging_import_student_day')
