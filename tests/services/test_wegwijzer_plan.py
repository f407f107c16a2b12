"""The Wegwijzer plan per chosen domain against the database: interventions withdrawn by a
row of their own, goals and actions changed only by new revisions, the owner's worklist,
and who may see and change the plan."""
from datetime import timedelta

import pytest
import sqlalchemy as sa

from coordination.database import RowIsImmutable
from coordination.errors import Conflict, Forbidden, NotFound, ValidationError
from coordination.extensions import db
from coordination.timeutil import today_local
from coordination.wegwijzer import plan, rounds, services
from coordination.wegwijzer.plan_models import Intervention, PlanRevision
from coordination.worklist import services as worklist


@pytest.fixture
def setting(app, make):
    school = make.school()
    care = make.link(make.user("coordinator", name="Zorgcoördinator"), school)
    mentor = make.link(make.user("professional", name="Mentor"), school)
    trajectory = services.start(care, school.id, "Wegwijzer")
    services.choose(care, trajectory.id, ["school_climate", "classmates"])
    return {"school": school, "care": care, "mentor": mentor, "id": trajectory.id}


def goal(setting, domain="classmates"):
    return plan.add_goal(setting["care"], setting["id"], domain,
                         "Fewer students feel left out", setting["care"].id)


def action(setting, due=None, owner=None):
    due = due or today_local() + timedelta(days=3)
    g = goal(setting)
    return plan.add_action(setting["care"], setting["id"], g.item_id, "Train the mentors",
                           (owner or setting["mentor"]).id, due)


def test_an_intervention_is_recorded_with_its_recognition_level(setting):
    row = plan.add_intervention(setting["care"], setting["id"], "classmates",
                                " Programma tegen pesten ", "effective", "")
    assert (row.name, row.recognition, row.note) == ("Programma tegen pesten", "effective",
                                                     None)


def test_an_unknown_recognition_level_and_a_missing_name_are_field_errors(setting):
    with pytest.raises(ValidationError) as err:
        plan.add_intervention(setting["care"], setting["id"], "classmates", " ", "famous")
    assert set(err.value.fields) == {"name", "recognition"}


def test_only_a_chosen_domain_gets_new_entries(setting):
    with pytest.raises(NotFound):
        plan.add_intervention(setting["care"], setting["id"], "home_situation", "X",
                              "well_described")
    with pytest.raises(NotFound):
        plan.add_goal(setting["care"], setting["id"], "nonsense", "X", setting["care"].id)


def test_withdrawing_keeps_the_intervention_and_happens_once(setting):
    row = plan.add_intervention(setting["care"], setting["id"], "classmates", "Kanjertraining",
                                "well_founded")
    plan.withdraw_intervention(setting["care"], setting["id"], row.id, "Does not fit")
    db.session.expire_all()
    kept = db.session.get(Intervention, row.id)
    assert not kept.current and kept.withdrawal.reason == "Does not fit"
    with pytest.raises(Conflict):
        plan.withdraw_intervention(setting["care"], setting["id"], row.id)


def test_interventions_cannot_be_changed_or_deleted(setting):
    row = plan.add_intervention(setting["care"], setting["id"], "classmates", "X",
                                "not_recognised")
    row.name = "Y"
    with pytest.raises(RowIsImmutable):
        db.session.commit()
    db.session.rollback()
    with pytest.raises(RowIsImmutable):
        db.session.execute(sa.delete(Intervention))
    db.session.rollback()


def test_an_action_needs_a_staff_member_of_the_school_and_a_date(setting, make):
    g = goal(setting)
    elsewhere = make.link(make.user("professional"), make.school())
    analyst = make.link(make.user("analyst"), setting["school"])
    for owner in (elsewhere, analyst):
        with pytest.raises(ValidationError) as err:
            plan.add_action(setting["care"], setting["id"], g.item_id, "Do it", owner.id, None)
        assert set(err.value.fields) == {"owner_user_id", "due_date"}


def test_a_new_action_cannot_be_due_in_the_past(setting):
    with pytest.raises(ValidationError) as err:
        action(setting, due=today_local() - timedelta(days=1))
    assert "due_date" in err.value.fields


def test_a_change_is_a_new_revision_with_its_reason(setting):
    first = action(setting)
    plan.revise(setting["care"], setting["id"], first.item_id, first.text, first.owner_user_id,
                first.due_date, "done", "Training given on Tuesday")
    history = db.session.scalars(sa.select(PlanRevision).where(
        PlanRevision.item_id == first.item_id).order_by(PlanRevision.number)).all()
    assert [(r.number, r.status, r.reason) for r in history] == [
        (1, "open", None), (2, "done", "Training given on Tuesday")]


def test_a_change_without_a_reason_or_without_a_change_is_refused(setting):
    first = action(setting)
    with pytest.raises(ValidationError) as err:
        plan.revise(setting["care"], setting["id"], first.item_id, first.text,
                    first.owner_user_id, first.due_date, "done", "")
    assert "reason" in err.value.fields
    with pytest.raises(ValidationError) as err:
        plan.revise(setting["care"], setting["id"], first.item_id, first.text,
                    first.owner_user_id, first.due_date, "open", "No change")
    assert "status" in err.value.fields


def test_revisions_cannot_be_changed(setting):
    first = action(setting)
    first.status = "done"
    with pytest.raises(RowIsImmutable):
        db.session.commit()
    db.session.rollback()


