"""The agreements log against the database: append-only, visibility, validation."""
from datetime import date, timedelta

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coordination.agreements import services
from coordination.agreements.models import AgreementRevision
from coordination.errors import Forbidden, NotFound, ValidationError
from coordination.extensions import db
from coordination.rules import agreements as rules
from coordination.timeutil import today_local


@pytest.fixture
def team(make):
    coordinator, mentor = make.user("coordinator"), make.user("professional")
    parent, youth = make.user("parent"), make.user("youth")
    student = make.student(dob=today_local() - timedelta(days=365 * 17))
    case = make.case(coordinator, student, members=[
        (mentor, "mentor"), (parent, "parent"), (youth, "youth")])
    return case, coordinator, mentor, parent, youth


def revisions_count():
    return db.session.scalar(sa.select(sa.func.count(AgreementRevision.id)))


def test_a_revision_is_added_and_the_history_is_complete(app, team):
    case, coordinator, mentor, *_ = team
    first = services.create(coordinator, case.id, "Mentor calls every Monday", mentor.id,
                            today_local() + timedelta(days=7))
    services.revise(coordinator, case.id, first.agreement_id, {"status": "done"}, "It worked")
    history = services.history(mentor, case.id, first.agreement_id)
    assert [(r.number, r.status, r.reason) for r in history] == [
        (1, "open", None), (2, "done", "It worked")]
    assert history[0].text == history[1].text == "Mentor calls every Monday"


def test_visibility_is_applied_to_parents_and_youth(app, team):
    case, coordinator, mentor, parent, youth = team
    for visibility in ("team", "team_youth", "everyone"):
        services.create(coordinator, case.id, visibility, mentor.id, visibility=visibility)
    seen = {who: [r.text for r in services.list_visible(user, case.id)]
            for who, user in (("mentor", mentor), ("parent", parent), ("youth", youth))}
    assert seen == {"mentor": ["team", "team_youth", "everyone"], "parent": ["everyone"],
                    "youth": ["team_youth", "everyone"]}
    hidden = services.list_visible(mentor, case.id)[1]
    with pytest.raises(NotFound):
        services.history(parent, case.id, hidden.agreement_id)


def test_family_members_cannot_write_and_outsiders_do_not_see(app, team, make):
    case, coordinator, mentor, parent, youth = team
    with pytest.raises(Forbidden):
        services.create(parent, case.id, "x", parent.id)
    with pytest.raises(NotFound):
        services.create(make.user("coordinator"), case.id, "x", coordinator.id)


@pytest.mark.parametrize("kwargs, field", [
    ({"text": "   "}, "text"),
    ({"text": "x" * 20000}, "text"),
    ({"due_date": date(2020, 1, 1)}, "due_date"),
    ({"visibility": "secret"}, "visibility"),
    ({"owner": "stranger"}, "owner_user_id"),
    ({"owner": "parent", "visibility": "team"}, "visibility"),
])
def test_bad_input_is_explained_and_nothing_is_stored(app, team, make, kwargs, field):
    case, coordinator, mentor, parent, _ = team
    owners = {"stranger": make.user("professional"), "parent": parent}
    kwargs = dict(kwargs)  # the parameters are shared between the two databases' runs
    args = {"text": "Go to school", "owner_user_id": owners.get(kwargs.pop("owner", None), mentor).id,
            "due_date": None, "visibility": "everyone", **kwargs}
    with pytest.raises(ValidationError) as caught:
        services.create(coordinator, case.id, **args)
    assert field in caught.value.fields and revisions_count() == 0


def test_team_youth_needs_a_youth_of_16(app, make):
    coordinator = make.user("coordinator")
    young = make.case(coordinator, make.student(dob=today_local() - timedelta(days=365 * 15 + 10)))
    with pytest.raises(ValidationError):
        services.create(coordinator, young.id, "x", coordinator.id, visibility="team_youth")


def test_revisions_cannot_be_changed_or_deleted(app, team):
    case, coordinator, mentor, *_ = team
    services.create(coordinator, case.id, "x", mentor.id)
    for statement in ("UPDATE agreement_revisions SET text = 'y'", "DELETE FROM agreement_revisions"):
        with pytest.raises(sa.exc.DatabaseError):
            with db.engine.begin() as conn:
                conn.execute(sa.text(statement))
    assert revisions_count() == 1


