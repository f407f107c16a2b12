"""drop the staging table's index on import_id alone

`ix_absence_staging_import_student_day` (import_id, student_id, day) starts with
import_id, so it serves every query on import_id alone (the merge's reads and the delete
of an import's staged rows); the single-column index only made each staged row cost one
more index entry to write and to delete (issue 12: the import against the raw limit).
The indexes on `absences` all serve a query: `uq_absences_identity` keeps duplicates out
(partial: only rows that correct nothing), `ix_absences_student_day` serves the reads of
every row of a student's days (corrections included, which the partial index leaves
out), and `ix_absences_corrects_id` the "corrected by a later row" test.

Revision ID: a7d3e9c1b5f2
Revises: a7d3e9c5b1f2
Create Date: 2026-11-26 19:25:00

"""
from alembic import op

revision = 'a7d3e9c1b5f2'
down_revision = 'a7d3e9c5b1f2'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('absence_staging', schema=None) as batch_op:
        batch_op.drop_index('ix_absence_staging_import_id')


def downgrade():
    with op.batch_alter_table('absence_staging', schema=None) as batch_op:
        batch_op.create_index('ix_absence_staging_import_id', ['import_id'], unique=False)
