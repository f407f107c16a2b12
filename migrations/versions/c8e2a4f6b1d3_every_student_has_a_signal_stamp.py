"""every student has a signal stamp: the roster import now adds one with each student, and
the students it added before get theirs here, stale until the scheduler computes them, so
readers find the stale students from the stamps alone (bench/RESULTS.md §11c)

Revision ID: c8e2a4f6b1d3
Revises: f6c8e0a2b4d5
Create Date: 2026-11-27 04:30:00

"""
from alembic import op

revision = 'c8e2a4f6b1d3'
down_revision = 'f6c8e0a2b4d5'
branch_labels = None
depends_on = None


def upgrade():
    op.execute(
        'INSERT INTO signal_stamps (student_id, "on", version, calendar_missing) '
        'SELECT students.id, NULL, 0, false FROM students WHERE NOT EXISTS '
        '(SELECT 1 FROM signal_stamps WHERE signal_stamps.student_id = students.id)')


def downgrade():
    pass  # a stale stamp is what the scheduler would have added at its next pass
