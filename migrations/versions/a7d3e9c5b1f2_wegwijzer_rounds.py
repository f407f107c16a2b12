"""Wegwijzer rounds: a trajectory scores again after about a year; participants (and
through them their scores) belong to a round. Existing participants become round 1.

Revision ID: a7d3e9c5b1f2
Revises: b7d3e9a1c562
Create Date: 2026-11-26 19:00:00

"""
from alembic import op
import sqlalchemy as sa

from coordination.database import drop_immutable_table_sql, immutable_table_sql


# revision identifiers, used by Alembic.
revision = 'a7d3e9c5b1f2'
down_revision = 'b7d3e9a1c562'
branch_labels = None
depends_on = None


def _foreign_keys(on):
    """SQLite rebuilds wegwijzer_participants (batch mode): dropping the old table while
    scores point at it is refused with foreign keys on. SQLite ignores the pragma inside a
transaction: this runs before the migration writes any row."""
    if op.get_bind().dialect.name == "sqlite":
        op.execute(f"PRAGMA foreign_keys={'ON' if on else 'OFF'}")


def upgrade():
    _foreign_keys(False)
    op.create_table('wegwijzer_rounds',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('trajectory_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.SmallInteger(), nullable=False),
    sa.Column('started_by_id', sa.Integer(), nullable=False),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['started_by_id'], ['users.id'], name=op.f('fk_wegwijzer_rounds_started_by_id_users')),
    sa.ForeignKeyConstraint(['trajectory_id'], ['wegwijzer_trajectories.id'], name=op.f('fk_wegwijzer_rounds_trajectory_id_wegwijzer_trajectories')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_wegwijzer_rounds')),
    sa.UniqueConstraint('trajectory_id', 'number', name=op.f('uq_wegwijzer_rounds_trajectory_id'))
    )
    with op.batch_alter_table('wegwijzer_rounds', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_wegwijzer_rounds_trajectory_id'), ['trajectory_id'], unique=False)

    # Every existing trajectory had one round, begun when it started.
    op.execute("INSERT INTO wegwijzer_rounds (trajectory_id, number, started_by_id, started_at) "
               "SELECT id, 1, started_by_id, started_at FROM wegwijzer_trajectories")

    with op.batch_alter_table('wegwijzer_participants', schema=None) as batch_op:
        batch_op.add_column(sa.Column('round_id', sa.Integer(), nullable=True))
    op.execute("UPDATE wegwijzer_participants SET round_id = (SELECT r.id FROM wegwijzer_rounds r "
               "WHERE r.trajectory_id = wegwijzer_participants.trajectory_id AND r.number = 1)")
    with op.batch_alter_table('wegwijzer_participants', schema=None) as batch_op:
        batch_op.alter_column('round_id', existing_type=sa.Integer(), nullable=False)
        batch_op.drop_constraint('uq_wegwijzer_participants_trajectory_id', type_='unique')
        batch_op.create_unique_constraint(batch_op.f('uq_wegwijzer_participants_round_id'), ['round_id', 'user_id'])
        batch_op.create_index(batch_op.f('ix_wegwijzer_participants_round_id'), ['round_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_wegwijzer_participants_round_id_wegwijzer_rounds'), 'wegwijzer_rounds', ['round_id'], ['id'])
    _foreign_keys(True)

    # A round is a fact: never changed.
    for statement in immutable_table_sql(op.get_bind().dialect.name, 'wegwijzer_rounds'):
        op.execute(statement)


def downgrade():
    """Only the first round survives a downgrade: later rounds' participants and scores
    cannot be told apart from round 1's once the column is gone, so refuse when there are."""
    later = op.get_bind().scalar(sa.text("SELECT count(*) FROM wegwijzer_rounds WHERE number > 1"))
    if later:
        raise RuntimeError("Wegwijzer trajectories have more than one round: not downgrading.")
    _foreign_keys(False)
    with op.batch_alter_table('wegwijzer_participants', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_wegwijzer_participants_round_id_wegwijzer_rounds'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_wegwijzer_participants_round_id'))
        batch_op.drop_constraint(batch_op.f('uq_wegwijzer_participants_round_id'), type_='unique')
        batch_op.create_unique_constraint('uq_wegwijzer_participants_trajectory_id', ['trajectory_id', 'user_id'])
        batch_op.drop_column('round_id')
    _foreign_keys(True)
    for statement in drop_immutable_table_sql(op.get_bind().dialect.name, 'wegwijzer_rounds'):
        op.execute(statement)
    op.drop_table('wegwijzer_rounds')
