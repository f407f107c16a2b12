"""Agreement rules: visibility, the 16-year line, overdue, and revision replay."""
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coordination.rules import agreements as rules


@pytest.mark.parametrize("visibility, viewer, sees", [
    ("team", "professional", True), ("team", "youth", False), ("team", "parent", False),
    ("team_youth", "youth", True), ("team_youth", "parent", False),
    ("everyone", "parent", True), ("everyone", "youth", True), ("nonsense", "professional", False),
])
def test_who_sees_which_visibility(visibility, viewer, sees):
    assert rules.can_see(visibility, viewer) is sees


@pytest.mark.parametrize("age, allowed", [(15, False), (16, True), (17, True)])
def test_only_from_16_an_agreement_can_be_kept_from_the_parents(age, allowed):
    assert rules.visibility_allowed("team_youth", age) is allowed
    assert rules.visibility_allowed("everyone", age) and rules.visibility_allowed("team", age)


def test_overdue_means_open_and_past_the_due_date():
    today = date(2026, 11, 23)
    assert rules.is_overdue("open", date(2026, 11, 22), today)
    assert not rules.is_overdue("open", today, today)
    assert not rules.is_overdue("done", date(2026, 1, 1), today)
    assert not rules.is_overdue("open", None, today)


states = st.fixed_dictionaries({
    "text": st.text(min_size=1, max_size=20), "owner_user_id": st.integers(1, 5),
    "due_date": st.none() | st.dates(), "status": st.sampled_from(rules.STATUSES),
    "visibility": st.sampled_from(rules.VISIBILITIES)})
changes = st.dictionaries(st.sampled_from(rules.FIELDS), st.integers(1, 5) | st.text(max_size=5))


@given(states, st.lists(changes, max_size=15))
def test_replaying_the_history_gives_the_current_state_and_loses_nothing(first, edits):
    history = [first]
    state = first
    for change in edits:
        state = rules.apply_change(state, change)
        history.append(change)
    assert rules.replay(history) == state
    # Every intermediate state is recoverable from the prefix of the history.
    for n in range(1, len(history) + 1):
        prefix = rules.replay(history[:n])
        assert set(prefix) == set(rules.FIELDS)


def test_a_change_to_an_unknown_field_is_refused():
    with pytest.raises(ValueError):
        rules.apply_change({}, {"deleted": True})
