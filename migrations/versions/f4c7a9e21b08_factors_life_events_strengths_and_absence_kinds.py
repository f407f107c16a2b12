"""factors, life events and strengths on a case; more than one kind of absence; the
Wegwijzer for a school (issue 13)

Revision ID: f4c7a9e21b08
Revises: 0b88adb466f0
Create Date: 2026-11-26 16:30:00

"""
from alembic import op
import sqlalchemy as sa

from coordination.database import drop_immutable_table_sql, immutable_table_sql

APPEND_ONLY = ("case_factors", "case_factor_endings", "wegwijzer_scores")

# revision identifiers, used by Alembic.
revision = 'f4c7a9e21b08'
down_revision = '6ac04493c1c0'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('case_factors',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('area', sa.String(length=16), nullable=True),
    sa.Column('domain', sa.String(length=32), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('happened_on', sa.Date(), nullable=True),
    sa.Column('visibility', sa.String(length=16), nullable=False),
    sa.Column('source', sa.String(length=16), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_case_factors_author_id_users')),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_case_factors_case_id_cases')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_factors'))
    )
    with op.batch_alter_table('case_factors', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_factors_case_id'), ['case_id'], unique=False)

    op.create_table('case_factor_endings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('factor_id', sa.Integer(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('by_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['by_id'], ['users.id'], name=op.f('fk_case_factor_endings_by_id_users')),
    sa.ForeignKeyConstraint(['factor_id'], ['case_factors.id'], name=op.f('fk_case_factor_endings_factor_id_case_factors')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_factor_endings')),
    sa.UniqueConstraint('factor_id', name=op.f('uq_case_factor_endings_factor_id'))
    )

    op.create_table('case_absence_kinds',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('is_primary', sa.Boolean(), nullable=False),
    sa.Column('chosen_by_id', sa.Integer(), nullable=False),
    sa.Column('chosen_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_case_absence_kinds_case_id_cases')),
    sa.ForeignKeyConstraint(['chosen_by_id'], ['users.id'], name=op.f('fk_case_absence_kinds_chosen_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_absence_kinds')),
    sa.UniqueConstraint('case_id', 'kind', name=op.f('uq_case_absence_kinds_case_id'))
    )
    with op.batch_alter_table('case_absence_kinds', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_absence_kinds_case_id'), ['case_id'], unique=False)
    # The one kind each case has today becomes its primary kind.
    op.execute(
        "INSERT INTO case_absence_kinds (case_id, kind, is_primary, chosen_by_id, chosen_at) "
        "SELECT id, absence_kind, true, coordinator_id, opened_at FROM cases "
        "WHERE absence_kind <> 'unknown'")

    op.create_table('wegwijzer_trajectories',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('school_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('started_by_id', sa.Integer(), nullable=False),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['school_id'], ['schools.id'], name=op.f('fk_wegwijzer_trajectories_school_id_schools')),
    sa.ForeignKeyConstraint(['started_by_id'], ['users.id'], name=op.f('fk_wegwijzer_trajectories_started_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_wegwijzer_trajectories'))
    )
    with op.batch_alter_table('wegwijzer_trajectories', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_wegwijzer_trajectories_school_id'), ['school_id'], unique=False)

    op.create_table('wegwijzer_participants',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('trajectory_id', sa.Integer(), nullable=False),
    sa.Column('group', sa.String(length=16), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('name', sa.String(length=120), nullable=True),
    sa.Column('token_hash', sa.String(length=64), nullable=True),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('scored_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('invited_by_id', sa.Integer(), nullable=False),
    sa.Column('invited_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['invited_by_id'], ['users.id'], name=op.f('fk_wegwijzer_participants_invited_by_id_users')),
    sa.ForeignKeyConstraint(['trajectory_id'], ['wegwijzer_trajectories.id'], name=op.f('fk_wegwijzer_participants_trajectory_id_wegwijzer_trajectories')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_wegwijzer_participants_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_wegwijzer_participants')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_wegwijzer_participants_token_hash')),
    sa.UniqueConstraint('trajectory_id', 'user_id', name=op.f('uq_wegwijzer_participants_trajectory_id'))
    )
    with op.batch_alter_table('wegwijzer_participants', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_wegwijzer_participants_trajectory_id'), ['trajectory_id'], unique=False)

    op.create_table('wegwijzer_scores',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.Column('domain', sa.String(length=32), nullable=False),
    sa.Column('score', sa.SmallInteger(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['participant_id'], ['wegwijzer_participants.id'], name=op.f('fk_wegwijzer_scores_participant_id_wegwijzer_participants')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_wegwijzer_scores')),
    sa.UniqueConstraint('participant_id', 'domain', name=op.f('uq_wegwijzer_scores_participant_id'))
    )
    with op.batch_alter_table('wegwijzer_scores', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_wegwijzer_scores_participant_id'), ['participant_id'], unique=False)

    op.create_table('wegwijzer_choices',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('trajectory_id', sa.Integer(), nullable=False),
    sa.Column('domain', sa.String(length=32), nullable=False),
    sa.Column('chosen_by_id', sa.Integer(), nullable=False),
    sa.Column('chosen_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['chosen_by_id'], ['users.id'], name=op.f('fk_wegwijzer_choices_chosen_by_id_users')),
    sa.ForeignKeyConstraint(['trajectory_id'], ['wegwijzer_trajectories.id'], name=op.f('fk_wegwijzer_choices_trajectory_id_wegwijzer_trajectories')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_wegwijzer_choices')),
    sa.UniqueConstraint('trajectory_id', 'domain', name=op.f('uq_wegwijzer_choices_trajectory_id'))
    )
    with op.batch_alter_table('wegwijzer_choices', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_wegwijzer_choices_trajectory_id'), ['trajectory_id'], unique=False)

    for table in APPEND_ONLY:
        for statement in immutable_table_sql(op.get_bind().dialect.name, table):
            op.execute(statement)


def downgrade():
    for table in APPEND_ONLY:
        for statement in drop_immutable_table_sql(op.get_bind().dialect.name, table):
            op.execute(statement)
    for table in ('wegwijzer_choices', 'wegwijzer_scores', 'wegwijzer_participants',
                  'wegwijzer_trajectories'):
        op.drop_table(table)
    with op.batch_alter_table('case_absence_kinds', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_case_absence_kinds_case_id'))
    op.drop_table('case_absence_kinds')
    op.drop_table('case_factor_endings')
    with op.batch_alter_table('case_factors', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_case_factors_case_id'))
    op.drop_table('case_factors')
