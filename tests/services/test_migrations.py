"""Every schema change is a migration: the migrated database equals the models."""
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from coordination.extensions import db


def test_the_migrations_produce_exactly_the_schema_of_the_models(app):
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), db.metadata)
    assert diff == []


def test_existing_wegwijzer_participants_and_scores_become_round_one(app, make):
    """The rounds migration, run over data: each trajectory gets round 1 (begun when it
    started), its participants join it, scores stay, and a member may join round 2."""
    import sqlalchemy as sa
    from alembic.script import ScriptDirectory
    from flask_migrate import downgrade, upgrade

    from coordination.wegwijzer.models import Participant, Round, Score

    before = ScriptDirectory.from_config(
        app.extensions["migrate"].migrate.get_config()).get_revision(
        "a7d3e9c5b1f2").down_revision
    care = make.user("coordinator")
    school = make.school()
    care_id, school_id = care.id, school.id
    db.session.commit()
    db.session.close()
    downgrade(revision=before)
    with db.engine.begin() as conn:
        trajectory = conn.execute(sa.text(
            "INSERT INTO wegwijzer_trajectories (school_id, title, started_by_id, started_at) "
            "VALUES (:s, 'Wegwijzer', :u, :at) RETURNING id"),
            {"s": school_id, "u": care_id, "at": "2025-10-01 09:00:00+00:00"}).scalar()
        participant = conn.execute(sa.text(
            'INSERT INTO wegwijzer_participants (trajectory_id, "group", user_id, '
            "invited_by_id, invited_at, scored_at) VALUES (:t, 'team', :u, :u, :at, :at) "
            "RETURNING id"), {"t": trajectory, "u": care_id,
                              "at": "2025-10-02 09:00:00+00:00"}).scalar()
        conn.execute(sa.text(
            "INSERT INTO wegwijzer_scores (participant_id, domain, score, at) "
            "VALUES (:p, 'classmates', 6, :at)"),
            {"p": participant, "at": "2025-10-02 09:00:00+00:00"})
    upgrade()
    first = db.session.scalar(sa.select(Round))
    assert (first.trajectory_id, first.number, first.started_by_id) == (trajectory, 1, care_id)
    assert first.started_at.year == 2025
    assert db.session.get(Participant, participant).round_id == first.id
    assert db.session.scalar(sa.select(Score.score)) == 6
    second = Round(trajectory_id=trajectory, number=2, started_by_id=care_id)
    db.session.add(second)
    db.session.flush()
    db.session.add(Participant(trajectory_id=trajectory, round_id=second.id, group="team",
                               user_id=care_id, invited_by_id=care_id))
    db.session.commit()
    with db.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), db.metadata) == []
