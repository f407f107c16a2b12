"""timetables per school and level, the student's own timetable, lesson hours, and the
team's statement of Kearney's criterion (b) on a case

Revision ID: f4a7c2d9b3e1
Revises: e1f2a3b4c5d6
Create Date: 2026-11-26 16:00:00

"""
from alembic import op
import sqlalchemy as sa

from coordination.database import drop_immutable_table_sql, immutable_table_sql

revision = 'f4a7c2d9b3e1'
down_revision = '0b88adb466f0'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'school_timetables',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('school_id', sa.Integer(), nullable=False),
        sa.Column('level', sa.String(length=16), nullable=True),
        sa.Column('hours_per_day', sa.Double(), nullable=False),
        sa.Column('weekdays', sa.String(length=5), nullable=False),
        sa.Column('by_id', sa.Integer(), nullable=True),
        sa.Column('at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['by_id'], ['users.id'],
                                name=op.f('fk_school_timetables_by_id_users')),
        sa.ForeignKeyConstraint(['school_id'], ['schools.id'],
                                name=op.f('fk_school_timetables_school_id_schools')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_school_timetables')),
        sa.UniqueConstraint('school_id', 'level',
                            name=op.f('uq_school_timetables_school_id')),
    )
    with op.batch_alter_table('school_timetables', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_school_timetables_school_id'), ['school_id'],
                              unique=False)
    # Plain ADD COLUMN (no table copy).
    with op.batch_alter_table('schools', schema=None, recreate='never') as batch_op:
        batch_op.add_column(sa.Column('lesson_hours', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
    with op.batch_alter_table('students', schema=None, recreate='never') as batch_op:
        batch_op.add_column(sa.Column('timetable_hours', sa.Double(), nullable=True))
        batch_op.add_column(sa.Column('timetable_weekdays', sa.String(length=5), nullable=True))

    op.create_table(
        'hard_to_attend_statements',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('case_id', sa.Integer(), nullable=False),
        sa.Column('holds', sa.Boolean(), nullable=False),
        sa.Column('stated_on', sa.Date(), nullable=False),
        sa.Column('note', sa.Text(), nullable=False),
        sa.Column('by_id', sa.Integer(), nullable=False),
        sa.Column('at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['by_id'], ['users.id'],
                                name=op.f('fk_hard_to_attend_statements_by_id_users')),
        sa.ForeignKeyConstraint(['case_id'], ['cases.id'],
                                name=op.f('fk_hard_to_attend_statements_case_id_cases')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_hard_to_attend_statements')),
    )
    with op.batch_alter_table('hard_to_attend_statements', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_hard_to_attend_statements_case_id'), ['case_id'],
                              unique=False)
    # A statement is history: withdrawn by a new row, never changed or deleted.
    for statement in immutable_table_sql(op.get_bind().dialect.name,
                                         'hard_to_attend_statements'):
        op.execute(statement)


def downgrade():
    for statement in drop_immutable_table_sql(op.get_bind().dialect.name,
                                              'hard_to_attend_statements'):
        op.execute(statement)
    with op.batch_alter_table('hard_to_attend_statements', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_hard_to_attend_statements_case_id'))
    op.drop_table('hard_to_attend_statements')
    with op.batch_alter_table('students', schema=None, recreate='never') as batch_op:
        batch_op.drop_column('timetable_weekdays')
        batch_op.drop_column('timetable_hours')
    with op.batch_alter_table('schools', schema=None, recreate='never') as batch_op:
        batch_op.drop_column('lesson_hours')
    with op.batch_alter_table('school_timetables', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_school_timetables_school_id'))
    op.drop_table('school_timetables')