def test_two_changes_at_once_meet_a_conflict(setting, monkeypatch):
    first = action(setting)
    stale = first
    plan.revise(setting["care"], setting["id"], first.item_id, first.text, first.owner_user_id,
                first.due_date, "done", "Done")
    monkeypatch.setattr(plan, "_current", lambda item_id: stale)
    with pytest.raises(Conflict):
        plan.revise(setting["care"], setting["id"], first.item_id, first.text,
                    first.owner_user_id, first.due_date, "cancelled", "Stopped")


def test_the_owner_sees_their_due_action_on_the_worklist_until_it_is_done(setting):
    first = action(setting)
    items = worklist.worklist(setting["mentor"], today_local(), school_work=True)
    assert [(i.kind, i.trajectory_id, i.plan_item_id, i.due_on) for i in items] == [
        ("wegwijzer_action", setting["id"], first.item_id, first.due_date)]
    assert worklist.worklist(setting["care"], today_local(), school_work=True) == []
    assert worklist.worklist(setting["mentor"], today_local()) == []  # the API: per student only
    plan.revise(setting["care"], setting["id"], first.item_id, first.text, first.owner_user_id,
                first.due_date, "done", "Done")
    assert worklist.worklist(setting["mentor"], today_local(), school_work=True) == []


def test_a_handed_on_action_moves_to_the_new_owners_worklist(setting):
    first = action(setting)
    plan.revise(setting["care"], setting["id"], first.item_id, first.text, setting["care"].id,
                first.due_date, "open", "Mentor is ill")
    assert worklist.worklist(setting["mentor"], today_local(), school_work=True) == []
    assert [i.plan_item_id for i in worklist.worklist(
        setting["care"], today_local(), school_work=True)] == [first.item_id]


def test_an_action_due_later_than_the_week_waits(setting):
    action(setting, due=today_local() + timedelta(days=plan.AHEAD_DAYS + 1))
    assert worklist.worklist(setting["mentor"], today_local(), school_work=True) == []
    later = today_local() + timedelta(days=plan.AHEAD_DAYS + 3)
    assert [i.kind for i in worklist.worklist(setting["mentor"], later, school_work=True)] == [
        "wegwijzer_action"]


def test_an_owner_no_longer_linked_to_the_school_no_longer_sees_the_action(setting):
    action(setting)
    setting["mentor"].schools.clear()
    db.session.commit()
    assert worklist.worklist(setting["mentor"], today_local(), school_work=True) == []


def test_the_worklist_query_is_bounded_by_the_owners_own_revisions(setting, make):
    """Another school's many actions do not enter the query (one statement either way)."""
    action(setting)
    with make.statements() as statements:
        plan.due_for(setting["mentor"], today_local())
    assert len(statements) == 1 and "owner_user_id" in statements[0]


def test_another_schools_staff_get_not_found(setting, make):
    outsider = make.link(make.user("coordinator"), make.school())
    with pytest.raises(NotFound):
        plan.check_domain(outsider, setting["id"], "classmates")
    with pytest.raises(NotFound):
        plan.add_goal(outsider, setting["id"], "classmates", "X", outsider.id)
    first = action(setting)
    with pytest.raises(NotFound):
        plan.item_for(outsider, setting["id"], first.item_id)


def test_an_item_of_another_trajectory_is_not_found(setting):
    first = action(setting)
    other = services.start(setting["care"], setting["school"].id, "Another round")
    with pytest.raises(NotFound):
        plan.item_for(setting["care"], other.id, first.item_id)


def test_an_invited_colleague_who_is_not_staff_may_not_change_the_plan(setting, make):
    colleague = make.link(make.user("professional"), setting["school"])
    services.invite_member(setting["care"], setting["id"], colleague.id)
    colleague.schools.clear()
    db.session.commit()
    with pytest.raises(Forbidden):
        plan.add_goal(colleague, setting["id"], "classmates", "X", setting["care"].id)


def test_the_page_lists_chosen_domains_and_those_still_holding_a_plan(setting):
    goal(setting, "school_climate")
    services.choose(setting["care"], setting["id"], ["mental_capital"])
    trajectory = services.trajectory_for(setting["care"], setting["id"])
    sections = plan.sections(trajectory, ["mental_capital"])
    assert [(s["domain"], s["chosen"]) for s in sections] == [
        ("school_climate", False), ("mental_capital", True)]
    assert sections[0]["goals"][0]["current"].text == "Fewer students feel left out"


def stage(setting):
    context = services.report(setting["care"], setting["id"])
    return next(s["stage"] for s in rounds.overview(context)["steps"]
                if s["state"] == "current")


def test_the_plan_moves_the_trajectory_to_carrying_out_and_then_to_looking_back(setting):
    """The manual's steps 5-7 (seed 003 §1) follow the plan of the current round."""
    assert stage(setting) == "plan"
    first = action(setting)
    assert stage(setting) == "carry_out"
    plan.revise(setting["care"], setting["id"], first.item_id, first.text, first.owner_user_id,
                first.due_date, "done", "Training given on Tuesday")
    assert stage(setting) == "carry_out"  # the goal is still open
    goal_row = db.session.scalar(sa.select(PlanRevision).where(
        PlanRevision.item_id != first.item_id))
    plan.revise(setting["care"], setting["id"], goal_row.item_id, goal_row.text,
                goal_row.owner_user_id, goal_row.due_date, "done", "Reached")
    assert stage(setting) == "look_back"
