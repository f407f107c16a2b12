"""comments and read marks keep the audience of the moment they were written (issue 9)

Revision ID: b7c2e4f19a30
Revises: 3c41d7a9e2b0
Create Date: 2026-11-26 13:30:00

Existing rows get the visibility of the agreement revision that was current when they
were written (read marks: the revision they mark), so nothing widens on upgrade.
"""
from alembic import op
import sqlalchemy as sa

from coordination.database import drop_immutable_table_sql, immutable_table_sql

revision = 'b7c2e4f19a30'
down_revision = '3c41d7a9e2b0'
branch_labels = None
depends_on = None

TABLES = ("agreement_comments", "agreement_reads")

BACKFILL = {
    "agreement_comments": (
        "UPDATE agreement_comments SET visibility = COALESCE((SELECT r.visibility "
        "FROM agreement_revisions r WHERE r.agreement_id = agreement_comments.agreement_id "
        "AND r.at <= agreement_comments.at ORDER BY r.number DESC LIMIT 1), 'team')"),
    "agreement_reads": (
        "UPDATE agreement_reads SET visibility = COALESCE((SELECT r.visibility "
        "FROM agreement_revisions r WHERE r.agreement_id = agreement_reads.agreement_id "
        "AND r.number = agreement_reads.revision), 'team')"),
}


def _run(statements):
    for statement in statements:
        op.execute(statement)


def upgrade():
    dialect = op.get_bind().dialect.name
    for table in TABLES:
        _run(drop_immutable_table_sql(dialect, table))
        with op.batch_alter_table(table) as batch_op:
            batch_op.add_column(sa.Column('visibility', sa.String(length=16), nullable=False,
                                          server_default='team'))
        op.execute(BACKFILL[table])
        _run(immutable_table_sql(dialect, table))


def downgrade():
    dialect = op.get_bind().dialect.name
    for table in TABLES:
        _run(drop_immutable_table_sql(dialect, table))
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_column('visibility')
        _run(immutable_table_sql(dialect, table))