edits = st.lists(st.one_of(
    st.fixed_dictionaries({"status": st.sampled_from(rules.STATUSES)}),
    st.fixed_dictionaries({"text": st.text("abc xyz", min_size=1, max_size=12).filter(str.strip)}),
    st.fixed_dictionaries({"due_date": st.dates(date(2030, 1, 1), date(2031, 1, 1))}),
), min_size=1, max_size=8)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits)
def test_any_sequence_of_edits_replays_to_the_current_state(app, team, sequence):
    case, coordinator, mentor, *_ = team
    first = services.create(coordinator, case.id, "start", mentor.id)
    applied = 0
    for change in sequence:
        try:
            services.revise(coordinator, case.id, first.agreement_id, change, "edit")
            applied += 1
        except ValidationError:  # "nothing was changed" is refused, not stored
            db.session.rollback()
    history = services.history(coordinator, case.id, first.agreement_id)
    assert len(history) == applied + 1
    replayed = rules.replay([history[0].state()] + [
        rules.changed_fields(a.state(), b.state()) for a, b in zip(history, history[1:])])
    current = services.list_visible(coordinator, case.id)
    current = next(r for r in current if r.agreement_id == first.agreement_id)
    assert replayed == current.state()


def test_views_and_reads_follow_visibility(app, team):
    from coordination.agreements import voices
    case, coordinator, mentor, parent, youth = team
    shared = services.create(coordinator, case.id, "shared", mentor.id)
    hidden = services.create(coordinator, case.id, "youth only", youth.id, visibility="team_youth")
    voices.add_comment(youth, case.id, hidden.agreement_id, "I want to try")
    with pytest.raises(NotFound):
        voices.add_comment(parent, case.id, hidden.agreement_id, "what is this?")
    with pytest.raises(NotFound):
        voices.mark_read(parent, case.id, hidden.agreement_id)
    with pytest.raises(ValidationError):
        voices.add_comment(parent, case.id, shared.agreement_id, "x" * 20000)
    voices.mark_read(parent, case.id, shared.agreement_id)
    services.revise(coordinator, case.id, shared.agreement_id, {"status": "done"}, "done")
    current = services.current_for(coordinator, case)
    # A new revision needs a new read.
    assert voices.readers_by_agreement(current, "professional").get(
        shared.agreement_id, set()) == set()
    assert [c.text for c in voices.comments_by_agreement(current, "professional")[
        hidden.agreement_id]] == ["I want to try"]


def test_overdue_agreements_reach_the_owner_and_the_coordinator_only(app, team, make):
    case, coordinator, mentor, parent, youth = team
    late = make.agreement(case, coordinator, text="late", owner=mentor, due_date=date(2026, 1, 5))
    make.agreement(case, coordinator, text="on time", owner=mentor, due_date=date(2026, 12, 1))
    make.agreement(case, coordinator, text="done late", owner=mentor, due_date=date(2026, 1, 5),
                   status="done")
    today = date(2026, 11, 23)

    def texts(user):
        return [(r.text, case_id) for r, case_id in services.overdue_for(user, today)]

    assert texts(mentor) == [("late", case.id)] == texts(coordinator)
    assert texts(parent) == [] and texts(make.user("coordinator")) == []
    services.revise(coordinator, case.id, late.agreement_id, {"status": "done"}, "done now")
    assert texts(mentor) == []


def test_the_case_page_s_one_read_gives_each_viewer_what_they_may_see(app, team):
    """current_and_histories (the case page) gives the current revisions of current_for
    and, per agreement, only the revisions the viewer may see, oldest first."""
    case, coordinator, mentor, parent, youth = team
    shared = services.create(coordinator, case.id, "shared", mentor.id,
                             due_date=today_local() + timedelta(days=9))
    services.create(coordinator, case.id, "youth only", youth.id, visibility="team_youth",
                    due_date=today_local() + timedelta(days=2))
    opened = services.create(coordinator, case.id, "first for the team", mentor.id,
                             visibility="team")
    closed = services.create(coordinator, case.id, "first for everyone", mentor.id)
    services.revise(coordinator, case.id, opened.agreement_id,
                    {"visibility": "everyone", "text": "now for everyone"}, "share it")
    services.revise(coordinator, case.id, closed.agreement_id,
                    {"visibility": "team", "text": "now for the team"}, "keep it in")
    services.revise(coordinator, case.id, shared.agreement_id, {"status": "done"}, "done")
    expected = {
        coordinator: (["youth only", "shared", "now for everyone", "now for the team"],
                      {"shared": ["shared", "shared"], "now for everyone":
                       ["first for the team", "now for everyone"],
                       "now for the team": ["first for everyone", "now for the team"]}),
        youth: (["youth only", "shared", "now for everyone"],
                {"shared": ["shared", "shared"], "now for everyone": ["now for everyone"]}),
        parent: (["shared", "now for everyone"],
                 {"shared": ["shared", "shared"], "now for everyone": ["now for everyone"]}),
    }
    for viewer, (texts, older) in expected.items():
        current, histories = services.current_and_histories(viewer, case)
        assert current == services.current_for(viewer, case)
        assert [r.text for r in current] == texts
        by_text = {r.text: [h.text for h in histories[r.agreement_id]] for r in current}
        assert {t: h for t, h in by_text.items() if t in older} == older
        assert all(h[-1] is r for r in current for h in [histories[r.agreement_id]])
